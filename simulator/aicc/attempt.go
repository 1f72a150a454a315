package aicc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/journal"
)

// do makes one attempt: build and sign the body at the attempt's virtual
// time, POST it, and judge the answer.
func (d *sender) do(ctx context.Context, j job) result {
	body, _ := json.Marshal(PushBody{Timestamp: ms(j.at), Messages: j.messages}) // plain structs always marshal
	r := result{url: j.sub.PushURL(), body: body}
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(body))
	if err != nil {
		r.err = "bad-url: " + err.Error()
		return r
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "AICC-Push/1.0 (Switchboard)")
	authorize(req, j, body)
	r.headers = map[string]string{"Host": req.Host}
	for k := range req.Header {
		r.headers[k] = journal.RedactValue(req.Header.Get(k))
		if k == "Content-Type" || k == "User-Agent" {
			r.headers[k] = req.Header.Get(k)
		}
	}
	start := time.Now() // wall clock: latency and the timeout are real time
	resp, err := d.client.Do(req)
	r.latency = time.Since(start)
	if err != nil {
		r.err = classify(err)
		return r
	}
	defer resp.Body.Close()
	r.status = resp.StatusCode
	r.response, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	r.latency = time.Since(start)
	switch {
	case err != nil:
		r.err = classify(err)
	case resp.StatusCode != http.StatusOK:
		r.err = "http-status: " + strconv.Itoa(resp.StatusCode)
	default:
		var ack struct {
			ResultCode any `json:"resultCode"`
		}
		if json.Unmarshal(r.response, &ack) != nil {
			r.err = "invalid-json: the response body is not a JSON object"
		} else if code := fmt.Sprint(ack.ResultCode); code != "0" {
			r.err = "result-code: resultCode is " + strconv.Quote(code) + ", not \"0\""
		}
	}
	return r
}

func classify(err error) string {
	var nerr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout():
		return "timeout: no answer within the delivery timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection-refused: " + err.Error()
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return "network: " + uerr.Err.Error()
	}
	return "network: " + err.Error()
}

// authorize sets the Authorization header for the subscription's mode. For
// auth-v2 the Host header is the bare host, as Huawei's demo signs it.
func authorize(req *http.Request, j job, body []byte) {
	a := j.sub.Auth
	switch a.Mode {
	case AuthBearer:
		req.Header.Set("Authorization", "Bearer "+a.Token)
	case AuthV2:
		req.Host = req.URL.Hostname()
		ts := authv2.Timestamp(j.at)
		if a.TimestampFormat == TimestampMillis {
			ts = strconv.FormatInt(ms(j.at), 10)
		}
		req.Header.Set("Authorization", authv2.Sign(authv2.FromHTTP(req, body), a.AccessKey, a.SecretKey, ts, a.SignedHeaders))
	}
}
