package features

import "github.com/cucumber/godog"

// aiccSteps binds the steps that only aicc flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) aiccSteps(sc *godog.ScenarioContext) {}
