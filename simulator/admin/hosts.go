package admin

import (
	"fmt"
	"net"
	"strings"
)

// Hosts are the names, besides localhost and loopback addresses, that a
// request's Host header may carry for the control plane to answer it
// without a token (--admin-allowed-hosts). The zero value allows none.
//
// Entries follow Django's ALLOWED_HOSTS and Vite's allowedHosts: a name
// ("switchboard.test") or an IP address matches exactly, a leading dot
// (".corp.example", or "*.corp.example") matches that domain and every
// subdomain, and "*"
// matches any host. Ports are ignored: an entry allows every port.
type Hosts struct {
	exact   map[string]bool
	domains []string // ".corp.example"
	any     bool
}

// ParseHosts checks and normalises a list of allowed hosts. An entry with a
// scheme, a path or a port is refused, naming the entry: the check compares
// host names only.
func ParseHosts(entries []string) (Hosts, error) {
	h := Hosts{exact: map[string]bool{}}
	for _, raw := range entries {
		e := strings.TrimSpace(raw)
		if e == "" {
			continue
		}
		if e == "*" {
			h.any = true
			continue
		}
		if strings.Contains(e, "/") {
			return Hosts{}, fmt.Errorf("--admin-allowed-hosts: %q: want a host name such as switchboard.test, without a scheme or a path", raw)
		}
		name := strings.TrimSuffix(e, ".")
		if rest, ok := strings.CutPrefix(name, "*."); ok {
			name = "." + rest // the wildcard spelling of a domain entry
		}
		if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
			name = name[1 : len(name)-1]
		}
		if net.ParseIP(name) == nil && strings.Contains(name, ":") {
			return Hosts{}, fmt.Errorf("--admin-allowed-hosts: %q: name the host without a port; every port of an allowed host is allowed", raw)
		}
		if strings.ContainsAny(name, " \t@?#") || name == "" || name == "." {
			return Hosts{}, fmt.Errorf("--admin-allowed-hosts: %q is not a host name", raw)
		}
		name = strings.ToLower(name)
		if strings.HasPrefix(name, ".") {
			h.domains = append(h.domains, name)
			continue
		}
		h.exact[canonicalIP(name)] = true
	}
	return h, nil
}

// allows reports whether the bare host name (no port, lower case) is on the
// list.
func (h Hosts) allows(name string) bool {
	if h.any || h.exact[canonicalIP(name)] {
		return true
	}
	for _, d := range h.domains {
		if name == d[1:] || strings.HasSuffix(name, d) {
			return true
		}
	}
	return false
}

// hostName is the bare host of a Host header value: no port, no brackets,
// lower case, without the trailing dot of a fully qualified name.
func hostName(hostHeader string) string {
	name := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		name = h
	} else if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
		name = name[1 : len(name)-1]
	}
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// isLocal reports whether a bare host name can only mean this machine:
// localhost or a loopback address (127.0.0.0/8, ::1). A page on a
// rebound domain always sends its own domain name, never one of these.
func isLocal(name string) bool {
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// canonicalIP writes an IP address in one form (so "0:0::1" matches "::1")
// and leaves other names alone.
func canonicalIP(name string) string {
	if ip := net.ParseIP(name); ip != nil {
		return ip.String()
	}
	return name
}
