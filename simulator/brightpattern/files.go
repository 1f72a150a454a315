package brightpattern

import (
	"fmt"
	"path"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Upload limits of the real service.
const (
	maxFiles    = 1000     // per tenant; the oldest is evicted first
	maxFileSize = 25 << 20 // bytes per file
)

// FileInfo describes a stored file.
type FileInfo struct {
	ID          string `json:"file_id"`
	Name        string `json:"file_name"`
	ContentType string `json:"content_type"`
	Type        string `json:"file_type"` // image or attachment
	Size        int    `json:"size"`
}

type storedFile struct {
	info FileInfo
	data []byte
}

// fileStore keeps a tenant's files, bounded, oldest evicted first.
type fileStore struct {
	max   int
	byID  map[string]*storedFile
	order []string
}

func newFileStore(max int) fileStore { return fileStore{max: max, byID: map[string]*storedFile{}} }

// put stores a file and returns its description. Callers hold the state's mu.
func (fs *fileStore) put(id, name, contentType string, data []byte, kind string) FileInfo {
	if kind == "" {
		kind = "attachment"
		if strings.HasPrefix(contentType, "image/") {
			kind = "image"
		}
	}
	info := FileInfo{ID: id, Name: name, ContentType: contentType, Type: kind, Size: len(data)}
	fs.byID[id] = &storedFile{info: info, data: data}
	fs.order = append(fs.order, id)
	for len(fs.order) > fs.max {
		delete(fs.byID, fs.order[0])
		fs.order = fs.order[1:]
	}
	return info
}

func (fs *fileStore) get(id string) (*storedFile, bool) {
	f, ok := fs.byID[id]
	return f, ok
}

// Upload stores a customer's file.
func (s *State) Upload(name, contentType string, data []byte) (FileInfo, error) {
	if len(data) > maxFileSize {
		return FileInfo{}, errs.New(errs.TooLarge, "file %s is %d bytes; the limit is %d bytes (25 MB)", name, len(data), maxFileSize)
	}
	if contentType == "" || contentType == "application/octet-stream" {
		contentType = contentTypeOf(name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files.put(s.fake.UUID(), name, contentType, data, ""), nil
}

// File returns a stored file's description and bytes, for a chat that exists.
func (s *State) File(chatID, fileID string) (FileInfo, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.chat(chatID); err != nil {
		return FileInfo{}, nil, err
	}
	f, ok := s.files.get(fileID)
	if !ok {
		return FileInfo{}, nil, errs.NotFoundf("file %s not found", fileID)
	}
	return f.info, append([]byte(nil), f.data...), nil
}

var contentTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
	".csv": "text/csv", ".json": "application/json", ".zip": "application/zip",
	".doc": "application/msword", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

// contentTypeOf guesses a content type from a file name (a fixed table, so
// the answer does not depend on the host's MIME database).
func contentTypeOf(name string) string {
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return ct
	}
	return "application/octet-stream"
}

// agentFile makes the bytes of a file the simulated agent sends.
func agentFile(name, agent string) []byte {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return identicon(name + "/" + agent)
	case ".pdf":
		text := fmt.Sprintf("%s, sent by %s", name, agent)
		return []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
			"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 100]>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	}
	return []byte(name + ", sent by " + agent + "\n")
}
