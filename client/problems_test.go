package client

import "testing"

func TestProblemFor(t *testing.T) {
	problems := []FieldProblem{{Field: "payload.targetPower"}, {Field: "intervalPeriod"}, {Field: "targetResources[1]"}}
	for field, want := range map[string]bool{
		"payload.targetPower":     true, // itself
		"payload":                 true, // a part of it
		"intervalPeriod.duration": true, // the object holding it
		"intervalPeriod":          true,
		"targetResources":         true,
		"targetResources[1].x":    true,
		"targetResources[2]":      false,
		"payloadType":             false, // a prefix of the name, not of the path
		"name":                    false,
	} {
		if got := HasProblem(problems, field); got != want {
			t.Errorf("HasProblem(%q) = %v, want %v", field, got, want)
		}
	}
}
