package maiagent_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

// TestDirectMultipartAttachmentUpload is the newest official helper's image
// flow: the file posted as multipart to /attachments/, then served at the
// absolute URL the attachment carries.
func TestDirectMultipartAttachmentUpload(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="Cat03.jpg"`)
	h.Set("Content-Type", "image/jpeg")
	part, _ := mw.CreatePart(h)
	part.Write([]byte("\xff\xd8\xff\xe0 not really a cat"))
	mw.Close()
	req, _ := http.NewRequest("POST", sb.API("maiagent")+"/api/v1/attachments/", &body)
	req.Header.Set("Authorization", "Api-Key direct")
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var att struct {
		ID, Type, Filename, File string
	}
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &att); err != nil || resp.StatusCode != 201 || att.Type != "image" || att.Filename != "Cat03.jpg" {
		t.Fatalf("%d %s", resp.StatusCode, raw)
	}
	got := sb.Do(t, "GET", att.File, nil)
	if got.Status != 200 || got.Header.Get("Content-Type") != "image/jpeg" || !bytes.HasPrefix(got.Body, []byte("\xff\xd8")) {
		t.Fatalf("serving %s: %d %q", att.File, got.Status, got.Header.Get("Content-Type"))
	}
	// A part under another name is refused, naming that part.
	var bad bytes.Buffer
	mw = multipart.NewWriter(&bad)
	w, _ := mw.CreateFormFile("upload", "x.png")
	w.Write([]byte("x"))
	mw.Close()
	r := sb.Do(t, "POST", sb.API("maiagent")+"/api/v1/attachments/", bad.Bytes(),
		switchboardtest.Header{"Authorization", "Api-Key direct"}, switchboardtest.Header{"Content-Type", mw.FormDataContentType()})
	if r.Status != 400 || !bytes.Contains(r.Body, []byte("upload")) {
		t.Fatalf("wrong part name: %d %s", r.Status, r.Body)
	}
}
