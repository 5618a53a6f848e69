package main

import (
	"encoding/json"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

func TestSanitize(t *testing.T) {
	if got := present.Sanitize("ok name"); got != "ok name" {
		t.Errorf("plain text changed: %q", got)
	}
	if got := present.Sanitize("a\tb\nc\x1b[31md\u009b"); got != "a\uFFFDb\uFFFDc\uFFFD[31md\uFFFD" {
		t.Errorf("control characters kept: %q", got)
	}
}

func TestCellMarksProblems(t *testing.T) {
	problems := []client.FieldProblem{
		{Field: "intervalPeriod.duration", Raw: json.RawMessage(`"2 hours"`), Message: `not a duration: "2 hours"`},
		{Field: "payload", Raw: json.RawMessage(`{"payloadType":"PowerLevel","targetPower":-5}`), Message: "negative target"},
	}
	tests := []struct {
		field, value, want string
	}{
		{"intervalPeriod.duration", "2h", "!2 hours"},
		{"intervalPeriod.start", "2025-06-01 12:00", "2025-06-01 12:00"},
		{"payload.targetPower", "x", `!{"payloadType":"PowerLe…`}, // a problem on the enclosing object
		{"name", "", "-"},
	}
	for _, tt := range tests {
		if got := cell(problems, tt.field, tt.value); got != tt.want {
			t.Errorf("cell(%s) = %q, want %q", tt.field, got, tt.want)
		}
	}
}
