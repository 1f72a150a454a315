package features

import "github.com/cucumber/godog"

// brightpatternSteps binds the steps that only brightpattern flows need (see docs/steps.md);
// everything else uses the generic library.
func (w *world) brightpatternSteps(sc *godog.ScenarioContext) {}
