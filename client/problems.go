package client

import "strings"

// ProblemFor returns the decoding problem that concerns field, a JSON path
// such as "intervalPeriod.duration": a problem on the field itself, on a
// part of it ("payload.targetPower" concerns "payload"), or on an object
// that holds it (an unreadable "intervalPeriod" leaves its duration
// unknown too). It is the one rule for "does this field have a problem".
func ProblemFor(problems []FieldProblem, field string) (FieldProblem, bool) {
	for _, p := range problems {
		if within(p.Field, field) || within(field, p.Field) {
			return p, true
		}
	}
	return FieldProblem{}, false
}

// HasProblem reports whether ProblemFor finds one.
func HasProblem(problems []FieldProblem, field string) bool {
	_, ok := ProblemFor(problems, field)
	return ok
}

// within reports whether path is prefix or lies inside it.
func within(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[")
}
