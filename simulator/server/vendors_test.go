package server_test

import (
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/server"
	"github.com/switchboard-sim/switchboard/simulator/vendors"
)

// TestAnEmptyVendorListIsRefused: a Config without vendors says so at
// start-up rather than failing later on the control plane's spec.
func TestAnEmptyVendorListIsRefused(t *testing.T) {
	if _, err := server.New(server.Config{}); err == nil || !strings.Contains(err.Error(), "Config.Vendors is empty") {
		t.Fatalf("err %v, want an empty vendor list refused", err)
	}
}

// TestTwoVendorsOfOneNameFailStartUp: the list is checked, not trusted.
func TestTwoVendorsOfOneNameFailStartUp(t *testing.T) {
	list := vendors.All()
	_, err := server.New(server.Config{Vendors: append(list, list[0])})
	if err == nil || !strings.Contains(err.Error(), "two vendors are called") {
		t.Fatalf("err %v, want two vendors of one name refused", err)
	}
}
