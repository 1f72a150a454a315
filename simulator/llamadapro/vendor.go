package llamadapro

import (
	_ "embed"
	"encoding/binary"
	"fmt"

	"github.com/switchboard-sim/switchboard/simulator/gateway"
	"github.com/switchboard-sim/switchboard/simulator/vendor"
)

//go:embed scenario.schema.json
var scenarioSchema []byte

// Vendor is LlamadaPro as the core sees it (see package vendor): its
// scenario schema and its own feature step. Features authenticate with
// the default Bearer.
type Vendor struct{}

// NewVendor is LlamadaPro.
func NewVendor() *Vendor { return &Vendor{} }

// Name is the API's id.
func (v *Vendor) Name() string { return apiName }

// Build constructs the API.
func (v *Vendor) Build(vendor.Env) (gateway.API, error) { return New() }

// ScenarioSchema is LlamadaPro's fragment of the scenario schema.
func (v *Vendor) ScenarioSchema() []byte { return scenarioSchema }

// FeatureSteps binds the steps that only llamadapro flows need (see
// docs/steps.md); everything else uses the generic library.
func (v *Vendor) FeatureSteps(sc vendor.Steps, s vendor.FeatureScenario) {
	sc.Step(`^the response is a WAV audio of (\d+) seconds?$`, func(seconds int) error {
		b, err := s.Body()
		if err != nil {
			return err
		}
		return wavOf(b, seconds)
	})
}

// wavOf checks b is a PCM WAV file (RIFF/WAVE with a fmt chunk and a data
// chunk) playing for seconds, as a call recording is.
func wavOf(b []byte, seconds int) error {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return fmt.Errorf("the body (%d bytes) is not a RIFF/WAVE file", len(b))
	}
	var byteRate, data uint32
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), binary.LittleEndian.Uint32(b[off+4:off+8])
		body := off + 8
		switch id {
		case "fmt ":
			if size < 16 || body+16 > len(b) {
				return fmt.Errorf("the WAV fmt chunk is truncated")
			}
			if format := binary.LittleEndian.Uint16(b[body:]); format != 1 {
				return fmt.Errorf("the WAV audio format is %d, not PCM (1)", format)
			}
			byteRate = binary.LittleEndian.Uint32(b[body+8:])
		case "data":
			if uint64(body)+uint64(size) > uint64(len(b)) {
				return fmt.Errorf("the WAV data chunk claims %d bytes but only %d follow", size, len(b)-body)
			}
			data = size
		}
		off = body + int(size) + int(size%2)
	}
	if byteRate == 0 {
		return fmt.Errorf("the WAV file has no fmt chunk or a zero byte rate")
	}
	if got := float64(data) / float64(byteRate); got != float64(seconds) {
		return fmt.Errorf("the WAV audio lasts %.3f s, want %d s", got, seconds)
	}
	return nil
}
