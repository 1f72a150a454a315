package features

import "github.com/cucumber/godog"

// maiagentSteps binds the steps that only maiagent flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) maiagentSteps(sc *godog.ScenarioContext) {}
