package llamadapro

import (
	"fmt"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Recording is a call recording in its wire shape.
type Recording struct {
	ID               int64     `json:"id"`
	TenantID         string    `json:"tenantId"`
	CallID           int64     `json:"callId"`
	ProviderID       *string   `json:"providerId"`
	ProviderName     *string   `json:"providerName"`
	CallProviderID   *string   `json:"callProviderId"`
	CallProviderName *string   `json:"callProviderName"`
	URL              string    `json:"url"`
	StartTime        time.Time `json:"startTime"`
	Duration         float64   `json:"duration"`
	DualChannel      bool      `json:"dualChannel"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt"`
}

// Transcription is a recording's transcript.
type Transcription struct {
	ID           int64     `json:"id"`
	TenantID     string    `json:"tenantId"`
	ProviderID   *string   `json:"providerId"`
	ProviderName *string   `json:"providerName"`
	RecordingID  int64     `json:"recordingId"`
	URL          *string   `json:"url"`
	Text         string    `json:"text"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// record creates a finished call's recording and transcription. url is
// the recording's source; "" means the simulator serves the audio. Callers hold mu.
func (s *State) record(c *Call, source string, seconds int, hangUp bool) *Recording {
	now := s.now()
	s.nextRecID++
	start := c.CreatedAt
	if c.StartTime != nil {
		start = *c.StartTime
	}
	r := &Recording{ID: s.nextRecID, TenantID: s.tenantID, CallID: c.ID, ProviderID: strp(fmt.Sprintf("rec-%d", s.nextRecID)),
		ProviderName: c.ProviderName, CallProviderID: c.ProviderID, CallProviderName: c.ProviderName,
		URL: source, StartTime: start, Duration: float64(seconds), CreatedAt: now, UpdatedAt: now}
	if r.URL == "" {
		r.URL = c.base + fmt.Sprintf("/api/v1/recordings/%d/audio", r.ID)
	}
	s.recordings[r.ID] = r
	s.nextTrID++
	tURL := c.base + fmt.Sprintf("/api/v1/calls/%d/transcription", c.ID)
	s.transcript[c.ID] = &Transcription{ID: s.nextTrID, TenantID: s.tenantID, ProviderID: strp(fmt.Sprintf("tr-%d", s.nextTrID)),
		ProviderName: strp("deepgram"), RecordingID: r.ID, URL: &tURL, Text: s.dialogue(c.script, hangUp),
		CreatedAt: now, UpdatedAt: now}
	return r
}

// GetRecording returns a recording by id.
func (s *State) GetRecording(id int64) (Recording, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.recordings[id]
	if !ok {
		return Recording{}, errs.NotFoundf("recording %d not found", id)
	}
	return *r, nil
}

// CallRecording returns a call's recording; 404 until the call has completed.
func (s *State) CallRecording(callID int64) (Recording, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.calls[callID]; !ok {
		return Recording{}, errs.NotFoundf("call %d not found", callID)
	}
	for _, r := range s.recordings {
		if r.CallID == callID {
			return *r, nil
		}
	}
	return Recording{}, errs.NotFoundf("call %d has no recording (yet)", callID)
}

// CallTranscription returns a call's transcription; 404 until the call has completed.
func (s *State) CallTranscription(callID int64) (Transcription, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.calls[callID]; !ok {
		return Transcription{}, errs.NotFoundf("call %d not found", callID)
	}
	t, ok := s.transcript[callID]
	if !ok {
		return Transcription{}, errs.NotFoundf("call %d has no transcription (yet)", callID)
	}
	return *t, nil
}

// RecordingAudio is the WAV of a recording: deterministic, as long as the call.
func (s *State) RecordingAudio(id int64) ([]byte, error) {
	s.mu.Lock()
	r, ok := s.recordings[id]
	s.mu.Unlock()
	if !ok {
		return nil, errs.NotFoundf("recording %d not found", id)
	}
	return WAV(int(r.Duration), uint64(r.ID)), nil
}
