package brightpattern

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// identicon draws a deterministic 5x5 mirrored pattern, 80x80 pixels, from
// a key: the same key always gives the same PNG bytes.
func identicon(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	fg := color.RGBA{R: sum[0]/2 + 64, G: sum[1]/2 + 64, B: sum[2]/2 + 64, A: 255}
	bg := color.RGBA{R: 240, G: 240, B: 240, A: 255}
	const cell, n = 16, 5
	img := image.NewRGBA(image.Rect(0, 0, cell*n, cell*n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			src := x
			if x > n/2 {
				src = n - 1 - x
			}
			c := bg
			if sum[3+y*3+src]%2 == 0 {
				c = fg
			}
			for py := 0; py < cell; py++ {
				for px := 0; px < cell; px++ {
					img.SetRGBA(x*cell+px, y*cell+py, c)
				}
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// ProfilePhoto is a party's generated photo, for a chat it joined.
func (s *State) ProfilePhoto(chatID, partyID string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.chat(chatID)
	if err != nil {
		return nil, err
	}
	p, ok := c.parties[partyID]
	if !ok {
		return nil, errs.NotFoundf("party %s is not in chat %s", partyID, chatID)
	}
	return identicon(p.ID + "/" + p.DisplayName), nil
}
