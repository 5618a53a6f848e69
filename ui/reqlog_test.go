package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

func TestRequestLogRingKeepsNewest(t *testing.T) {
	l := state.NewRequestLog(3)
	for i := 1; i <= 5; i++ {
		l.Observe(client.RequestRecord{Attempt: i})
	}
	got := l.Snapshot()
	if len(got) != 3 || got[0].Attempt != 5 || got[2].Attempt != 3 {
		t.Errorf("snapshot %+v", got)
	}
}

// TestRequestLogConcurrentObservers feeds the log from many goroutines while
// the model pulls it, as the client's HTTP goroutines do (run with -race).
func TestRequestLogConcurrentObservers(t *testing.T) {
	l := state.NewRequestLog(50)
	m := New(testOptions(&fakeAPI{}))
	m.reqlog = l
	m.Update(sizeMsg(testWidth, testHeight))
	press(m, "L")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				l.Observe(client.RequestRecord{Method: "GET", Path: "/events", Status: 200, Attempt: 1})
			}
		}()
	}
	for i := 0; i < 50; i++ {
		m.Update(tickMsg{})
		_ = m.View()
	}
	wg.Wait()
	if n := len(l.Snapshot()); n != 50 {
		t.Errorf("ring holds %d, want 50", n)
	}
}

func TestRequestLogOverlay(t *testing.T) {
	l := state.NewRequestLog(10)
	l.Observe(client.RequestRecord{Op: "ListEvents", Method: "GET", Path: "/events", Status: 503,
		Duration: 12 * time.Millisecond, Attempt: 2, Err: errors.New("503 Service Unavailable\nretry later"),
		At: testNow})
	opts := testOptions(&fakeAPI{})
	opts.RequestLog = l
	m := New(opts)
	m.Update(sizeMsg(testWidth, testHeight))
	press(m, "L")
	v := m.View()
	for _, want := range []string{"Request log", "18:30:00  GET    /events", "503", "12ms", "try 2", "503 Service Unavailable retry later"} {
		if !strings.Contains(v, want) {
			t.Errorf("log lacks %q:\n%s", want, v)
		}
	}
	press(m, "esc")
	if m.mode != modeNormal {
		t.Error("esc did not close the log")
	}
}

func TestRequestLogFromRealClientHasNoSecret(t *testing.T) {
	srv := newSandbox(t)
	l := state.NewRequestLog(0)
	opts := testOptions(newClient(t, srv.URL, testToken, l))
	opts.RequestLog = l
	m := newLoaded(t, opts)
	press(m, "L")
	v := m.View()
	if !strings.Contains(v, "/events") || !strings.Contains(v, "200") {
		t.Errorf("log lacks the list requests:\n%s", v)
	}
	if strings.Contains(v, testToken) {
		t.Error("the token appears in the request log")
	}
}

// A request that has not answered yet is in the log, on top, with how long
// it has waited; once it ends it is an ordinary record.
func TestRequestLogShowsRequestsInFlight(t *testing.T) {
	l := state.NewRequestLog(10)
	l.Observe(client.RequestRecord{ID: 1, Method: "GET", Path: "/events", Status: 200, Attempt: 1, At: testNow.Add(-time.Minute)})
	l.Observe(client.RequestRecord{ID: 2, InFlight: true, Method: "GET", Path: "/resources", Attempt: 1, At: testNow.Add(-4 * time.Second)})
	opts := testOptions(&fakeAPI{})
	opts.RequestLog = l
	m := New(opts)
	m.Update(sizeMsg(testWidth, testHeight))
	press(m, "L")
	lines := strings.Split(m.View(), "\n")
	if !strings.Contains(lines[2], "/resources") || !strings.Contains(lines[2], "4s  try 1  in flight") {
		t.Errorf("the request in flight is not first, with its wait:\n%s", strings.Join(lines[:4], "\n"))
	}
	if !strings.Contains(lines[3], "/events") || !strings.Contains(lines[3], "200") {
		t.Errorf("the finished request is not below it:\n%s", strings.Join(lines[:4], "\n"))
	}
	l.Observe(client.RequestRecord{ID: 2, Method: "GET", Path: "/resources", Status: 503, Attempt: 1, At: testNow.Add(-4 * time.Second)})
	m.Update(tickMsg{})
	if v := m.View(); strings.Contains(v, "in flight") || !strings.Contains(v, "503") {
		t.Errorf("the ended request still shows in flight:\n%s", v)
	}
}
