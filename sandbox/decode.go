package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
)

// maxBodyBytes bounds every request body the sandbox reads.
const maxBodyBytes = 1 << 20

// readObject reads the request body as one JSON object. On failure it has
// already answered 400 with the problem under errors["body"], and ok is
// false. A body over maxBodyBytes is a 400 as well, not a 413: the contract
// (client/openapi.yaml) declares 400 for every malformed request and no 413.
func readObject(w http.ResponseWriter, r *http.Request) (obj object, ok bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			bodyProblem(w, r, titleTooLarge, fmt.Sprintf("is larger than the limit of %d bytes (1 MiB)", maxBodyBytes))
			return object{}, false
		}
		bodyProblem(w, r, "", "cannot be read: "+err.Error())
		return object{}, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		bodyProblem(w, r, titleMalformedJSON, "is empty: a JSON object is required")
		return object{}, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			bodyProblem(w, r, titleMalformedJSON, fmt.Sprintf("is not valid JSON: %v (at byte %d)", syntax, syntax.Offset))
		case errors.As(err, &typ):
			bodyProblem(w, r, titleMalformedJSON, "must be a JSON object, not "+typ.Value)
		default:
			bodyProblem(w, r, titleMalformedJSON, "is not valid JSON: "+err.Error())
		}
		return object{}, false
	}
	if m == nil {
		bodyProblem(w, r, titleMalformedJSON, "must be a JSON object, not null")
		return object{}, false
	}
	return object{m: m}, true
}

// bodyProblem answers 400 for a body that cannot be read as an object.
func bodyProblem(w http.ResponseWriter, r *http.Request, title, msg string) {
	writeProblem(w, r, http.StatusBadRequest, title, "request body "+msg, fieldErrors{"body": {msg}})
}

// fieldErrors maps a field's JSON path to what is wrong with it, the
// `errors` member of a validation problem.
type fieldErrors map[string][]string

func (e fieldErrors) add(field, format string, args ...any) {
	e[field] = append(e[field], fmt.Sprintf(format, args...))
}

// summary is a one-line digest for the problem's detail, in field order.
func (e fieldErrors) summary() string {
	parts := make([]string, 0, len(e))
	for _, f := range sortedKeys(e) {
		parts = append(parts, f+": "+strings.Join(e[f], "; "))
	}
	return strings.Join(parts, "; ")
}

// object is a decoded JSON object whose members are read one by one, so
// that every wrong field is reported rather than only the first.
type object struct {
	path string // JSON path of this object within the body, "" at the top
	m    map[string]json.RawMessage
}

// field is the JSON path of a member, e.g. "metadata.vin".
func (o object) field(name string) string {
	if o.path == "" {
		return name
	}
	return o.path + "." + name
}

// raw returns a member that is present and not null. Names match exactly
// first, then ignoring case, as ASP.NET model binding does.
func (o object) raw(name string) (json.RawMessage, bool) {
	v, ok := o.m[name]
	if !ok {
		for k, kv := range o.m {
			if strings.EqualFold(k, name) {
				v, ok = kv, true
				break
			}
		}
	}
	if !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
		return nil, false
	}
	return v, true
}

// str reads an optional string member; a non-string is an error.
func (o object) str(errs fieldErrors, name string) (string, bool) {
	v, ok := o.raw(name)
	if !ok {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		errs.add(o.field(name), "must be a string")
		return "", false
	}
	return s, true
}

// requiredStr reads a string member that must be present and not blank.
func (o object) requiredStr(errs fieldErrors, name string) (string, bool) {
	if _, present := o.raw(name); !present {
		errs.add(o.field(name), "is required")
		return "", false
	}
	s, ok := o.str(errs, name)
	if ok && strings.TrimSpace(s) == "" {
		errs.add(o.field(name), "must not be empty")
		return "", false
	}
	return s, ok
}

// number reads an optional finite number member.
func (o object) number(errs fieldErrors, name string) (*float64, bool) {
	v, ok := o.raw(name)
	if !ok {
		return nil, true
	}
	var f float64
	if err := json.Unmarshal(v, &f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		errs.add(o.field(name), "must be a number")
		return nil, false
	}
	return &f, true
}

// integer reads an optional whole-number member.
func (o object) integer(errs fieldErrors, name string) (*int, bool) {
	f, ok := o.number(errs, name)
	if !ok || f == nil {
		return nil, ok
	}
	if *f != math.Trunc(*f) || math.Abs(*f) > math.MaxInt32 {
		errs.add(o.field(name), "must be a whole number")
		return nil, false
	}
	n := int(*f)
	return &n, true
}

// child reads an optional object member.
func (o object) child(errs fieldErrors, name string) (object, bool) {
	v, ok := o.raw(name)
	if !ok {
		return object{}, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		errs.add(o.field(name), "must be an object")
		return object{}, false
	}
	return object{path: o.field(name), m: m}, true
}

// array reads an optional array member.
func (o object) array(errs fieldErrors, name string) ([]json.RawMessage, bool) {
	v, ok := o.raw(name)
	if !ok {
		return nil, false
	}
	var a []json.RawMessage
	if err := json.Unmarshal(v, &a); err != nil {
		errs.add(o.field(name), "must be an array")
		return nil, false
	}
	return a, true
}

// stringList reads an optional array-of-strings member.
func (o object) stringList(errs fieldErrors, name string) ([]string, bool) {
	items, ok := o.array(errs, name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	good := true
	for i, it := range items {
		var s string
		if err := json.Unmarshal(it, &s); err != nil {
			errs.add(fmt.Sprintf("%s[%d]", o.field(name), i), "must be a string")
			good = false
			continue
		}
		out = append(out, s)
	}
	return out, good
}

// element turns the i-th item of an array member into an object.
func (o object) element(errs fieldErrors, name string, i int, v json.RawMessage) (object, bool) {
	path := fmt.Sprintf("%s[%d]", o.field(name), i)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil || m == nil {
		errs.add(path, "must be an object")
		return object{}, false
	}
	return object{path: path, m: m}, true
}
