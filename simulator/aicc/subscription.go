package aicc

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/aicc/authv2"
	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Auth modes of a subscription.
const (
	AuthV2     = "auth-v2"
	AuthBearer = "bearer"
	AuthNone   = "none"
)

// Timestamp formats of the auth-v2 header's timestamp segment.
const (
	TimestampISO    = "iso8601"     // yyyy-MM-dd'T'HH:mm:ss'Z', as Huawei's signer
	TimestampMillis = "epochMillis" // the body's timestamp, epoch milliseconds
)

// AuthConfig is how pushes to a subscription authenticate.
type AuthConfig struct {
	Mode            string   `json:"mode" yaml:"mode"`
	AccessKey       string   `json:"accessKey,omitempty" yaml:"accessKey"`
	SecretKey       string   `json:"secretKey,omitempty" yaml:"secretKey"`
	Token           string   `json:"token,omitempty" yaml:"token"`
	TimestampFormat string   `json:"timestampFormat,omitempty" yaml:"timestampFormat"`
	SignedHeaders   []string `json:"signedHeaders,omitempty" yaml:"signedHeaders"`
}

// Subscription is a receiver AICC pushes one channel's messages to.
type Subscription struct {
	ID        string     `json:"id"`
	ChannelID string     `json:"channelId"`
	BaseURL   string     `json:"baseUrl"`
	Auth      AuthConfig `json:"auth"`
	CreatedAt time.Time  `json:"createdAt"`
}

// pushPath is what AICC appends to a subscription's base URL.
const pushPath = "/webhooks/v1/messages"

// PushURL is {baseUrl}/webhooks/v1/messages: the suffix goes on the base
// URL's path, and a query in the base URL stays the push's query (it is
// signed with it). A base URL that does not parse gets the plain suffix.
func (s Subscription) PushURL() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil {
		return strings.TrimRight(s.BaseURL, "/") + pushPath
	}
	u.Path = strings.TrimRight(u.Path, "/") + pushPath
	if u.RawPath != "" {
		u.RawPath = strings.TrimRight(u.RawPath, "/") + pushPath
	}
	return u.String()
}

// basePath is the path of the subscription's base URL, without a
// trailing slash.
func (s Subscription) basePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil {
		return strings.TrimRight(s.BaseURL, "/")
	}
	return strings.TrimRight(u.Path, "/")
}

// Public is the subscription as the control plane shows it: the secret
// key and bearer token masked.
func (s Subscription) Public() Subscription {
	if s.Auth.SecretKey != "" {
		s.Auth.SecretKey = mask(s.Auth.SecretKey)
	}
	if s.Auth.Token != "" {
		s.Auth.Token = mask(s.Auth.Token)
	}
	return s
}

func mask(v string) string {
	if len(v) <= 4 {
		return "****"
	}
	return "****" + v[len(v)-4:]
}

var (
	channelIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	headerRe    = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+.^_|~-]+$`)
)

// normalize fills defaults and checks every field, naming each wrong one.
func (s *Subscription) normalize() error {
	var c errs.Collector
	if !channelIDRe.MatchString(s.ChannelID) {
		c.Add("channelId", "must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -")
	}
	if u, err := url.Parse(s.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.Add("baseUrl", "must be an absolute http or https URL")
	}
	a := &s.Auth
	if a.Mode == "" {
		a.Mode = AuthV2
	}
	switch a.Mode {
	case AuthV2:
		if a.AccessKey == "" || strings.ContainsAny(a.AccessKey, "/ ") || len(a.AccessKey) > 128 {
			c.Add("auth.accessKey", "is required for auth-v2: 1 to 128 characters without '/' or spaces")
		}
		if err := authv2.ValidatePushKey(a.SecretKey); err != nil {
			c.Add("auth.secretKey", err.Error())
		}
		if a.TimestampFormat == "" {
			a.TimestampFormat = TimestampISO
		}
		if a.TimestampFormat != TimestampISO && a.TimestampFormat != TimestampMillis {
			c.Add("auth.timestampFormat", "must be iso8601 or epochMillis")
		}
		if len(a.SignedHeaders) == 0 {
			a.SignedHeaders = []string{"host"}
		}
		for _, h := range a.SignedHeaders {
			if !headerRe.MatchString(h) {
				c.Add("auth.signedHeaders", "each entry must be an HTTP header name")
				break
			}
		}
	case AuthBearer:
		if a.Token == "" || strings.ContainsAny(a.Token, " \r\n") {
			c.Add("auth.token", "is required for bearer: a token without spaces")
		}
	case AuthNone:
	default:
		c.Add("auth.mode", "must be auth-v2, bearer or none")
	}
	return c.Err()
}
