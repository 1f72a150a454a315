package features

import "github.com/cucumber/godog"

// ringotelSteps binds the steps that only ringotel flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) ringotelSteps(sc *godog.ScenarioContext) {}
