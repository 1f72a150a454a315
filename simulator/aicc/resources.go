package aicc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Resource is a file an agent or robot sent (IMAGE, VIDEO, AUDIO or
// DOCUMENT); its id is the message content and the downloadFileStream fileId.
type Resource struct {
	ID          string `json:"id"`
	MediaType   string `json:"mediaType"`
	FileType    string `json:"fileType"`
	ContentType string `json:"contentType"`
}

// resourceKinds maps a media type to its file type and content type.
var resourceKinds = map[string][2]string{
	MediaImage:    {"png", "image/png"},
	MediaAudio:    {"wav", "audio/wav"},
	MediaVideo:    {"mp4", "video/mp4"},
	MediaDocument: {"pdf", "application/pdf"},
}

func newResource(id, media string) Resource {
	k := resourceKinds[media]
	return Resource{ID: id, MediaType: media, FileType: k[0], ContentType: k[1]}
}

// Bytes renders the resource: a small valid file of its type, derived only
// from its id, so downloads are deterministic.
func (r Resource) Bytes() []byte {
	switch r.MediaType {
	case MediaImage:
		return pngBytes(r.ID)
	case MediaAudio:
		return wavBytes()
	case MediaVideo:
		return mp4Bytes()
	default:
		return pdfBytes(r.ID)
	}
}

func pngBytes(id string) []byte {
	var h byte
	for i := 0; i < len(id); i++ {
		h = h*31 + id[i]
	}
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, color.RGBA{R: h, G: byte(x * 16), B: byte(y * 16), A: 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // encoding an in-memory RGBA image cannot fail
	return b.Bytes()
}

// wavBytes is 0.1 s of a 440 Hz tone, 8 kHz, 8-bit mono PCM.
func wavBytes() []byte {
	const rate, n = 8000, 800
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(128 + 60*math.Sin(2*math.Pi*440*float64(i)/rate))
	}
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + n))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1)) // PCM
	w(uint16(1)) // mono
	w(uint32(rate))
	w(uint32(rate)) // byte rate
	w(uint16(1))    // block align
	w(uint16(8))    // bits per sample
	b.WriteString("data")
	w(uint32(n))
	b.Write(data)
	return b.Bytes()
}

// mp4Bytes is an ISO base media file with an ftyp box, an empty movie
// header and an empty mdat: a well-formed container with no samples.
func mp4Bytes() []byte {
	box := func(typ string, payload []byte) []byte {
		out := make([]byte, 8, 8+len(payload))
		binary.BigEndian.PutUint32(out, uint32(8+len(payload)))
		copy(out[4:], typ)
		return append(out, payload...)
	}
	ftyp := box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], 1000)       // timescale
	binary.BigEndian.PutUint32(mvhd[20:], 0x00010000) // rate 1.0
	binary.BigEndian.PutUint16(mvhd[24:], 0x0100)     // volume 1.0
	for i, v := range []uint32{0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000} {
		binary.BigEndian.PutUint32(mvhd[36+4*i:], v) // unity matrix
	}
	binary.BigEndian.PutUint32(mvhd[96:], 1) // next track id
	moov := box("moov", box("mvhd", mvhd))
	return append(append(ftyp, moov...), box("mdat", nil)...)
}

// pdfBytes is a one-page PDF 1.4 with a correct cross-reference table.
func pdfBytes(id string) []byte {
	text := fmt.Sprintf("BT /F1 18 Tf 40 100 Td (Switchboard AICC document %s) Tj ET", id)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
