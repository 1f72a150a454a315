package maiagent

import (
	"math"
	"strconv"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Scores are a record's RAG evaluation scores, each in [0, 1].
type Scores struct {
	Faithfulness, AnswerRelevancy, ContextPrecision, AnswerCorrectness, AnswerSimilarity, ContextRecall float64
}

// Record is an AI assistant conversation record: one question and its
// answer, with evaluation scores and their display strings.
type Record struct {
	ID                            string    `json:"id"`
	InputMessage                  string    `json:"inputMessage"`
	CondenseMessage               string    `json:"condenseMessage"`
	OutputMessage                 string    `json:"outputMessage"`
	Context                       string    `json:"context"`
	FaithfulnessScore             float64   `json:"faithfulnessScore"`
	DisplayFaithfulnessScore      string    `json:"displayFaithfulnessScore"`
	AnswerRelevancyScore          float64   `json:"answerRelevancyScore"`
	DisplayAnswerRelevancyScore   string    `json:"displayAnswerRelevancyScore"`
	ContextPrecisionScore         float64   `json:"contextPrecisionScore"`
	DisplayContextPrecisionScore  string    `json:"displayContextPrecisionScore"`
	AnswerCorrectnessScore        float64   `json:"answerCorrectnessScore"`
	DisplayAnswerCorrectnessScore string    `json:"displayAnswerCorrectnessScore"`
	AnswerSimilarityScore         float64   `json:"answerSimilarityScore"`
	DisplayAnswerSimilarityScore  string    `json:"displayAnswerSimilarityScore"`
	ContextRecallScore            float64   `json:"contextRecallScore"`
	DisplayContextRecallScore     string    `json:"displayContextRecallScore"`
	ReplyTime                     float64   `json:"replyTime"`
	CreatedAt                     time.Time `json:"createdAt"`
	Error                         *string   `json:"error"`

	conversation string
}

// scores draws a reply's scores: grounded replies score higher. Callers hold mu.
func (s *State) scores(source string) Scores {
	lo, hi := 0.40, 0.75
	switch source {
	case fromKnowledgeBase:
		lo, hi = 0.85, 1.0
	case fromMemory:
		lo, hi = 0.70, 0.90
	}
	r := func() float64 { return math.Round(s.fake.Float64Range(lo, hi)*100) / 100 }
	return Scores{r(), r(), r(), r(), r(), r()}
}

// addRecord stores a finished turn's record. replyTime is simulated: a
// fixed think time plus a pause per token, so it never depends on the wall
// clock. Callers hold mu.
func (s *State) addRecord(t Turn, produced string, tokensSent int) {
	sc := t.scores
	d := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	r := &Record{
		ID: t.recordID, InputMessage: t.input, CondenseMessage: t.input, OutputMessage: produced,
		FaithfulnessScore: sc.Faithfulness, DisplayFaithfulnessScore: d(sc.Faithfulness),
		AnswerRelevancyScore: sc.AnswerRelevancy, DisplayAnswerRelevancyScore: d(sc.AnswerRelevancy),
		ContextPrecisionScore: sc.ContextPrecision, DisplayContextPrecisionScore: d(sc.ContextPrecision),
		AnswerCorrectnessScore: sc.AnswerCorrectness, DisplayAnswerCorrectnessScore: d(sc.AnswerCorrectness),
		AnswerSimilarityScore: sc.AnswerSimilarity, DisplayAnswerSimilarityScore: d(sc.AnswerSimilarity),
		ContextRecallScore: sc.ContextRecall, DisplayContextRecallScore: d(sc.ContextRecall),
		ReplyTime: math.Round((0.35+0.02*float64(tokensSent))*1000) / 1000,
		CreatedAt: t.started, conversation: t.ConversationID,
	}
	if t.source == fromKnowledgeBase {
		r.Context = "knowledge base: " + t.Answer
	}
	if produced != t.Answer {
		msg := "the client disconnected before the reply was complete"
		r.Error = &msg
	}
	s.records[t.chatbotID] = append(s.records[t.chatbotID], r)
}

// ListRecords returns one page of a chatbot's records, newest first. page
// is 1-based; a page past the end is DRF's 404 "Invalid page.".
func (s *State) ListRecords(chatbotID string, page, size int) (Page[Record], error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.chatbot(chatbotID); !ok {
		return Page[Record]{}, errs.NotFoundf("Not found.")
	}
	rs := s.records[chatbotID] // creation order: the page is read from the end, O(page)
	n := len(rs)
	start := (page - 1) * size
	if page < 1 || (start >= n && page != 1) {
		return Page[Record]{}, errs.NotFoundf("Invalid page.")
	}
	end := min(start+size, n)
	p := Page[Record]{Count: n, Results: make([]Record, 0, end-min(start, end))}
	for i := min(start, end); i < end; i++ {
		p.Results = append(p.Results, *rs[n-1-i])
	}
	if end < n {
		p.NextPage = page + 1
	}
	if page > 1 {
		p.PrevPage = page - 1
	}
	return p, nil
}

// Records returns every record of a chatbot, newest first.
func (s *State) Records(chatbotID string) ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.chatbot(chatbotID); !ok {
		return nil, errs.NotFoundf("Not found.")
	}
	rs := s.records[chatbotID]
	out := make([]Record, 0, len(rs))
	for i := len(rs) - 1; i >= 0; i-- {
		out = append(out, *rs[i])
	}
	return out, nil
}
