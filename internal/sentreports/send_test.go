package sentreports

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// sendingAPI answers CreateReport with rep or err, after running during
// (to break the record while the report is in flight); any other call
// panics, which Send must not make.
type sendingAPI struct {
	client.API
	rep    client.Report
	err    error
	during func()
	calls  int
	base   string
}

func (a *sendingAPI) CreateReport(_ context.Context, req client.ReportRequest) (client.Report, error) {
	a.calls++
	if a.during != nil {
		a.during()
	}
	return a.rep, a.err
}

func (a *sendingAPI) BaseURL() string { return a.base }

func TestSend(t *testing.T) {
	req := request("ev1", "car-1", client.ActionStart, 7400)
	refused := &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", StatusCode: 404,
		Problem: &client.ProblemDetails{Title: "Not Found", Detail: "no event with id \"ev1\""}}
	noAnswer := &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", Err: errors.New("connection reset")}
	// breakRecord turns the record's file into a directory: appends fail.
	breakRecord := func(rec *Record) func() {
		return func() {
			os.Remove(rec.Path())
			os.Mkdir(rec.Path(), 0o700)
		}
	}
	tests := []struct {
		name        string
		err         error
		brokenLater bool // the record breaks while the report is in flight
		brokenFirst bool // the record cannot be written at all
		wantCalls   int
		wantErr     []string
		wantOutcome Outcome // of the one entry recorded ("": none)
		notRecorded bool
	}{
		{name: "accepted", wantCalls: 1, wantOutcome: Accepted},
		{name: "refused", err: refused, wantCalls: 1, wantErr: []string{"404", "no event"}, wantOutcome: Refused},
		{name: "no answer", err: noAnswer, wantCalls: 1, wantErr: []string{"connection reset", "may have stored the report"}, wantOutcome: Unknown},
		{name: "unrecordable: not sent", brokenFirst: true, wantErr: []string{"not sent, since it could not be recorded"}},
		{name: "accepted, not recorded", brokenLater: true, wantCalls: 1, wantErr: []string{"report rep-1 was accepted", "do not send it again"}, notRecorded: true},
		{name: "refused, not recorded", err: refused, brokenLater: true, wantCalls: 1, wantErr: []string{"404", "recording the failure also failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := openTemp(t)
			api := &sendingAPI{rep: client.Report{ID: "rep-1", EventID: "ev1"}, err: tt.err, base: "http://user:pw@127.0.0.1:9/api?k=v"}
			if tt.err != nil {
				api.rep = client.Report{}
			}
			if tt.brokenFirst {
				if err := os.MkdirAll(rec.Path(), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			if tt.brokenLater {
				api.during = breakRecord(rec)
			}
			rep, err := Send(context.Background(), api, rec, req, SendOptions{Now: func() time.Time { return t0 }})
			if api.calls != tt.wantCalls {
				t.Errorf("%d CreateReport calls, want %d", api.calls, tt.wantCalls)
			}
			if len(tt.wantErr) == 0 && err != nil {
				t.Fatalf("err = %v", err)
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to say %q", err, w)
				}
			}
			if got := errors.Is(err, ErrUnrecordable); got != tt.brokenFirst {
				t.Errorf("errors.Is(ErrUnrecordable) = %v", got)
			}
			var nre *NotRecordedError
			if got := errors.As(err, &nre); got != tt.notRecorded || (got && (nre.Report.ID != "rep-1" || rep.ID != "rep-1")) {
				t.Errorf("NotRecordedError %v (%+v), rep %+v", got, nre, rep)
			}
			if tt.brokenFirst || tt.brokenLater {
				return
			}
			entries, _ := mustAll(t, rec)
			if len(entries) != 1 || entries[0].Outcome() != tt.wantOutcome {
				t.Fatalf("record %+v, want one %s entry", entries, tt.wantOutcome)
			}
			e := entries[0]
			if !e.SentAt.Equal(t0) || e.Server != "http://127.0.0.1:9/api" || e.Request.EventID != "ev1" {
				t.Errorf("entry %+v: sent at t0 to the API's base URL without credentials", e)
			}
		})
	}
}

func TestSendWithoutRecordStillSends(t *testing.T) {
	api := &sendingAPI{rep: client.Report{ID: "rep-1"}}
	rep, err := Send(context.Background(), api, nil, request("ev1", "car-1", client.ActionStart, 1), SendOptions{})
	if err != nil || rep.ID != "rep-1" || api.calls != 1 {
		t.Errorf("rep %+v err %v calls %d", rep, err, api.calls)
	}
}

func TestSendRedactsAndNamesTheGivenServer(t *testing.T) {
	rec := openTemp(t)
	api := &sendingAPI{err: &client.Error{Op: "CreateReport", Method: "POST", Path: "/reports", Err: errors.New("dial: s3cr3t-token refused")}}
	_, err := Send(context.Background(), api, rec, request("ev1", "car-1", client.ActionStart, 1), SendOptions{
		Server: "https://api.example/v1",
		Redact: func(s string) string { return strings.ReplaceAll(s, "s3cr3t-token", "••••") },
	})
	if err == nil {
		t.Fatal("no error")
	}
	entries, _ := mustAll(t, rec)
	if len(entries) != 1 || strings.Contains(entries[0].Error, "s3cr3t") || entries[0].Server != "https://api.example/v1" {
		t.Errorf("record %+v", entries)
	}
}
