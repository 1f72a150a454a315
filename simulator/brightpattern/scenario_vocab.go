package brightpattern

// The scenario actions of this API (its fragment of the scenario schema,
// scenario.schema.json, validates their parameters).
const (
	actionAgentJoins    = "agentJoins"
	actionBotJoins      = "botJoins"
	actionTyping        = "typing"
	actionSays          = "says"
	actionSendsFile     = "sendsFile"
	actionShowsForm     = "showsForm"
	actionTransfers     = "transfers"
	actionEnds          = "ends"
	actionServiceCloses = "serviceCloses"
	actionSignals       = "signals"
)
