package gateway

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/switchboard-sim/switchboard/simulator/journal"
)

// ExplainHeader carries the one-line near-miss explanation of a request
// answered 400, 401, 403, 404 or 405. The vendor's error body never does.
const ExplainHeader = "X-Switchboard-Explain"

// Bounds on the work one explanation may do, whatever the request.
const (
	maxSegments   = 12  // path segments compared
	maxSegmentLen = 24  // characters of a segment compared
	maxCandidates = 3   // operations suggested
	maxHeaderLen  = 600 // bytes of the explanation header
)

// explainable is whether an answer with this status gets an explanation.
func explainable(status int) bool {
	switch status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed:
		return true
	}
	return false
}

// operation is one spec operation as the near-miss ranking sees it.
type operation struct {
	method, path, id string
	segs             []string // as in the spec
	kids             []int    // each segment's key, as an index into opIndex.vocab
}

// opIndex is an API's operations, with every distinct segment key once:
// a request's segments are compared with each key once, not once per use.
type opIndex struct {
	ops   []operation
	vocab []string // lower-cased, clipped segment keys
}

// newIndex indexes ops (whose segs are set).
func newIndex(ops []operation) *opIndex {
	x := &opIndex{ops: ops}
	ids := map[string]int{}
	for i := range x.ops {
		op := &x.ops[i]
		op.kids = make([]int, len(op.segs))
		for j, k := range keys(op.segs) {
			id, ok := ids[k]
			if !ok {
				id = len(x.vocab)
				ids[k] = id
				x.vocab = append(x.vocab, k)
			}
			op.kids[j] = id
		}
	}
	return x
}

// operations lists every operation of doc (and its aliased paths), sorted
// so that ties rank the same way every time.
func operations(doc *openapi3.T, aliases map[string]string) *opIndex {
	var out []operation
	if doc == nil || doc.Paths == nil {
		return newIndex(nil)
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			for _, p := range servedPaths(path, aliases) {
				out = append(out, operation{method: method, path: p, id: op.OperationID, segs: segments(p)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].method < out[j].method
	})
	return newIndex(out)
}

func segments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	s := strings.SplitN(p, "/", maxSegments+1)
	if len(s) > maxSegments {
		s = s[:maxSegments]
	}
	return s
}

// keys are segments as compared: lower-cased, clipped to maxSegmentLen.
func keys(segs []string) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = strings.ToLower(clip(s))
	}
	return out
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// segCost is how far a request segment is from a spec segment (both as
// keys): 0 for the same literal, a little for any value in a {param}, up
// to 1 for literals by their edit distance.
func segCost(got, want string) float64 {
	switch {
	case got == want:
		return 0
	case isParam(want):
		return 0.15
	}
	d := float64(editDistance(got, want)) / float64(max(len(got), len(want)))
	return min(1, 0.1+d)
}

func clip(s string) string {
	if len(s) > maxSegmentLen {
		return s[:maxSegmentLen]
	}
	return s
}

// editDistance is the Levenshtein distance of two strings of at most
// maxSegmentLen bytes, without allocating.
func editDistance(a, b string) int {
	var rows [2][maxSegmentLen + 1]int
	prev, cur := &rows[0], &rows[1]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// pathCost aligns the request's segments with an operation's (an edit
// distance over segments, each missing or extra segment costing 1); cost
// holds each request segment's cost against each vocabulary key.
func pathCost(cost [][]float64, want []int) float64 {
	var rows [2][maxSegments + 1]float64
	prev, cur := &rows[0], &rows[1]
	for j := 0; j <= len(want); j++ {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(cost); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(want); j++ {
			cur[j] = min(prev[j-1]+cost[i-1][want[j-1]], prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(want)]
}

// closest ranks the operations by how near they are to method and path,
// at most 3. Its work is bounded by maxSegments × the vocabulary ×
// maxSegmentLen², whatever the request.
func (x *opIndex) closest(method, path string) []journal.Candidate {
	got := segments(path)
	gotKeys := keys(got)
	flat := make([]float64, len(gotKeys)*len(x.vocab))
	cost := make([][]float64, len(gotKeys))
	for i, g := range gotKeys {
		cost[i] = flat[i*len(x.vocab) : (i+1)*len(x.vocab)]
		for k, w := range x.vocab {
			cost[i][k] = segCost(g, w)
		}
	}
	type scored struct {
		op   *operation
		cost float64
	}
	var best [maxCandidates + 1]scored
	n := 0
	for i := range x.ops {
		op := &x.ops[i]
		penalty := 0.0
		if !strings.EqualFold(op.method, method) {
			penalty = 0.5
		}
		c := pathCost(cost, op.kids) + penalty
		if n == maxCandidates && c >= best[n-1].cost {
			continue
		}
		// insert in order; ties keep spec order
		j := n
		for j > 0 && best[j-1].cost > c {
			best[j] = best[j-1]
			j--
		}
		best[j] = scored{op, c}
		if n < maxCandidates {
			n++
		}
	}
	out := make([]journal.Candidate, 0, n)
	for _, r := range best[:n] {
		out = append(out, journal.Candidate{
			Method: r.op.method, Path: r.op.path, Operation: r.op.id,
			Differs: differs(method, got, r.op),
		})
	}
	return out
}

// differs says, segment by segment, what separates the request from op.
func differs(method string, got []string, op *operation) []string {
	var out []string
	if !strings.EqualFold(method, op.method) {
		out = append(out, fmt.Sprintf("method %s, not %s", op.method, strings.ToUpper(clip(method))))
	}
	if len(got) != len(op.segs) {
		out = append(out, fmt.Sprintf("%d path segments, not %d", len(op.segs), len(got)))
	}
	for i := 0; i < min(len(got), len(op.segs)); i++ {
		g, w := got[i], op.segs[i]
		if g != w && !isParam(w) {
			out = append(out, fmt.Sprintf("segment %d is %q, not %q", i+1, w, clip(g)))
		}
		if len(out) >= 4 {
			break
		}
	}
	return out
}

// didYouMean is the summary line for an unknown path or method.
func didYouMean(method, path string, cands []journal.Candidate) string {
	s := "no operation at " + clip(strings.ToUpper(method)) + " " + capText(path, 120)
	if len(cands) == 0 {
		return s
	}
	parts := make([]string, len(cands))
	for i, c := range cands {
		parts[i] = c.Method + " " + c.Path
	}
	return s + "; did you mean " + strings.Join(parts, " or ") + "?"
}

func capText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// headerValue makes s safe for a header: one line, printable, capped.
func headerValue(s string) string {
	b := make([]byte, 0, min(len(s), maxHeaderLen))
	for i := 0; i < len(s) && len(b) < maxHeaderLen; i++ {
		ch := s[i]
		switch {
		case ch == '\t' || ch == '\r' || ch == '\n':
			b = append(b, ' ')
		case ch < 0x20 || ch == 0x7f:
		case ch >= 0x80:
			b = append(b, '?')
		default:
			b = append(b, ch)
		}
	}
	return string(b)
}
