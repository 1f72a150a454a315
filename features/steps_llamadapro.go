package features

import "github.com/cucumber/godog"

// llamadaproSteps binds the steps that only llamadapro flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) llamadaproSteps(sc *godog.ScenarioContext) {}
