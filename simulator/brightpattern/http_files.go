package brightpattern

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// upload accepts any single file part (the widget names it
// file-upload-input, other clients file) and answers {file_id, file_name}.
func (a *API) upload(c *gin.Context) {
	name, ct, data, err := filePart(c.GetHeader("Content-Type"), gateway.Body(c))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	f, err := a.state(c).Upload(name, ct, data)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, gin.H{"file_id": f.ID, "file_name": f.Name})
}

// filePart finds the first part with a file name (or, failing that, a part
// named file) and reads at most one byte past the size limit.
func filePart(contentType string, body []byte) (string, string, []byte, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") || params["boundary"] == "" {
		return "", "", nil, &errs.Error{Code: errs.MediaType, Message: "Upload File needs a multipart/form-data body with a file part",
			Fields: []errs.Field{{Name: "Content-Type", In: "header", Reason: "must be multipart/form-data with a boundary"}}}
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", "", nil, errs.InvalidField("file", "no file part in the multipart body")
		}
		if err != nil {
			return "", "", nil, errs.InvalidField("body", "malformed multipart body: "+err.Error())
		}
		if p.FileName() == "" && p.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, maxFileSize+1))
		if err != nil {
			return "", "", nil, errs.InvalidField("file", "malformed file part: "+err.Error())
		}
		if len(data) > maxFileSize {
			return "", "", nil, errs.New(errs.TooLarge, "file %s is over the limit of %d bytes (25 MB)", p.FileName(), maxFileSize)
		}
		name := p.FileName()
		if name == "" {
			name = "file"
		}
		return name, p.Header.Get("Content-Type"), data, nil
	}
}

func (a *API) getFile(c *gin.Context) {
	if err := a.cookieTenant(c); err != nil {
		gateway.Fail(c, err)
		return
	}
	f, data, err := a.state(c).File(c.Param("chatId"), c.Param("fileId"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Header("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": f.Name}))
	c.Data(http.StatusOK, f.ContentType, data)
}

func (a *API) profilePhoto(c *gin.Context) {
	if err := a.cookieTenant(c); err != nil {
		gateway.Fail(c, err)
		return
	}
	img, err := a.state(c).ProfilePhoto(c.Param("chatId"), c.Param("partyId"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Header("Cache-Control", "private, max-age=3600")
	c.Data(http.StatusOK, "image/png", img)
}
