package brightpattern

import (
	"encoding/base64"
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// authScheme is the Authorization scheme of the Mobile/Web API.
const authScheme = "MOBILE-API-140-327-PLAIN"

// cookieName is the cookie that identifies a web client (clientId="WebChat").
const cookieName = "BPCLIENTWEB"

// webClientID is the clientId that means "identify me by cookie".
const webClientID = "WebChat"

const keyIdentity = "brightpattern.identity"

// identity is what the Authorization header says.
type identity struct {
	AppID    string
	ClientID string
}

// parseAuth reads `MOBILE-API-140-327-PLAIN appId="…", clientId="…"`, with
// or without the quotes (third-party clients omit them).
func parseAuth(h string) (identity, error) {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if h == "" {
		return identity{}, errs.New(errs.Unauthorized, "missing Authorization header: send "+authScheme+` appId="…", clientId="…"`)
	}
	if !ok || !strings.EqualFold(scheme, authScheme) {
		return identity{}, errs.New(errs.Unauthorized, "malformed Authorization header: the scheme must be "+authScheme)
	}
	var id identity
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "appid":
			id.AppID = v
		case "clientid":
			id.ClientID = v
		}
	}
	if id.AppID == "" || id.ClientID == "" {
		return identity{}, errs.New(errs.Unauthorized, `malformed Authorization header: appId and clientId are both required`)
	}
	return id, nil
}

// tenantURL is the ?tenantUrl= query parameter, or the Host the request was
// sent to (the real service identifies a tenant by its own domain).
func tenantURL(r *http.Request) string {
	if v := strings.TrimSpace(r.URL.Query().Get("tenantUrl")); v != "" {
		return v
	}
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	return host
}

// Authenticate reads the Authorization header; the tenant credential is
// tenantUrl + "/" + appId.
func (a *API) Authenticate(c *gin.Context) (string, error) {
	id, err := parseAuth(c.GetHeader("Authorization"))
	if err != nil {
		return "", err
	}
	c.Set(keyIdentity, id)
	return tenantURL(c.Request) + "/" + id.AppID, nil
}

func identityOf(c *gin.Context) identity {
	v, _ := c.Get(keyIdentity)
	id, _ := v.(identity)
	return id
}

// webCookie is the web client's cookie: the tenant credential and id (so a
// cookie-only download can find its tenant) and the client's own key.
type webCookie struct {
	Credential string
	TenantID   string
	Key        string
}

func (w webCookie) encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(w.Credential)) + "." + w.TenantID + "." + w.Key
}

func decodeCookie(v string) (webCookie, bool) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) != 3 || parts[1] == "" || parts[2] == "" {
		return webCookie{}, false
	}
	cred, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || len(cred) == 0 {
		return webCookie{}, false
	}
	return webCookie{Credential: string(cred), TenantID: parts[1], Key: parts[2]}, true
}

func cookieOf(c *gin.Context) (webCookie, bool) {
	v, err := c.Cookie(cookieName)
	if err != nil {
		return webCookie{}, false
	}
	return decodeCookie(v)
}

// clientKey is who the caller is: its clientId, or its cookie for the web
// widget. It is empty for a web client without a cookie yet.
func clientKey(c *gin.Context) string {
	id := identityOf(c)
	if !strings.EqualFold(id.ClientID, webClientID) {
		return "device:" + id.ClientID
	}
	if w, ok := cookieOf(c); ok && w.TenantID == gateway.Tenant(c).ID() {
		return "web:" + w.Key
	}
	return ""
}

// setWebCookie gives a new web client its identity cookie. Over https it is
// SameSite=None; Secure so a widget on another site sends it; over plain
// http browsers reject that pair, so it is Lax (enough for localhost pages).
func setWebCookie(c *gin.Context, key string) {
	t := gateway.Tenant(c)
	w := webCookie{Credential: tenantURL(c.Request) + "/" + identityOf(c).AppID, TenantID: t.ID(), Key: key}
	ck := &http.Cookie{Name: cookieName, Value: w.encode(), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if c.Request.TLS != nil || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") {
		ck.SameSite, ck.Secure = http.SameSiteNoneMode, true
	}
	http.SetCookie(c.Writer, ck)
}

// cookieTenant resolves the tenant of a file or photo request, which the
// widget loads as a plain <img> or link: with only the cookie, or with the
// Authorization header when a mobile client sends one. A caller whose
// appId and clientId (or cookie) own the chat gets it whatever the Host
// and tenantUrl say; any other caller is resolved as for every call.
func (a *API) cookieTenant(c *gin.Context) error {
	var cred, override string
	if h := c.GetHeader("Authorization"); h != "" {
		if id, err := parseAuth(h); err == nil && c.GetHeader(gateway.TenantHeader) == "" {
			if _, found, err := a.ownerTenant(c, c.Param("chatId"), id); found {
				c.Set(keyIdentity, id)
				return err
			}
		}
		cr, err := a.Authenticate(c)
		if err != nil {
			return err
		}
		cred, override = cr, c.GetHeader(gateway.TenantHeader)
	} else {
		w, ok := cookieOf(c)
		if !ok {
			return errs.New(errs.Unauthorized, "send the "+cookieName+" cookie set by Request Chat, or the Authorization header")
		}
		cred, override = w.Credential, w.TenantID
	}
	t, err := a.tenants.Resolve(cred, override, false)
	if err != nil {
		return err
	}
	a.tenants.Await(c.Request.Context(), t)
	gateway.WithTenant(c, t)
	return nil
}
