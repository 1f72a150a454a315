package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// crossSite explains why a state-changing request must be refused because
// a web page on another origin sent it, or returns "" when it may proceed.
//
// A browser sends a "simple" POST (text/plain or form body) from any page
// without asking first, and the control plane reads such bodies as JSON for
// `curl -d`; so any page could move the clock or reset tenants. Browsers
// say where a request comes from: Sec-Fetch-Site (all current browsers)
// and Origin (every cross-origin request, and every same-origin POST). curl
// and Go clients send neither, so they are never refused. Reads (GET, HEAD,
// OPTIONS) pass: the same-origin policy keeps their answers from the page,
// since the control plane never sends CORS headers.
func crossSite(r *http.Request) string {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return ""
	}
	// same-site is refused too: another port on localhost (any local dev
	// server) is the same site as the control plane, not the same origin.
	switch site := strings.ToLower(strings.TrimSpace(r.Header.Get("Sec-Fetch-Site"))); site {
	case "cross-site", "same-site":
		return fmt.Sprintf("refused %s %s: a web page on another origin sent it (Sec-Fetch-Site: %s); only the control plane's own pages, curl and test code may change the simulator",
			r.Method, r.URL.Path, site)
	}
	origins, sent := r.Header["Origin"]
	if !sent {
		return ""
	}
	own := ownOrigin(r)
	for _, o := range origins {
		if o == "null" {
			// An opaque origin: a sandboxed frame, a file: or data: page, or
			// a cross-origin redirect. It could be anyone.
			return fmt.Sprintf("refused %s %s from Origin: null (a sandboxed frame, a file: page or a redirect); the control plane accepts changes only from its own origin %s, or from clients that send no Origin such as curl and test code",
				r.Method, r.URL.Path, own)
		}
		if normalOrigin(o) != own {
			return fmt.Sprintf("refused %s %s from Origin %q: the control plane accepts changes only from its own origin %s, or from clients that send no Origin such as curl and test code",
				r.Method, r.URL.Path, o, own)
		}
	}
	return ""
}

// ownOrigin is the origin the request was addressed to: its scheme and its
// Host header, as a browser on one of the control plane's own pages would
// send it. The scheme is https when the connection is TLS or a
// TLS-terminating proxy says so in X-Forwarded-Proto (a page cannot set
// that header on a request the browser sends without a preflight).
func ownOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	} else if p, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ","); strings.EqualFold(strings.TrimSpace(p), "https") {
		scheme = "https"
	}
	return scheme + "://" + withoutDefaultPort(scheme, strings.ToLower(r.Host))
}

// normalOrigin writes an Origin header value as ownOrigin does, or returns
// "" for a value that is not an origin (scheme://host[:port], nothing else).
func normalOrigin(o string) string {
	u, err := url.Parse(o)
	if err != nil || u.Scheme == "" || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme + "://" + withoutDefaultPort(scheme, strings.ToLower(u.Host))
}

// withoutDefaultPort drops :80 from an http host and :443 from an https
// one: browsers leave the default port out of both Origin and Host.
func withoutDefaultPort(scheme, host string) string {
	switch scheme {
	case "http":
		return strings.TrimSuffix(host, ":80")
	case "https":
		return strings.TrimSuffix(host, ":443")
	}
	return host
}
