package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

const testRelayToken = "relay-token-for-ui-tests"

// relayServer serves a journal's feed on loopback, as `ecdash relay` does.
func relayServer(t *testing.T, j *livefeed.Store) string {
	t.Helper()
	relay, err := livefeed.NewRelayServer(j, livefeed.RelayOptions{Token: testRelayToken})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(livefeed.DefaultFeedPath, relay)
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		relay.Close()
		srv.Close()
	})
	return "ws" + strings.TrimPrefix(srv.URL, "http") + livefeed.DefaultFeedPath
}

// TestFeedFromRelay: the dashboard takes notifications from a relay (Follow)
// instead of a receiver of its own: history first, then live ones, which
// reach the Events tab; the status bar names the relay and its state.
func TestFeedFromRelay(t *testing.T) {
	srv := livefeedtest.NewServer(t) // the relay's receiver and journal
	for i := range 3 {
		post(t, srv, livefeedtest.Notification(i, client.OperationCreate))
	}
	url := relayServer(t, srv.Store)

	api := newLiveAPI()
	feed := livefeed.NewRelaySource(livefeed.FollowOptions{URL: url, Token: testRelayToken, Secrets: [][]byte{srv.Secret}, MinBackoff: 10 * time.Millisecond})
	m := New(feedOptions(api, feed))
	m.Update(sizeMsg(testWidth, testHeight))
	r := newRunner(t, m)
	r.start()
	r.until("the relay's history", func() bool { return feedRows(m) == 3 })

	// Received after the dashboard connected (a seq past the relay's head at
	// its hello): live, whatever the two machines' clocks say.
	post(t, srv, livefeedtest.Notification(7, client.OperationCreate))
	r.until("the live notification", func() bool { return feedRows(m) == 4 })
	r.until("its event in the Events tab", func() bool { return hasEvent(m, "ev-00000007") })
	if hasEvent(m, "ev-00000001") {
		t.Error("a notification from before the dashboard started reached the Events tab")
	}
	for _, it := range feedTab(m).Items() {
		if !it.Verified {
			t.Errorf("row %d not verified with the dashboard's own secret", it.Seq)
		}
	}
	m.Update(tickMsg{})
	bar := m.statusBar()
	host := strings.TrimPrefix(strings.TrimSuffix(url, livefeed.DefaultFeedPath), "ws://")
	if !strings.Contains(bar, "⇄ relay "+host) || strings.Contains(bar, "connecting") {
		t.Errorf("status bar %q does not show the connected relay %s", bar, host)
	}
	if m.active != state.Events {
		t.Fatal("test assumes the Events tab")
	}
}

// TestFeedRelayRefusesToken: a wrong token stops the feed, and the status
// bar says so (without the token).
func TestFeedRelayRefusesToken(t *testing.T) {
	srv := livefeedtest.NewServer(t)
	url := relayServer(t, srv.Store)
	feed := livefeed.NewRelaySource(livefeed.FollowOptions{URL: url, Token: "not-the-relay-token"})
	m := New(feedOptions(newLiveAPI(), feed))
	m.Update(sizeMsg(testWidth, testHeight))
	r := newRunner(t, m)
	r.start()
	r.until("the feed to stop", func() bool { return m.feed.ended })
	bar := m.statusBar()
	if !strings.Contains(bar, "auth failed") || strings.Contains(bar+m.lastErr, "not-the-relay-token") {
		t.Errorf("status bar %q / error %q", bar, m.lastErr)
	}
	if st := feed.State(); st.Phase != livefeed.PhaseAuthFailed {
		t.Errorf("phase %s", st.Phase)
	}
}
