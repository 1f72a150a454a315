package journal

// Explanation says why Switchboard did not serve a request as asked (its
// answer was a 400, 401, 403, 404 or 405): the closest operations for an
// unknown path or method, the credential expected against the one that
// arrived, the tenant keys tried, or each broken rule with its JSON pointer.
// It is for the developer only: the vendor's error body never carries it.
type Explanation struct {
	// Kind is unknown-path, method, auth, tenant, contract or not-found.
	Kind string `json:"kind"`
	// Summary is one line, the same as the X-Switchboard-Explain header.
	Summary string `json:"summary"`
	// Candidates are the closest operations, best first (at most 3).
	Candidates []Candidate `json:"candidates,omitempty"`
	// Expected and Received describe the credential (secrets redacted).
	Expected []string `json:"expected,omitempty"`
	Received []string `json:"received,omitempty"`
	// Tried are the keys tenant resolution looked at.
	Tried []string `json:"tried,omitempty"`
	// Fields are the broken rules of a contract violation.
	Fields []FieldRule `json:"fields,omitempty"`
}

// Candidate is an operation close to what the request asked for.
type Candidate struct {
	Method    string   `json:"method"`
	Path      string   `json:"path"`
	Operation string   `json:"operation"`
	Differs   []string `json:"differs,omitempty"`
}

// FieldRule is one broken rule: where, which, and what is allowed.
type FieldRule struct {
	Pointer string `json:"pointer"`
	In      string `json:"in,omitempty"`
	Rule    string `json:"rule,omitempty"`
	Allowed string `json:"allowed,omitempty"`
	Message string `json:"message"`
}
