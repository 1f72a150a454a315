package features

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// world is one scenario's state: its credential (hence tenant), variables,
// the last response, open event sources and webhook receivers.
type world struct {
	target    Target
	plugins   *plugins
	api       string
	cred      string
	noAuth    bool
	headers   map[string]string
	vars      map[string]string
	resp      *response
	parallel  []*response        // the responses of the last concurrent step
	src       *source            // the event source the "receives" steps read
	sources   map[string]*source // every source opened, closed at the end
	lastEvent any
	receivers map[string]*receiver
	step      time.Duration // clock step of "within ... of simulated time"
	client    *http.Client  // the target's client with this scenario's cookie jar
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
	json   any
	jsonOK bool
}

func newWorld(t Target, p *plugins) *world { return &world{target: t, plugins: p} }

// begin gives the scenario a fresh credential and empty state.
func (w *world) begin(*godog.Scenario) error {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	w.cred = "feature-" + hex.EncodeToString(b[:])
	w.api, w.noAuth = "", false
	w.headers, w.vars = map[string]string{}, map[string]string{}
	w.sources, w.receivers = map[string]*source{}, map[string]*receiver{}
	w.resp, w.lastEvent, w.src, w.parallel = nil, nil, nil, nil
	w.step = time.Second
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	c := *w.target.Client
	c.Jar = jar
	w.client = &c
	return nil
}

// end closes what the scenario opened and resets its tenant.
func (w *world) end() {
	for _, s := range w.sources {
		s.close()
	}
	for _, r := range w.receivers {
		r.close()
	}
	_, _ = w.admin(http.MethodPost, "/reset?tenant="+url.QueryEscape(w.cred), nil)
}

func (w *world) tenantID() string { return tenant.ID(w.cred) }

var varRef = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.+\-]+)\s*\}\}`)

// expand replaces {{name}} with a variable: a saved value, credential,
// tenant, now, now+90m / now-1h (the tenant clock, RFC 3339), or
// receiver.NAME (a webhook receiver's URL).
func (w *world) expand(s string) (string, error) {
	var firstErr error
	out := varRef.ReplaceAllStringFunc(s, func(m string) string {
		name := varRef.FindStringSubmatch(m)[1]
		v, err := w.lookup(name)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return v
	})
	return out, firstErr
}

func (w *world) lookup(name string) (string, error) {
	if v, ok := w.vars[name]; ok {
		return v, nil
	}
	switch {
	case name == "credential":
		return w.cred, nil
	case name == "tenant":
		return w.tenantID(), nil
	case name == "now" || strings.HasPrefix(name, "now+") || strings.HasPrefix(name, "now-"):
		now, err := w.now()
		if err != nil {
			return "", err
		}
		if off := strings.TrimPrefix(name, "now"); off != "" {
			d, err := time.ParseDuration(strings.TrimPrefix(off, "+"))
			if err != nil {
				return "", fmt.Errorf("{{%s}}: %w", name, err)
			}
			now = now.Add(d)
		}
		return now.Format(time.RFC3339), nil
	case strings.HasPrefix(name, "receiver."):
		if r, ok := w.receivers[strings.TrimPrefix(name, "receiver.")]; ok {
			return r.url(), nil
		}
	}
	return "", fmt.Errorf("no variable {{%s}}: save one first (I save the JSON at ... as %q)", name, name)
}

// now is the scenario tenant's clock.
func (w *world) now() (time.Time, error) {
	r, err := w.admin(http.MethodGet, "/clock?tenant="+url.QueryEscape(w.cred), nil)
	if err != nil {
		return time.Time{}, err
	}
	var c struct {
		Now time.Time `json:"now"`
	}
	if err := json.Unmarshal(r.body, &c); err != nil {
		return time.Time{}, fmt.Errorf("clock: %w", err)
	}
	return c.Now, nil
}

// admin calls the control plane and fails on any status but 200.
func (w *world) admin(method, path string, body any) (*response, error) {
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	r, err := w.send(method, w.target.URL+"/__admin"+path, raw, map[string]string{"Content-Type": "application/json"})
	if err != nil {
		return nil, err
	}
	if r.status != http.StatusOK {
		return r, fmt.Errorf("control plane %s %s: %d %s", method, path, r.status, r.body)
	}
	return r, nil
}

// url resolves a step's path: an absolute URL as is, /__admin/... on the
// control plane, anything else under the current API's prefix.
func (w *world) url(path string) (string, error) {
	switch {
	case strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://"):
		return path, nil
	case strings.HasPrefix(path, "/__admin"):
		return w.target.URL + path, nil
	case w.api == "":
		return "", fmt.Errorf("no API chosen for %s: start with `Given I use the %s API`", path, w.plugins.example())
	}
	return w.target.URL + "/" + w.api + path, nil
}

// requestHeaders are the API's auth headers for the scenario's credential,
// then the scenario's own headers (expanded).
func (w *world) requestHeaders() (map[string]string, error) {
	h := map[string]string{}
	if !w.noAuth && w.api != "" {
		for k, v := range w.plugins.authFor(w.api)(w.cred) {
			h[k] = v
		}
	}
	for k, v := range w.headers {
		x, err := w.expand(v)
		if err != nil {
			return nil, err
		}
		h[k] = x
	}
	return h, nil
}

func (w *world) send(method, u string, body []byte, headers map[string]string) (*response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return nil, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := w.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	r := &response{status: res.StatusCode, header: res.Header, body: b}
	r.jsonOK = json.Unmarshal(b, &r.json) == nil
	return r, nil
}
