package authv2_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
)

// Sign a push the way AICC does and print the Authorization header.
func ExampleSign() {
	body := []byte(`{"messages":[],"timestamp":1625898453000}`)
	req, _ := http.NewRequest("POST", "http://receiver.example.com/webhooks/v1/messages", strings.NewReader(string(body)))
	req.Host = "receiver.example.com" // the demo signs the bare host
	ts := authv2.Timestamp(time.Date(2021, 7, 10, 6, 27, 33, 0, time.UTC))
	fmt.Println(authv2.Sign(authv2.FromHTTP(req, body), "my-ak", "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM", ts, []string{"host"}))
	// Output: auth-v2/my-ak/2021-07-10T06:27:33Z/host/96deabb2ba36a274e5f81380da1e3424fd2bcf2b746206fafd963674939c4b00
}

// Verify a push in a receiver: parse the header, rebuild the canonical
// request from what arrived, and compare.
func ExampleVerify() {
	body := []byte(`{"messages":[],"timestamp":1625898453000}`)
	req, _ := http.NewRequest("POST", "http://receiver.example.com/webhooks/v1/messages", strings.NewReader(string(body)))
	req.Host = "receiver.example.com"
	sk := "Q3mZ8vK2pL9xR4tY7wN1cB6hJ5dF0gS3aE8uI2oP4kM"
	header := authv2.Sign(authv2.FromHTTP(req, body), "my-ak", sk, "2021-07-10T06:27:33Z", []string{"host"})

	p, err := authv2.Verify(header, authv2.FromHTTP(req, body), sk)
	fmt.Println(p.AccessKey, p.SignedHeaders, err)
	_, err = authv2.Verify(header, authv2.FromHTTP(req, []byte(`{}`)), sk)
	fmt.Println(err != nil)
	// Output:
	// my-ak [host] <nil>
	// true
}
