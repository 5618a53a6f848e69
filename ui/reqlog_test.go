package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

func TestRequestLogRingKeepsNewest(t *testing.T) {
	l := NewRequestLog(3)
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
	l := NewRequestLog(50)
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
	l := NewRequestLog(10)
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
	l := NewRequestLog(0)
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
