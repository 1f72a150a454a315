package llamadapro

import (
	"encoding/base64"
	"fmt"
	"mime"
	"strings"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Media is a stored file: one of the fixture files, or bytes sent to UploadMedia.
type Media struct {
	FileID      string
	MediaID     string
	FileName    string
	ContentType string
	Tags        map[string]string
	data        []byte
	fixture     bool
}

// UploadInput is UploadMedia's body: fileId, or fileName+contentType+content (base64).
type UploadInput struct {
	FileName        *string           `json:"fileName"`
	ContentType     *string           `json:"contentType"`
	FileID          *string           `json:"fileId"`
	FromPhoneNumber string            `json:"fromPhoneNumber"`
	Content         *string           `json:"content"`
	Tags            map[string]string `json:"tags"`
}

// Upload is UploadMedia's answer.
type Upload struct {
	URL         string            `json:"url"`
	Size        int               `json:"size"`
	FileName    string            `json:"fileName"`
	ContentType string            `json:"contentType"`
	FileID      string            `json:"fileId"`
	MediaID     string            `json:"mediaId"`
	Tags        map[string]string `json:"tags"`
}

// UploadMedia stores media in either mode. base is the URL prefix that the
// download route is served under.
func (s *State) UploadMedia(in UploadInput, base string) (Upload, error) {
	var bad errs.Collector
	if !isE164(in.FromPhoneNumber) {
		bad.Add("fromPhoneNumber", "must be a phone number in E.164 format, e.g. +14155552671")
	}
	direct := in.FileName != nil || in.ContentType != nil || in.Content != nil
	var data []byte
	switch {
	case in.FileID != nil && direct:
		bad.Add("fileId", "send either fileId or fileName, contentType and content, not both")
	case in.FileID == nil && !direct:
		bad.Add("fileId", "send either fileId (an existing file) or fileName, contentType and content (a direct upload)")
	case direct:
		if in.FileName == nil || strings.TrimSpace(*in.FileName) == "" {
			bad.Add("fileName", "is required for a direct upload")
		}
		if in.ContentType == nil {
			bad.Add("contentType", "is required for a direct upload")
		} else if mt, _, err := mime.ParseMediaType(*in.ContentType); err != nil || !strings.Contains(mt, "/") {
			bad.Add("contentType", "must be a media type such as image/png")
		}
		if in.Content == nil || *in.Content == "" {
			bad.Add("content", "is required for a direct upload (base64)")
		} else if b, err := base64.StdEncoding.DecodeString(*in.Content); err != nil {
			bad.Add("content", "must be base64: "+err.Error())
		} else {
			data = b
		}
	}
	if err := bad.Err(); err != nil {
		return Upload{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMedia++
	m := &Media{MediaID: fmt.Sprintf("media_%d", s.nextMedia), Tags: in.Tags}
	if in.FileID != nil {
		src, ok := s.media[*in.FileID]
		if !ok || src.FileID != *in.FileID {
			s.nextMedia--
			return Upload{}, errs.NotFoundf("file %s not found", *in.FileID)
		}
		m.FileID, m.FileName, m.ContentType, m.data = src.FileID, src.FileName, src.ContentType, src.data
	} else {
		m.FileID = fmt.Sprintf("file_%d", s.nextMedia)
		m.FileName, m.ContentType, m.data = *in.FileName, *in.ContentType, data
		s.media[m.FileID] = m
	}
	if m.Tags == nil {
		m.Tags = map[string]string{}
	}
	s.media[m.MediaID] = m
	return Upload{URL: base + "/api/v1/whatsapp/media/" + m.MediaID, Size: len(m.data), FileName: m.FileName,
		ContentType: m.ContentType, FileID: m.FileID, MediaID: m.MediaID, Tags: m.Tags}, nil
}

// MediaContent returns stored bytes by mediaId or fileId.
func (s *State) MediaContent(id string) (contentType, fileName string, data []byte, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.media[id]
	if !ok {
		return "", "", nil, errs.NotFoundf("media %s not found", id)
	}
	return m.ContentType, m.FileName, m.data, nil
}
