package maiagent

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// upload is a presigned upload slot and, once posted, its file.
type upload struct {
	key, signature string
	maxSize        int64
	data           []byte
	contentType    string
	done           bool
}

// Attachment is an uploaded file registered with POST /attachments/.
type Attachment struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Filename  string    `json:"filename"`
	File      string    `json:"file"`
	CreatedAt time.Time `json:"createdAt"`

	data        []byte
	contentType string
}

// PresignRequest is POST /upload-presigned-url/'s body.
type PresignRequest struct {
	Filename  string `json:"filename"`
	ModelName string `json:"modelName"`
	FieldName string `json:"fieldName"`
	FileSize  int64  `json:"fileSize"`
}

// Presign issues an S3-style presigned POST: form fields the upload must
// carry back. The signature is derived from the tenant and the policy, so a
// slot from one tenant cannot be used in another.
func (s *State) Presign(in PresignRequest) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	model := orDefault(in.ModelName, "attachment")
	key := "media/" + model + "/" + s.fake.UUID() + "/" + in.Filename
	policy, _ := json.Marshal(map[string]any{
		"expiration": now.Add(time.Hour).Format(time.RFC3339),
		"conditions": []any{
			map[string]string{"bucket": s.tenantID}, map[string]string{"key": key},
			[]any{"content-length-range", 0, max(in.FileSize, 0) + 1<<20},
		},
	})
	enc := base64.StdEncoding.EncodeToString(policy)
	sum := sha256.Sum256([]byte(s.tenantID + "\x00" + enc))
	sig := hex.EncodeToString(sum[:])
	s.uploads[key] = &upload{key: key, signature: sig, maxSize: max(in.FileSize, 0) + 1<<20}
	return map[string]string{
		"key":              key,
		"x-amz-algorithm":  "AWS4-HMAC-SHA256",
		"x-amz-credential": "SWITCHBOARDSIM/" + now.Format("20060102") + "/ap-northeast-1/s3/aws4_request",
		"x-amz-date":       now.Format("20060102T150405Z"),
		"policy":           enc,
		"x-amz-signature":  sig,
	}
}

// Upload stores the file posted to a presigned slot.
func (s *State) Upload(key, signature string, data []byte, contentType string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.uploads[key]
	switch {
	case !ok || u.signature != signature:
		return errs.New(errs.Forbidden, "Invalid according to Policy: the key and signature were not issued by upload-presigned-url.")
	case int64(len(data)) > u.maxSize:
		return errs.InvalidField("file", "Your proposed upload exceeds the maximum allowed size.")
	}
	u.data, u.contentType, u.done = data, contentType, true
	return nil
}

// CreateAttachment registers an uploaded file; base is the absolute URL
// prefix its file is served under.
func (s *State) CreateAttachment(key, filename, typ, base string) (Attachment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	u, ok := s.uploads[key]
	if !ok || !u.done {
		bad.Add("file", "No uploaded file was found for this key; upload it to the presigned URL first.")
	}
	checkContent(&bad, "", "-", []AttachmentRef{{Type: typ}})
	if err := bad.Err(); err != nil {
		return Attachment{}, renameField(err, "attachments.0.type", "type")
	}
	a := &Attachment{
		ID: s.fake.UUID(), Type: typ, Filename: filename, CreatedAt: s.now(),
		data: u.data, contentType: u.contentType,
	}
	a.File = base + "/media/" + s.tenantID + "/" + a.ID + "/" + url.PathEscape(filename)
	s.attachments[a.ID] = a
	return *a, nil
}

// CreateAttachmentFromFile stores a directly uploaded file as an
// attachment. Without a type, it is inferred from the content type.
func (s *State) CreateAttachmentFromFile(filename, contentType, typ string, data []byte, base string) (Attachment, error) {
	if typ == "" {
		switch {
		case strings.HasPrefix(contentType, "image/"):
			typ = "image"
		case strings.HasPrefix(contentType, "audio/"):
			typ = "audio"
		default:
			typ = "other"
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var bad errs.Collector
	if filename == "" {
		bad.Add("file", "The submitted file has no name.")
	}
	checkContent(&bad, "", "-", []AttachmentRef{{Type: typ}})
	if err := bad.Err(); err != nil {
		return Attachment{}, renameField(err, "attachments.0.type", "type")
	}
	a := &Attachment{
		ID: s.fake.UUID(), Type: typ, Filename: filename, CreatedAt: s.now(),
		data: data, contentType: orDefault(contentType, "application/octet-stream"),
	}
	a.File = base + "/media/" + s.tenantID + "/" + a.ID + "/" + url.PathEscape(filename)
	s.attachments[a.ID] = a
	return *a, nil
}

// AttachmentFile returns a stored attachment's bytes and content type.
func (s *State) AttachmentFile(id, filename string) ([]byte, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.attachments[id]
	if !ok || a.Filename != filename {
		return nil, "", errs.NotFoundf("Not found.")
	}
	return a.data, orDefault(a.contentType, "application/octet-stream"), nil
}

func renameField(err error, from, to string) error {
	e := errs.As(err)
	for i := range e.Fields {
		if e.Fields[i].Name == from {
			e.Fields[i].Name = to
		}
	}
	return e
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
