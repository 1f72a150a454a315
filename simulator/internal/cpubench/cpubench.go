// Package cpubench reports a benchmark's CPU time per operation.
package cpubench

import (
	"syscall"
	"testing"
	"time"
)

// PerOp reports the process's CPU time (user+system, the GC included) per
// operation as cpu-ns/op: unlike ns/op it barely moves when other processes
// share the cores. Call it before the loop and defer the result:
//
//	defer cpubench.PerOp(b)()
func PerOp(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
