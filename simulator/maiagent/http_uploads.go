package maiagent

import (
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// maxUpload is the presigned POST's body limit (keep in step with the spec's x-max-body-bytes).
const maxUpload = 25 << 20

// createUploadURL returns an S3-style presigned POST whose url points back
// at this simulator; the tenant travels in the url, since the upload itself
// carries no Api-Key.
func (a *API) createUploadURL(c *gin.Context) {
	var in PresignRequest
	if !decode(c, &in) {
		return
	}
	t := gateway.Tenant(c)
	fields := a.stateOf(t).Presign(in)
	gateway.JSON(c, http.StatusOK, gin.H{"url": apiBase(c) + "/uploads/" + t.ID() + "/", "fields": fields})
}

// uploadFile is the presigned multipart POST (the S3 bucket's role): 204 on success.
func (a *API) uploadFile(c *gin.Context) {
	t, ok := a.tenants.Lookup(c.Param("bucket"))
	if !ok {
		gateway.Fail(c, errs.NotFoundf("The specified bucket does not exist."))
		return
	}
	gateway.WithTenant(c, t)
	if err := c.Request.ParseMultipartForm(maxUpload); err != nil {
		gateway.Fail(c, errs.InvalidField("file", "could not read the multipart form: "+err.Error()))
		return
	}
	f, hdr, err := c.Request.FormFile("file")
	if err != nil {
		gateway.Fail(c, errs.InvalidField("file", "No file was submitted."))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		gateway.Fail(c, errs.InvalidField("file", err.Error()))
		return
	}
	err = a.stateOf(t).Upload(c.Request.FormValue("key"), c.Request.FormValue("x-amz-signature"), data, hdr.Header.Get("Content-Type"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (a *API) createAttachment(c *gin.Context) {
	if strings.HasPrefix(c.GetHeader("Content-Type"), "multipart/form-data") {
		a.createAttachmentFromPart(c)
		return
	}
	var in struct {
		File     string `json:"file"`
		Filename string `json:"filename"`
		Type     string `json:"type"`
	}
	if !decode(c, &in) {
		return
	}
	att, err := a.state(c).CreateAttachment(in.File, in.Filename, in.Type, apiBase(c))
	respond(c, http.StatusCreated, att, err)
}

// getAttachmentFile serves a stored upload at the absolute URL attachments
// carry; like an S3 object URL it needs no Api-Key.
func (a *API) getAttachmentFile(c *gin.Context) {
	t, ok := a.tenants.Lookup(c.Param("tenantId"))
	if !ok {
		gateway.Fail(c, errs.NotFoundf("Not found."))
		return
	}
	gateway.WithTenant(c, t)
	data, ct, err := a.stateOf(t).AttachmentFile(c.Param("attachmentId"), c.Param("filename"))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	c.Data(http.StatusOK, ct, data)
}

// createAttachmentFromPart is the direct upload: the file in part "file".
func (a *API) createAttachmentFromPart(c *gin.Context) {
	fh, err := c.FormFile("file")
	if err != nil {
		gateway.Fail(c, errs.InvalidField("file", "No file was submitted."))
		return
	}
	f, err := fh.Open()
	if err != nil {
		gateway.Fail(c, errs.InvalidField("file", "The submitted file could not be read."))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		gateway.Fail(c, errs.InvalidField("file", "The submitted file could not be read."))
		return
	}
	att, err := a.state(c).CreateAttachmentFromFile(fh.Filename, fh.Header.Get("Content-Type"), c.PostForm("type"), data, apiBase(c))
	respond(c, http.StatusCreated, att, err)
}
