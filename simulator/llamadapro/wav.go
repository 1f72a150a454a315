package llamadapro

import (
	"encoding/binary"
	"math"
)

// WAV audio format of recordings: 8 kHz, mono, 16-bit PCM.
const (
	wavRate     = 8000
	wavChannels = 1
	wavBits     = 16
)

// WAV renders a playable PCM WAV file of the given length in seconds. The
// sound is deterministic for a seed: quiet tones that alternate like two
// speakers taking turns, with a little noise, and short pauses.
func WAV(seconds int, seed uint64) []byte {
	n := max(seconds, 0) * wavRate
	data := n * wavChannels * wavBits / 8
	b := make([]byte, 44+data)
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+data))
	copy(b[8:], "WAVE")
	copy(b[12:], "fmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1) // PCM
	binary.LittleEndian.PutUint16(b[22:], wavChannels)
	binary.LittleEndian.PutUint32(b[24:], wavRate)
	binary.LittleEndian.PutUint32(b[28:], wavRate*wavChannels*wavBits/8)
	binary.LittleEndian.PutUint16(b[32:], wavChannels*wavBits/8)
	binary.LittleEndian.PutUint16(b[34:], wavBits)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(data))
	x := seed | 1
	for i := 0; i < n; i++ {
		x ^= x << 13 // xorshift64: cheap deterministic noise
		x ^= x >> 7
		x ^= x << 17
		noise := float64(int64(x>>48)-32768) / 32768 * 200
		turn := i / (3 * wavRate) // a speaker turn every 3 seconds
		pos := i % (3 * wavRate)
		var tone float64
		if pos < 5*wavRate/2 { // half a second of silence between turns
			freq := 220.0
			if turn%2 == 1 {
				freq = 330
			}
			tone = 2500 * math.Sin(2*math.Pi*freq*float64(i)/wavRate)
		}
		binary.LittleEndian.PutUint16(b[44+2*i:], uint16(int16(tone+noise)))
	}
	return b
}
