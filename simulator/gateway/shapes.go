package gateway

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-json-experiment/json/jsontext"
)

// Response bodies are validated in full the first time their shape is seen,
// and afterwards by checking only their scalar values.
//
// A body's shape is its JSON with every scalar replaced by its kind: the
// object keys, their order and nesting, the array lengths, and which kind of
// scalar sits where. For an OpenAPI 3.0 schema, which schema nodes apply at a
// position depends only on the path of keys and indexes that leads there
// (properties, additionalProperties, items, allOf), unless a node chooses
// between alternatives or compares parts with each other (oneOf, anyOf, not,
// discriminator, uniqueItems, enum on an object or array: see couples). So,
// when no such node applies to an object or array of the body, everything a
// schema checks of its objects and arrays (type, required,
// additionalProperties, min/max properties and items, readOnly and writeOnly)
// is decided by the shape alone, and everything else is a check of one scalar
// against the nodes at its position. A body with the shape of a body that
// passed full validation is therefore valid exactly when each of its scalars
// passes those nodes, and that is what check tests, through kin-openapi's own
// VisitJSON on each scalar. An object or array that a coupling node applies
// to is decoded and visited in full (whole), and its parent, which couples
// nothing, depends on it only through that verdict; at the root that is
// kin-openapi's full validation. A failing body is always validated again by
// kin-openapi in full, so its report is kin-openapi's.
//
// This keeps "every response is validated against its spec" while a create,
// whose id and timestamps make every body new, no longer decodes and walks
// the whole body again.
type shapes struct {
	// request: the bodies are requests, visited as kin-openapi's
	// ValidateRequest does (readOnly properties refused), not responses.
	request bool
	seed    maphash.Seed
	seen    keySet       // the shapes that passed full validation
	mu      sync.RWMutex // guards scalars
	// scalars are the (schema node, scalar) pairs that passed the node:
	// a scalar's verdict depends on nothing else, and most repeat (enums,
	// clock times, flags), so each is visited once.
	scalars map[uint64]struct{}
}

const (
	shapesSize  = 1024
	scalarsSize = 8192
)

func newShapes(request bool) *shapes {
	// The maps are made on first use: most of the hundreds of routes are
	// never called in a given run.
	return &shapes{request: request, seed: maphash.MakeSeed(), seen: keySet{max: shapesSize}}
}

func (s *shapes) has(k uint64) bool { return s.seen.has(k) }

func (s *shapes) add(k uint64) { s.seen.add(k) }

// shapeCheck is one body's walk. When sound, shape identifies the body's
// shape (with the status and content type) and scalarsOK says whether every
// scalar passed the schema nodes at its position.
type shapeCheck struct {
	shape     uint64
	sound     bool
	scalarsOK bool
}

type shapeWalker struct {
	s       *shapes
	learned []uint64 // scalar keys that passed, to remember
	dec     jsontext.Decoder
	rd      bytes.Reader
	h       maphash.Hash
	name    []byte
	arena   []*openapi3.Schema
	opts    []openapi3.SchemaValidationOption
	asResp  []openapi3.SchemaValidationOption
	asReq   []openapi3.SchemaValidationOption
	coupled bool
	failed  bool
}

// decodeOpts: a repeated name is walked twice, each value against the
// nodes at its position, where kin-openapi's decoder keeps the last. Every
// value the walk passes, the last included, would pass there too; a failure
// goes to full validation anyway; and the shape, names repeated and all,
// passed full validation once. So repeats need no tracking, which was an
// eighth of the walk.
var decodeOpts = []jsontext.Options{jsontext.AllowDuplicateNames(true)}

var walkerPool = sync.Pool{New: func() any {
	return &shapeWalker{
		asResp: []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()},
		asReq:  []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()},
	}
}}

// check walks body against schema, the schema kin-openapi would validate it
// with.
func (s *shapes) check(status int, contentType string, body []byte, schema *openapi3.Schema) shapeCheck {
	w := walkerPool.Get().(*shapeWalker)
	defer func() {
		w.rd.Reset(nil)
		w.dec.Reset(&w.rd)
		w.s = nil
		clear(w.arena)
		w.arena = w.arena[:0]
		walkerPool.Put(w)
	}()
	w.opts = w.asResp
	if s.request {
		w.opts = w.asReq
	}
	w.s, w.learned = s, w.learned[:0]
	w.rd.Reset(body)
	w.dec.Reset(&w.rd, decodeOpts...)
	w.h.SetSeed(s.seed)
	w.h.WriteByte(byte(status >> 8))
	w.h.WriteByte(byte(status))
	w.h.WriteString(contentType)
	w.h.WriteByte(0)
	w.coupled, w.failed = false, false
	w.push(schema, 0)
	s.mu.RLock()
	err := w.value(w.since(0))
	s.mu.RUnlock()
	if len(w.learned) > 0 {
		s.mu.Lock()
		if s.scalars == nil || len(s.scalars)+len(w.learned) > scalarsSize {
			s.scalars = make(map[uint64]struct{}, 64)
		}
		for _, k := range w.learned {
			s.scalars[k] = struct{}{}
		}
		s.mu.Unlock()
	}
	if err != nil || w.coupled {
		return shapeCheck{}
	}
	return shapeCheck{shape: w.h.Sum64(), sound: true, scalarsOK: !w.failed}
}

// push appends schema and the allOf parts it holds, which all apply at the
// same position, to the walker's arena.
func (w *shapeWalker) push(schema *openapi3.Schema, depth int) {
	if schema == nil {
		return
	}
	if depth > 16 { // an allOf cycle: not a shape this walk can vouch for
		w.coupled = true
		return
	}
	w.arena = append(w.arena, schema)
	for _, part := range schema.AllOf {
		w.push(part.Value, depth+1)
	}
}

// since is what was pushed since start, capped so later pushes leave it be.
func (w *shapeWalker) since(start int) []*openapi3.Schema {
	return w.arena[start:len(w.arena):len(w.arena)]
}

func (w *shapeWalker) value(nodes []*openapi3.Schema) error {
	switch kind := w.dec.PeekKind(); kind {
	case '{':
		if couples(nodes) {
			return w.whole(nodes)
		}
		if _, err := w.dec.ReadToken(); err != nil {
			return err
		}
		w.h.WriteByte('{')
		for {
			switch w.dec.PeekKind() {
			case '}':
				if _, err := w.dec.ReadToken(); err != nil {
					return err
				}
				w.h.WriteByte('}')
				return nil
			case '"':
			default:
				_, err := w.dec.ReadToken()
				return err
			}
			raw, err := w.dec.ReadValue()
			if err != nil {
				return err
			}
			w.h.Write(raw)
			name := raw[1 : len(raw)-1]
			if bytes.IndexByte(name, '\\') >= 0 {
				if w.name, err = jsontext.AppendUnquote(w.name[:0], raw); err != nil {
					return err
				}
				name = w.name
			}
			start := len(w.arena)
			for _, n := range nodes {
				if p, ok := n.Properties[string(name)]; ok {
					w.push(p.Value, 0)
				} else if ap := n.AdditionalProperties.Schema; ap != nil {
					w.push(ap.Value, 0)
				}
			}
			if err := w.value(w.since(start)); err != nil || w.coupled {
				return err
			}
			clear(w.arena[start:])
			w.arena = w.arena[:start]
		}
	case '[':
		if couples(nodes) {
			return w.whole(nodes)
		}
		if _, err := w.dec.ReadToken(); err != nil {
			return err
		}
		w.h.WriteByte('[')
		start := len(w.arena)
		for _, n := range nodes {
			if n.Items != nil {
				w.push(n.Items.Value, 0)
			}
		}
		items := w.since(start)
		for {
			switch w.dec.PeekKind() {
			case ']':
				if _, err := w.dec.ReadToken(); err != nil {
					return err
				}
				w.h.WriteByte(']')
				return nil
			case 0:
				_, err := w.dec.ReadToken()
				return err
			}
			w.h.WriteByte(',')
			if err := w.value(items); err != nil || w.coupled {
				return err
			}
		}
	case 0:
		_, err := w.dec.ReadToken()
		return err
	default:
		raw, err := w.dec.ReadValue()
		if err != nil {
			return err
		}
		w.h.WriteByte(byte(kind))
		if w.failed {
			return nil
		}
		var v any
		decoded := false
		for _, n := range nodes {
			if anyScalarPasses(n, kind) {
				continue
			}
			key := maphash.Bytes(w.s.seed, raw) + 0x9E3779B97F4A7C15*maphash.Comparable(w.s.seed, n)
			if _, ok := w.s.scalars[key]; ok {
				continue
			}
			if !decoded {
				v, err = scalar(kind, raw)
				if err != nil {
					return err
				}
				decoded = true
			}
			if n.VisitJSON(v, w.opts...) != nil {
				w.failed = true
				return nil
			}
			w.learned = append(w.learned, key)
		}
		return nil
	}
}

// whole validates the next value, an object or array that a coupling node
// applies to, in full: decoded as kin-openapi decodes a body and visited
// against every node at its position. Its parent's verdict depends on it only
// through its own (the parent couples nothing), so the shape records just
// that a value was there.
func (w *shapeWalker) whole(nodes []*openapi3.Schema) error {
	raw, err := w.dec.ReadValue()
	if err != nil {
		return err
	}
	w.h.WriteByte('X')
	if w.failed {
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	for _, n := range nodes {
		if n.VisitJSON(v, w.opts...) != nil {
			w.failed = true
			return nil
		}
	}
	return nil
}

// scalar is the value kin-openapi's JSON body decoder gives a scalar: a
// string, a json.Number, a bool or nil.
func scalar(kind jsontext.Kind, raw jsontext.Value) (any, error) {
	switch kind {
	case '"':
		b, err := jsontext.AppendUnquote(nil, raw)
		return string(b), err
	case '0':
		return json.Number(raw), nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	}
	return nil, nil
}

// anyScalarPasses: node n accepts every scalar of this kind, so it need not
// be visited (its type was settled by the shape).
func anyScalarPasses(n *openapi3.Schema, kind jsontext.Kind) bool {
	if n.Format != "" || n.Pattern != "" || n.Enum != nil || n.Const != nil || n.MinLength != 0 || n.MaxLength != nil ||
		n.Min != nil || n.Max != nil || n.MultipleOf != nil || n.OneOf != nil || n.AnyOf != nil || n.Not != nil || n.Always != nil {
		return false
	}
	switch {
	case n.Type == nil || n.Type.IsEmpty():
		return kind != 'n' // null needs nullable
	case !n.Type.IsSingle():
		return false
	}
	switch kind {
	case '"':
		return n.Type.Is(openapi3.TypeString)
	case '0':
		return n.Type.Is(openapi3.TypeNumber)
	case 't', 'f':
		return n.Type.Is(openapi3.TypeBoolean)
	}
	return false
}

// couples: a node that applies to an object or array and whose verdict does
// not follow from the shape and each scalar on its own.
func couples(nodes []*openapi3.Schema) bool {
	for _, n := range nodes {
		if n.OneOf != nil || n.AnyOf != nil || n.Not != nil || n.Discriminator != nil || n.UniqueItems ||
			n.Enum != nil || n.Const != nil || n.Always != nil ||
			n.If != nil || n.Then != nil || n.Else != nil || n.Contains != nil || n.PrefixItems != nil ||
			n.PatternProperties != nil || n.DependentSchemas != nil || n.PropertyNames != nil ||
			n.UnevaluatedItems.Has != nil || n.UnevaluatedItems.Schema != nil ||
			n.UnevaluatedProperties.Has != nil || n.UnevaluatedProperties.Schema != nil || n.DependentRequired != nil {
			return true
		}
	}
	return false
}
