package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// object decodes one JSON object tolerantly: every getter returns the zero
// value and records a FieldProblem when a member is present but unusable, and
// returns the zero value silently when it is missing or null. Nothing panics
// and nothing else in the object is lost. Its input is valid JSON (see
// jsonscan.go).
type object struct {
	members  []member
	problems *[]FieldProblem
	dec      *decoding // shared by the objects of one answer; nil: none

	// Where the object sits, for the field names of problems (built only
	// when one is recorded): the member key of parent holding it, and its
	// position when that member is an array (-1 otherwise). prefix names a
	// root that is not the document's ("payloads[0].").
	parent *object
	key    string
	index  int
	prefix string
}

// newObject reads raw as an object; ok is false when raw is not a JSON
// object. prefix is its path from the document root ("" for the root).
func newObject(raw json.RawMessage, prefix string, problems *[]FieldProblem, dec *decoding) (*object, bool) {
	if jsonKind(raw) != '{' {
		return nil, false
	}
	members, ok := dec.scanMembers(raw)
	if !ok {
		return nil, false
	}
	o := dec.object()
	*o = object{members: members, problems: problems, prefix: prefix, index: -1, dec: dec}
	return o, true
}

// childAt reads raw, found in o's member key (at index i of it when i >= 0),
// as an object.
func (o *object) childAt(key string, i int, raw json.RawMessage) (*object, bool) {
	c, ok := newObject(raw, "", o.problems, o.dec)
	if ok {
		c.parent, c.key, c.index = o, key, i
	}
	return c, ok
}

// jsonKind is the first byte of a JSON value ('{', '[', '"', 'n', 't', 'f', or a
// digit/'-' for numbers), 0 when raw is empty.
func jsonKind(raw []byte) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

func kindName(raw []byte) string {
	switch k := jsonKind(raw); {
	case k == '{':
		return "an object"
	case k == '[':
		return "an array"
	case k == '"':
		return "a string"
	case k == 'n':
		return "null"
	case k == 't' || k == 'f':
		return "a boolean"
	case k == 0:
		return "empty"
	default:
		return "a number"
	}
}

// get finds key exactly, else case-insensitively (some .NET servers send
// PascalCase). Missing and null both report false. Of duplicate members the
// last counts, as with encoding/json; of several spellings, the first in
// byte order.
func (o *object) get(key string) (json.RawMessage, bool) {
	v, found := o.exact(key)
	if !found {
		var best []byte
		for _, m := range o.members {
			if equalFold(m.key, key) && (!found || bytes.Compare(m.key, best) < 0) {
				best, found = m.key, true
			}
		}
		if !found {
			return nil, false
		}
		v, _ = o.exact(string(best))
	}
	if jsonKind(v) == 'n' || jsonKind(v) == 0 {
		return nil, false
	}
	return v, true
}

// exact is the last member named key.
func (o *object) exact(key string) (json.RawMessage, bool) {
	for i := len(o.members) - 1; i >= 0; i-- {
		if string(o.members[i].key) == key {
			return o.members[i].val, true
		}
	}
	return nil, false
}

// unique is the object's members without duplicates (the last of each
// counts), in the order they first appear.
func (o *object) unique() []member {
	out := make([]member, 0, len(o.members))
	at := map[string]int{}
	for _, m := range o.members {
		if i, dup := at[string(m.key)]; dup {
			out[i].val = m.val
			continue
		}
		at[string(m.key)] = len(out)
		out = append(out, m)
	}
	return out
}

// equalFold is strings.EqualFold for a name held as bytes, without a copy
// when both are ASCII.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		if isASCII(b) && isASCII(s) {
			return false
		}
		return strings.EqualFold(string(b), s) // some folds change the length (K, the Kelvin sign)
	}
	for i := 0; i < len(b); i++ {
		c, d := b[i], s[i]
		if c >= 0x80 || d >= 0x80 {
			return strings.EqualFold(string(b), s)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

func isASCII[S ~string | ~[]byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// path names member key of o from the document root ("intervalPeriod.start").
func (o *object) path(key string) string { return o.base() + key }

// base is the path of o's members' parent: "" at the root, else "a.b[2].".
func (o *object) base() string {
	if o.parent == nil {
		return o.prefix
	}
	p := o.parent.path(o.key)
	if o.index >= 0 {
		p += "[" + strconv.Itoa(o.index) + "]"
	}
	return p + "."
}

// elem names element i of member key ("targetResources[3]").
func elem(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }

func (o *object) problem(key string, raw json.RawMessage, format string, args ...any) {
	*o.problems = append(*o.problems, FieldProblem{
		Field:   o.path(key),
		Raw:     cloneRaw(raw),
		Message: fmt.Sprintf(format, args...),
	})
}

// str reads a string; a number is taken as its text (ids are sometimes numeric).
func (o *object) str(key string) string {
	raw, ok := o.get(key)
	if !ok {
		return ""
	}
	s, ok := scalarText(raw)
	if !ok {
		o.problem(key, raw, "not a string: %s", kindName(raw))
	}
	return s
}

// sym is str for values that repeat across a list (locations, program ids,
// names, enum values): one copy of each is kept per answer (see decoding),
// so 100,000 events naming the same locations hold each name once.
func (o *object) sym(key string) string {
	if raw, ok := o.get(key); ok {
		if s, ok := o.dec.token(raw); ok {
			return s
		}
	}
	return o.dec.str(o.str(key))
}

// scalarText is the text of a JSON string or number.
func scalarText(raw json.RawMessage) (string, bool) {
	switch k := jsonKind(raw); {
	case k == '"':
		return unquote(bytes.TrimSpace(raw))
	case k == '-' || (k >= '0' && k <= '9'):
		return string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

var numberText = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseNumber reads a JSON number or a string holding one ("7400.5").
func parseNumber(raw json.RawMessage) (float64, error) {
	if k := jsonKind(raw); k == '-' || (k >= '0' && k <= '9') {
		// A JSON number (the input is valid JSON) is something ParseFloat reads.
		v, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, fmt.Errorf("number out of range: %q", bytes.TrimSpace(raw))
		}
		return v, nil
	}
	s, ok := scalarText(raw)
	if !ok {
		return 0, fmt.Errorf("not a number: %s", kindName(raw))
	}
	t := strings.TrimSpace(s)
	if !numberText.MatchString(t) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("number out of range: %q", s)
	}
	return v, nil
}

// float reads a number (or numeric string); ok is false when missing or invalid.
func (o *object) float(key string) (float64, bool) {
	raw, ok := o.get(key)
	if !ok {
		return 0, false
	}
	v, err := parseNumber(raw)
	if err != nil {
		o.problem(key, raw, "%v", err)
		return 0, false
	}
	return v, true
}

// floatPtr is float as an optional value: nil when missing or invalid.
func (o *object) floatPtr(key string) *float64 {
	v, ok := o.float(key)
	if !ok {
		return nil
	}
	return &v
}

// intPtr reads a whole number (or a string holding one); nil when missing or invalid.
func (o *object) intPtr(key string) *int {
	raw, ok := o.get(key)
	if !ok {
		return nil
	}
	v, err := parseNumber(raw)
	if err == nil && (v != math.Trunc(v) || v > math.MaxInt32 || v < math.MinInt32) {
		err = fmt.Errorf("not a whole number: %s", strings.TrimSpace(string(raw)))
	}
	if err != nil {
		o.problem(key, raw, "%v", err)
		return nil
	}
	n := int(v)
	return &n
}

// time reads an RFC 3339 time; zero when missing or invalid.
func (o *object) time(key string) time.Time {
	raw, ok := o.get(key)
	if !ok {
		return time.Time{}
	}
	s, ok := scalarText(raw)
	if !ok || jsonKind(raw) != '"' {
		o.problem(key, raw, "not a time: %s", kindName(raw))
		return time.Time{}
	}
	t, err := parseTime(s)
	if err != nil {
		o.problem(key, raw, "%v", err)
		return time.Time{}
	}
	return t
}

// duration reads a TimeSpan or ISO 8601 duration; negative ones are invalid
// for every duration the API has. Zero when missing or invalid.
func (o *object) duration(key string) time.Duration {
	raw, ok := o.get(key)
	if !ok {
		return 0
	}
	if jsonKind(raw) != '"' {
		o.problem(key, raw, "not a duration: %s", kindName(raw))
		return 0
	}
	s, _ := scalarText(raw)
	d, err := ParseDuration(s)
	if err == nil && d < 0 {
		err = fmt.Errorf("negative duration: %q", s)
	}
	if err != nil {
		o.problem(key, raw, "%v", err)
		return 0
	}
	return d
}

// child reads a nested object; nil when missing, null or not an object.
func (o *object) child(key string) *object {
	raw, ok := o.get(key)
	if !ok {
		return nil
	}
	c, ok := o.childAt(key, -1, raw)
	if !ok {
		o.problem(key, raw, "not an object: %s", kindName(raw))
		return nil
	}
	return c
}

// list reads an array; a single non-array value is taken as a list of one
// (servers sometimes collapse one-element lists). nil when missing or null.
func (o *object) list(key string) []json.RawMessage {
	raw, ok := o.get(key)
	if !ok {
		return nil
	}
	if jsonKind(raw) != '[' {
		return []json.RawMessage{raw}
	}
	elems, ok := o.dec.scanElements(raw)
	if !ok {
		o.problem(key, raw, "malformed array")
		return nil
	}
	return elems
}

// stringList reads a list of strings; a comma-separated string ("CurrentLevel,
// PowerLevel", as .NET writes flag enums) is split.
func (o *object) stringList(key string) []string {
	var out []string
	for i, raw := range o.list(key) {
		s, ok := scalarText(raw)
		if !ok {
			o.problem(elem(key, i), raw, "not a string: %s", kindName(raw))
			continue
		}
		for part := range strings.SplitSeq(s, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// notObject is the problem recorded for a value that should be an object.
func notObject(field string, raw json.RawMessage) FieldProblem {
	return FieldProblem{Field: field, Raw: cloneRaw(raw), Message: "not an object: " + kindName(raw)}
}

func cloneRaw(raw []byte) json.RawMessage {
	if raw == nil {
		return nil
	}
	return append(json.RawMessage(nil), bytes.TrimSpace(raw)...)
}
