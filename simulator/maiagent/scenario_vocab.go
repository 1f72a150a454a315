package maiagent

// The scenario actions of this API (its fragment of the scenario schema,
// scenario.schema.json, validates their parameters).
const (
	actionAnswers = "answers"
	actionPacing  = "pacing"
)
