package gateway

import "testing"

func TestResponseAudit(t *testing.T) {
	t.Run("strict validates every new body", func(t *testing.T) {
		var a responseAudit
		for i := 0; i < 10*auditFull; i++ {
			if !a.due(true) {
				t.Fatalf("response %d skipped under strict responses", i)
			}
			a.result(true)
		}
	})
	t.Run("lenient validates the first bodies in full, then one in auditEvery", func(t *testing.T) {
		var a responseAudit
		for i := 0; i < auditFull; i++ {
			if !a.due(false) {
				t.Fatalf("response %d skipped before %d had passed", i, auditFull)
			}
			a.result(true)
		}
		due := 0
		for i := 0; i < 10*auditEvery; i++ {
			if a.due(false) {
				due++
				a.result(true)
			}
		}
		if due != 10 {
			t.Errorf("validated %d of %d, want 10", due, 10*auditEvery)
		}
	})
	t.Run("a failure puts the operation back on full validation", func(t *testing.T) {
		var a responseAudit
		for i := 0; i < auditFull; i++ {
			a.result(true)
		}
		for !a.due(false) {
		}
		a.result(false)
		for i := 0; i < 3*auditEvery; i++ {
			if !a.due(false) {
				t.Fatalf("response %d after a failure skipped", i)
			}
		}
	})
}
