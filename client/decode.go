package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// object decodes one JSON object tolerantly: every getter returns the zero
// value and records a FieldProblem when a member is present but unusable, and
// returns the zero value silently when it is missing or null. Nothing panics
// and nothing else in the object is lost.
type object struct {
	fields   map[string]json.RawMessage
	prefix   string // path of this object from the root, e.g. "intervalPeriod."
	problems *[]FieldProblem
}

// newObject parses raw as an object; ok is false when raw is not a JSON object.
func newObject(raw json.RawMessage, prefix string, problems *[]FieldProblem) (*object, bool) {
	if jsonKind(raw) != '{' {
		return nil, false
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, false
	}
	return &object{fields: fields, prefix: prefix, problems: problems}, true
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
// PascalCase). Missing and null both report false.
func (o *object) get(key string) (json.RawMessage, bool) {
	v, ok := o.fields[key]
	if !ok {
		var match []string
		for k := range o.fields {
			if strings.EqualFold(k, key) {
				match = append(match, k)
			}
		}
		if len(match) == 0 {
			return nil, false
		}
		sort.Strings(match) // deterministic when several spellings are present
		v = o.fields[match[0]]
	}
	if jsonKind(v) == 'n' || jsonKind(v) == 0 {
		return nil, false
	}
	return v, true
}

func (o *object) path(key string) string { return o.prefix + key }

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

// scalarText is the text of a JSON string or number.
func scalarText(raw json.RawMessage) (string, bool) {
	switch k := jsonKind(raw); {
	case k == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case k == '-' || (k >= '0' && k <= '9'):
		return string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

var numberText = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseNumber reads a JSON number or a string holding one ("7400.5").
func parseNumber(raw json.RawMessage) (float64, error) {
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
	c, ok := newObject(raw, o.path(key)+".", o.problems)
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
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
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
			o.problem(fmt.Sprintf("%s[%d]", key, i), raw, "not a string: %s", kindName(raw))
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
