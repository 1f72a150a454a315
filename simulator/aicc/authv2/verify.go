package authv2

import (
	"crypto/hmac"
	"fmt"
	"regexp"
	"strings"
)

// Parsed is an auth-v2 header split into its segments.
type Parsed struct {
	AccessKey     string
	Timestamp     string
	SignedHeaders []string
	Signature     string
}

// Parse splits "auth-v2/{ak}/{ts}/{signedHeaders}/{signature}".
func Parse(header string) (Parsed, error) {
	parts := strings.Split(strings.TrimSpace(header), "/")
	if len(parts) != 5 || parts[0] != Prefix {
		return Parsed{}, fmt.Errorf("authorization is not auth-v2/{accessKey}/{timestamp}/{signedHeaders}/{signature}")
	}
	p := Parsed{AccessKey: parts[1], Timestamp: parts[2], Signature: parts[4]}
	if parts[3] != "" {
		p.SignedHeaders = strings.Split(parts[3], ";")
	}
	switch {
	case p.AccessKey == "":
		return p, fmt.Errorf("auth-v2 header has an empty access key")
	case p.Timestamp == "":
		return p, fmt.Errorf("auth-v2 header has an empty timestamp")
	case len(p.Signature) != 64:
		return p, fmt.Errorf("auth-v2 signature is not 64 lower-case hex characters")
	}
	return p, nil
}

// Mismatch is returned by Verify when the signature does not match. It
// carries the canonical request the verifier signed, to compare with the
// sender's.
type Mismatch struct {
	Canonical string
	Want      string
	Got       string
}

func (m *Mismatch) Error() string {
	return fmt.Sprintf("auth-v2 signature mismatch: expected %s, got %s", m.Want, m.Got)
}

// Verify checks header against r with the secret key sk. The signed headers
// are taken from the header itself, in the order given there. It returns
// the parsed header, and a *Mismatch when the signature differs.
func Verify(header string, r Request, sk string) (Parsed, error) {
	p, err := Parse(header)
	if err != nil {
		return p, err
	}
	want := sign(r, p.AccessKey, sk, p.Timestamp, p.SignedHeaders)
	if !hmac.Equal([]byte(want), []byte(strings.TrimSpace(header))) {
		return p, &Mismatch{Canonical: Canonical(r, p.SignedHeaders), Want: want, Got: header}
	}
	return p, nil
}

var pushKey = regexp.MustCompile(`^[A-Za-z0-9]{43}$`)

// ValidatePushKey checks AICC's message push key rule: exactly 43
// characters, letters and digits only.
func ValidatePushKey(sk string) error {
	if !pushKey.MatchString(sk) {
		return fmt.Errorf("the push key must be exactly 43 characters of A-Z, a-z and 0-9 (got %d characters)", len(sk))
	}
	return nil
}
