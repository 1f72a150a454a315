package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestFileIDsCannotReachTheFilesystem sends path-traversal ids to every
// route that serves stored bytes. Stored files live in memory, keyed by id,
// so each must be a plain 4xx that leaks nothing.
func TestFileIDsCannotReachTheFilesystem(t *testing.T) {
	sb := switchboardtest.Start(t)
	bp := switchboardtest.Header{"Authorization", `MOBILE-API-140-327-PLAIN appId="SwitchboardWebChat", clientId="trav"`}
	bearer := switchboardtest.Bearer("trav")
	maKey := switchboardtest.Header{"Authorization", "Api-Key trav"}
	ids := []string{"..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc//passwd", "%00passwd", "..%5C..%5Cwindows"}
	for _, id := range ids {
		urls := []struct {
			method, url string
			h           switchboardtest.Header
			body        any
		}{
			{"GET", sb.API("brightpattern") + "/clientweb/api/v1/chats/x/files/" + id + "?tenantUrl=demo.brightpattern.com", bp, nil},
			{"GET", sb.API("brightpattern") + "/clientweb/api/v1/chats/x/profilephotos/" + id + "?tenantUrl=demo.brightpattern.com", bp, nil},
			{"GET", sb.API("llamadapro") + "/api/v1/whatsapp/media/" + id, bearer, nil},
			{"GET", sb.API("llamadapro") + "/api/v1/recordings/" + id + "/audio", bearer, nil},
			{"GET", sb.API("maiagent") + "/media/" + id + "/" + id + "/" + id, maKey, nil},
			{"POST", sb.API("aicc") + "/apiaccess/ccmessaging/downloadFileStream", bearer, map[string]string{"fileId": "../../../etc/passwd", "channel": "WEB", "fileType": "IMAGE"}},
		}
		for _, u := range urls {
			r := sb.Do(t, u.method, u.url, u.body, u.h, switchboardtest.Header{"x-app-key", "k"})
			if r.Status >= 500 || strings.Contains(string(r.Body), "root:") || (r.Status == http.StatusOK && u.method == "GET") {
				t.Errorf("%s %s: %d %.200s", u.method, u.url, r.Status, r.Body)
			}
		}
	}
}
