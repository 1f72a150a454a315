package scenarios

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine they started (a
// timer's, a watcher's) outlives them.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
