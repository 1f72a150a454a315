package brightpattern

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/tenant"
)

// noteCredential remembers the credential a new chat was requested with.
func (s *State) noteCredential(chatID, cred string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.chats[chatID]; ok {
		c.Credential = cred
	}
}

// ownedBy returns the credential of a chat whose app and client are the
// caller's, ended or not.
func (s *State) ownedBy(chatID, appID, clientKey string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok || c.AppID != appID || c.ClientKey != clientKey || c.Credential == "" {
		return "", false
	}
	return c.Credential, true
}

// callerKey is the client key a request with an Authorization header
// proves: its clientId, or for the widget (clientId WebChat) its cookie's
// key, whatever tenant the cookie names.
func callerKey(c *gin.Context, id identity) string {
	if !strings.EqualFold(id.ClientID, webClientID) {
		return "device:" + id.ClientID
	}
	if w, ok := cookieOf(c); ok {
		return "web:" + w.Key
	}
	return ""
}

// ownerTenant finds the tenant of chat chatID for a caller that names no
// tenant (the Node client sends no tenantUrl to Get File and Get Agent
// Profile Photo, to a Host that names none). A chat id is unique, so the
// chat is found by its id, and it is the caller's when its appId and its
// clientId (or cookie) match. The tenant is then resolved with the chat's
// own credential, so revoked and read-only tenants stay as they are.
func (a *API) ownerTenant(c *gin.Context, chatID string, id identity) (*tenant.Tenant, bool, error) {
	key := callerKey(c, id)
	if key == "" || chatID == "" {
		return nil, false, nil
	}
	for _, t := range a.tenants.All() {
		st, ok := t.Peek(apiName)
		if !ok {
			continue
		}
		cred, ok := st.(*State).ownedBy(chatID, id.AppID, key)
		if !ok {
			continue
		}
		rt, err := a.tenants.Resolve(cred, t.ID(), false)
		if err != nil {
			return nil, true, err
		}
		gateway.WithTenant(c, rt)
		return rt, true, nil
	}
	return nil, false, nil
}
