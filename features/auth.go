package features

import "sync"

// AuthScheme turns a scenario's credential into request headers.
type AuthScheme func(credential string) map[string]string

// Bearer is `Authorization: Bearer <credential>`.
func Bearer(credential string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + credential}
}

var (
	authMu  sync.RWMutex
	schemes = map[string]AuthScheme{"llamadapro": Bearer}
)

// RegisterAuth sets how steps authenticate to api. APIs without one use Bearer.
func RegisterAuth(api string, s AuthScheme) {
	authMu.Lock()
	defer authMu.Unlock()
	schemes[api] = s
}

func authFor(api string) AuthScheme {
	authMu.RLock()
	defer authMu.RUnlock()
	if s, ok := schemes[api]; ok {
		return s
	}
	return Bearer
}
