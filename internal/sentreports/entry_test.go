package sentreports

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
)

func TestNewEntryOutcome(t *testing.T) {
	req := request("ev1", "car-1", client.ActionStart, 1)
	tests := []struct {
		name       string
		rep        client.Report
		err        error
		want       Outcome
		wantStatus int
	}{
		{"accepted", client.Report{ID: "r1"}, nil, Accepted, 0},
		{"refused with a problem", client.Report{}, &client.Error{Method: "POST", Path: "/reports", StatusCode: 400,
			Problem: &client.ProblemDetails{Title: "Bad Request", Errors: map[string][]string{"eventId": {"is required"}}}}, Refused, 400},
		{"no answer", client.Report{}, &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", Err: context.DeadlineExceeded}, Unknown, 0},
		{"2xx unreadable", client.Report{}, &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 201, Err: errors.New("not JSON")}, Unknown, 201},
		{"plain error", client.Report{}, errors.New("boom\nsecond line"), Unknown, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEntry("http://127.0.0.1:8080", req, t0, tt.rep, tt.err)
			if e.Outcome() != tt.want || e.Status != tt.wantStatus {
				t.Errorf("outcome %s status %d, want %s %d (%+v)", e.Outcome(), e.Status, tt.want, tt.wantStatus, e)
			}
			if tt.err != nil && (e.Error == "" || strings.Contains(e.Error, "\n")) {
				t.Errorf("error text %q: want one non-empty line", e.Error)
			}
		})
	}
}

func TestNewEntryStripsCredentialsFromServer(t *testing.T) {
	for in, want := range map[string]string{
		"https://user:pa55word@api.example/v1/?token=abc#x": "https://api.example/v1",
		"http://127.0.0.1:8080":                             "http://127.0.0.1:8080",
		"":                                                  "",
		"::not a url":                                       "(unparsable server address)",
	} {
		if got := NewEntry(in, client.ReportRequest{}, t0, client.Report{}, nil).Server; got != want {
			t.Errorf("server %q recorded as %q, want %q", in, got, want)
		}
	}
}

func TestErrorTextIsCapped(t *testing.T) {
	e := NewEntry("", client.ReportRequest{}, t0, client.Report{}, errors.New(strings.Repeat("é", 1000)))
	if len(e.Error) > maxErrorText+len("…") || !strings.HasSuffix(e.Error, "…") || !strings.HasPrefix(e.Error, "é") {
		t.Errorf("capped error %d bytes: %q…", len(e.Error), e.Error[:10])
	}
	for _, r := range e.Error {
		if r == '\uFFFD' {
			t.Fatal("cap split a character")
		}
	}
}
