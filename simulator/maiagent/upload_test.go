package maiagent_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"

	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

var png = []byte("\x89PNG\r\n\x1a\nfake image bytes")

// presignedPost is the S3-style multipart POST the official helper sends:
// the fields in order, the file last.
func presignedPost(t *testing.T, url string, fields map[string]string, file []byte) *http.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, k := range []string{"key", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature"} {
		_ = w.WriteField(k, fields[k])
	}
	fw, _ := w.CreateFormFile("file", "cat.png")
	fw.Write(file)
	w.Close()
	resp, err := http.Post(url, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

type presigned struct {
	URL    string            `json:"url"`
	Fields map[string]string `json:"fields"`
}

func presign(t *testing.T, sb *switchboardtest.Instance, key string) presigned {
	t.Helper()
	var p presigned
	r := sb.Do(t, "POST", base(sb)+"/upload-presigned-url/", map[string]any{"filename": "cat.png", "modelName": "attachment", "fieldName": "file", "fileSize": len(png)}, apiKey(key))
	if r.Status != 200 {
		t.Fatalf("presign: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &p)
	return p
}

// TestImageUploadFlow: presign → multipart POST (204) → attachment (201) →
// the file at its absolute URL → a completion carrying the attachment.
func TestImageUploadFlow(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	p := presign(t, sb, "upload")
	if !strings.HasPrefix(p.URL, sb.API("maiagent")+"/") || p.Fields["key"] == "" || p.Fields["policy"] == "" {
		t.Fatalf("presigned POST %+v does not point back at the simulator", p)
	}
	if resp := presignedPost(t, p.URL, p.Fields, png); resp.StatusCode != 204 {
		t.Fatalf("upload: %d, want 204", resp.StatusCode)
	}
	r := sb.Do(t, "POST", base(sb)+"/attachments/", map[string]any{"file": p.Fields["key"], "filename": "cat.png", "type": "image"}, apiKey("upload"))
	if r.Status != 201 {
		t.Fatalf("attachment: %d %s", r.Status, r.Body)
	}
	att := r.Map(t)
	file := sb.Do(t, "GET", att["file"].(string), nil)
	if file.Status != 200 || !bytes.Equal(file.Body, png) {
		t.Fatalf("GET %s: %d, %d bytes", att["file"], file.Status, len(file.Body))
	}
	resp := postStream(t, sb.Client, base(sb)+"/chatbots/"+bot1+"/completions/", "upload", map[string]any{
		"conversation": nil, "is_streaming": true,
		"message": map[string]any{"content": "Please describe this picture", "attachments": []any{
			map[string]any{"id": att["id"], "type": "image", "filename": att["filename"], "file": att["file"]},
		}},
	})
	defer resp.Body.Close()
	var text strings.Builder
	for _, ev := range readEvents(t, resp.Body) {
		text.WriteString(ev.Content)
	}
	if !strings.Contains(text.String(), `image "cat.png"`) {
		t.Fatalf("answer %q does not acknowledge the image", text.String())
	}
}

func TestUploadErrors(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	p := presign(t, sb, "upload-err")
	forged := map[string]string{}
	for k, v := range p.Fields {
		forged[k] = v
	}
	forged["x-amz-signature"] = "0000"
	other := presign(t, sb, "someone-else")
	tests := []struct {
		name   string
		url    string
		fields map[string]string
		status int
	}{
		{"forged signature", p.URL, forged, 403},
		{"another tenant's slot", p.URL, other.Fields, 403},
		{"unknown bucket", sb.API("maiagent") + "/uploads/ffffffffffff/", p.Fields, 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if resp := presignedPost(t, tc.url, tc.fields, png); resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
	t.Run("missing file part", func(t *testing.T) {
		r := sb.Do(t, "POST", p.URL, "key=x", switchboardtest.Header{"Content-Type", "multipart/form-data; boundary=zz"})
		if r.Status != 400 {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
	})
	t.Run("attachment type video refused", func(t *testing.T) {
		presignedPost(t, p.URL, p.Fields, png)
		r := sb.Do(t, "POST", base(sb)+"/attachments/", map[string]any{"file": p.Fields["key"], "filename": "a.mp4", "type": "video"}, apiKey("upload-err"))
		if r.Status != 400 || r.Map(t)["type"] == nil {
			t.Fatalf("%d %s, want 400 naming type", r.Status, r.Body)
		}
	})
	t.Run("unknown file", func(t *testing.T) {
		if r := sb.Do(t, "GET", sb.API("maiagent")+"/media/nobody/x/y.png", nil); r.Status != 404 {
			t.Fatalf("status %d", r.Status)
		}
	})
}

// TestUploadTooLarge: an upload announcing more than the limit is refused
// with 413 before its body is read.
func TestUploadTooLarge(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	p := presign(t, sb, "big")
	u, _ := neturl.Parse(p.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: %d\r\n\r\n", u.Path, u.Host, 64<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 413 || body["detail"] == nil {
		t.Fatalf("status %d body %v (%v), want 413 with a detail", resp.StatusCode, body, err)
	}
}
