package durable

import "time"

// Request is a write as the server sees it: a Record's fields with its
// headers still in the request's own map, of which only the names in Keep
// (canonical, looked up as given) are kept. A store keeps it without a
// Record, and so without a header map, built for it first.
type Request struct {
	Kind   string
	Tenant string
	At     time.Time
	Method string
	Target string
	Header map[string][]string // not modified, not kept
	Keep   []string
	Body   []byte // not kept: a store copies what it keeps
}

// Record is the record r stands for: its kept headers, in a map of their
// own even when none were sent.
func (r *Request) Record() Record {
	rec := Record{Kind: r.Kind, Tenant: r.Tenant, At: r.At, Method: r.Method, Target: r.Target, Body: r.Body, Header: map[string][]string{}}
	for _, k := range r.Keep {
		if vs := r.Header[k]; len(vs) > 0 {
			rec.Header[k] = vs
		}
	}
	return rec
}
