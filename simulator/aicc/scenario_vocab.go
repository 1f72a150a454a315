package aicc

// The scenario actions of this API (its fragment of the scenario schema,
// scenario.schema.json, validates their parameters).
const (
	actionPushDownLinkMsg     = "pushDownLinkMsg"
	actionDisconnectByTimeout = "disconnectByTimeout"
)
