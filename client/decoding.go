package client

import (
	"bytes"
	"encoding/json"
)

// decoding is what the objects of one list answer share while they are
// read: the strings that repeat, and the memory the readers work in.
//
// Strings: resource ids in targets, program ids, names and enum values
// repeat across a list; one copy of each is kept (100,000 events naming
// the same locations hold each name once). Lookups by an answer's bytes
// cost no allocation. The copies are not shared across answers:
// unique.Make would, at about a microsecond per new string (0.9 s of CPU for
// the ids of 100,000 vehicles), and a later poll decodes only what changed.
//
// Memory: an answer of 100,000 events has 3.5 million objects. Their
// member lists and readers are carved from chunks that are reused for
// every element: they live only while an element is read (begin).
//
// A nil *decoding works: it shares nothing and allocates each object on
// its own.
type decoding struct {
	seen map[string]string
	// dropRaw leaves Raw empty in what is decoded: the caller of an
	// ElementDecoder keeps no copy of the bytes it has already compared.
	dropRaw bool

	scratch []member          // one object's members while they are scanned
	members []member          // chunk the member lists are carved from
	objects []object          // chunk the readers are carved from
	elems   []json.RawMessage // chunk the element lists of arrays are carved from

	// The event being read's target resource ids: its report descriptors
	// name the same vehicles, and share these strings rather than copy them.
	targets []string
}

func newDecoding() *decoding { return &decoding{seen: map[string]string{}} }

const chunk = 4096

// begin starts reading the next element: the readers and member lists of
// the last one are no longer in use, and their memory is reused.
func (d *decoding) begin() {
	if d != nil {
		clear(d.objects) // drop what they point to
		d.objects, d.members, d.elems = d.objects[:0], d.members[:0], d.elems[:0]
		d.targets = d.targets[:0]
	}
}

// object returns a zeroed reader.
func (d *decoding) object() *object {
	if d == nil {
		return &object{}
	}
	if len(d.objects) == cap(d.objects) {
		d.objects = make([]object, 0, chunk)
	}
	d.objects = d.objects[:len(d.objects)+1]
	return &d.objects[len(d.objects)-1]
}

// scanMembers splits raw (see scanMembers) into a list of exactly its length.
func (d *decoding) scanMembers(raw []byte) ([]member, bool) {
	if d == nil {
		return scanMembers(raw, nil)
	}
	var ok bool
	d.scratch, ok = scanMembers(raw, d.scratch[:0])
	if !ok {
		return nil, false
	}
	n := len(d.scratch)
	if n > cap(d.members)-len(d.members) {
		d.members = make([]member, 0, max(chunk, n))
	}
	out := d.members[len(d.members) : len(d.members)+n : len(d.members)+n]
	copy(out, d.scratch)
	d.members = d.members[:len(d.members)+n]
	return out, true
}

// scanElements splits raw (see scanElements) into a list of exactly its length.
func (d *decoding) scanElements(raw []byte) ([]json.RawMessage, bool) {
	if d == nil {
		return scanElements(raw, nil)
	}
	start := len(d.elems)
	var ok bool
	d.elems, ok = scanElements(raw, d.elems)
	if !ok {
		d.elems = d.elems[:start]
		return nil, false
	}
	return d.elems[start:len(d.elems):len(d.elems)], true
}

// setTargets records the event's target resource ids (see targeted).
func (d *decoding) setTargets(targets []TargetResource) {
	if d == nil {
		return
	}
	for _, t := range targets {
		if t.ResourceID != "" {
			d.targets = append(d.targets, t.ResourceID)
		}
	}
}

// targeted is the event's own copy of the resource id in the JSON string
// tok, element i of a descriptor's list, when the event targets it. Report
// descriptors usually repeat the targets in the same order, so position i
// is tried first; a short list is searched; a long one is not (it would
// cost a square of its length).
func (d *decoding) targeted(tok []byte, i int) (string, bool) {
	if d == nil || len(d.targets) == 0 || len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	inner := tok[1 : len(tok)-1]
	if i < len(d.targets) && d.targets[i] == string(inner) {
		return d.targets[i], true
	}
	if len(d.targets) > 32 {
		return "", false
	}
	for _, id := range d.targets {
		if id == string(inner) {
			return id, true
		}
	}
	return "", false
}

// raw is what a decoded value keeps as its Raw.
func (d *decoding) raw(b []byte) []byte {
	if d != nil && d.dropRaw {
		return nil
	}
	return cloneRaw(b)
}

// token interns the JSON string tok (quotes included) when it is plain
// ASCII without escapes; ok is false otherwise (the caller unquotes).
func (d *decoding) token(tok []byte) (string, bool) {
	tok = bytes.TrimSpace(tok)
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	inner := tok[1 : len(tok)-1]
	if !plainASCII(inner) {
		return "", false
	}
	if d != nil {
		if s, ok := d.seen[string(inner)]; ok {
			return s, true
		}
	}
	return d.keep(string(inner)), true
}

// str interns s.
func (d *decoding) str(s string) string {
	if s == "" {
		return ""
	}
	if d != nil {
		if kept, ok := d.seen[s]; ok {
			return kept
		}
	}
	return d.keep(s)
}

// keep remembers s, a string of its own (never a view of an answer's bytes).
func (d *decoding) keep(s string) string {
	if d != nil {
		d.seen[s] = s
	}
	return s
}

// plainASCII reports whether a string token's inside needs no unquoting.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '\\' || c == '"' || c >= 0x80 {
			return false
		}
	}
	return true
}
