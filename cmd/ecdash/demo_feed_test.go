package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// TestDemoEventArrivesByWebhook: with polling every 10 minutes, an event the
// sandbox dispatches reaches the demo dashboard's Events tab through the
// dashboard's own subscription and receiver, and the subscription is gone
// (and the temporary journal removed) after the demo quits.
func TestDemoEventArrivesByWebhook(t *testing.T) {
	type started struct {
		rs *runningSandbox
		lf *dashboardFeed
	}
	ready := make(chan started, 1)
	demoStarted = func(rs *runningSandbox, lf *dashboardFeed) { ready <- started{rs, lf} }
	t.Cleanup(func() { demoStarted = nil })

	out, errOut := newLockedBuffer(), newLockedBuffer()
	e := cli{}.env(out, errOut)
	keys, typeKeys := io.Pipe()
	e.stdin = keys
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), e, []string{"demo", "--poll", "10m", "--dispatch-every", "0"})
	}()

	var s started
	select {
	case s = <-ready:
	case <-time.After(20 * time.Second):
		t.Fatalf("the demo did not start; stderr:\n%s", errOut.String())
	}
	out.waitFor(t, "ends in") // the first event list is on screen
	api, err := client.New(client.Options{BaseURL: s.rs.BaseURL, Token: s.rs.Token})
	if err != nil {
		t.Fatal(err)
	}
	subs, err := api.ListSubscriptions(t.Context())
	if err != nil || len(subs) != 1 || subs[0].WebhookURL != s.lf.Self.PublicURL {
		t.Fatalf("the demo's own subscription: %v %v", subs, err)
	}

	before, err := api.ListEvents(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, fmt.Sprintf(" %d rows ", len(before)))
	dispatched := time.Now()
	ev, err := s.rs.srv.Dispatch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Only the webhook can bring it before the 10-minute poll.
	host := strings.TrimSuffix(strings.TrimPrefix(s.lf.Self.PublicURL, "http://"), "/webhook")
	out.waitFor(t, "⇄ webhook "+host)
	out.waitFor(t, "last webhook")
	out.waitFor(t, fmt.Sprintf(" %d rows ", len(before)+1)) // the Events tab grew
	t.Logf("the dispatched event was on screen %s after Dispatch was called (reported, not asserted)", time.Since(dispatched).Round(time.Millisecond))
	out.waitFor(t, ev.Name[:min(len(ev.Name), 16)]) // the Name column may cut it

	if _, err := typeKeys.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("demo exited %d; stderr:\n%s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("demo did not quit on q; stderr:\n%s", errOut.String())
	}
	if _, err := os.Stat(s.lf.Self.StateFile); !os.IsNotExist(err) {
		t.Errorf("the demo's temporary state survived: %v", err)
	}
}
