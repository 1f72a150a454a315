// Package scenarios makes the simulated counterpart of a conversation or call
// act on a script. A scenario file (YAML, schemaVersion 1, checked against
// schema.json) is a timeline on the tenant's virtual clock: cues whose
// trigger (a chat requested, a customer message matching a pattern, a call
// started, a message sent, a duration elapsed) schedules actions after
// offsets. Each vendor package performs its own actions by implementing
// Actor; the Runtime matches triggers, renders templated parameters and
// fires actions in clock order. docs/scenarios.md documents the format.
package scenarios
