package livefeed

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestRelaySlowViewer: a viewer that stops reading is disconnected without
// holding up a fast one, and once it reads again it resumes and gets every
// record exactly once.
func TestRelaySlowViewer(t *testing.T) {
	t.Parallel()
	const n = 300
	f := newRelayFixture(t, RelayOptions{SendBuffer: 16, WriteWait: time.Second})
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	url := "ws" + strings.TrimPrefix(f.srv.URL, "http") + DefaultFeedPath

	follow := func(out chan Update, states chan State) {
		go Follow(ctx, FollowOptions{URL: url, Token: testRelayToken, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
			OnState: func(s State) {
				select {
				case states <- s:
				default:
				}
			}}, out)
	}
	waitConnected := func(states chan State) {
		for {
			select {
			case s := <-states:
				if s.Phase == PhaseConnected {
					return
				}
			case <-ctx.Done():
				t.Fatal("the viewer never connected")
			}
		}
	}
	fastOut, fastStates := make(chan Update), make(chan State, 1024)
	slowOut, slowStates := make(chan Update), make(chan State, 1024)
	follow(fastOut, fastStates)
	follow(slowOut, slowStates)
	waitConnected(fastStates)
	waitConnected(slowStates)

	// Big bodies fill the slow viewer's socket buffers quickly.
	pad := strings.Repeat("x", 64<<10)
	go func() {
		for i := range n {
			body := []byte(`{"notificationId":"big-` + itoa(i) + `","pad":"` + pad + `"}`)
			if _, _, err := f.j.Append(ctx, Record{Body: body, Verified: true, Summary: Summary{Kind: KindUnknown, NotificationID: "big-" + itoa(i)}}); err != nil {
				t.Errorf("Append: %v", err)
				return
			}
		}
	}()

	// The fast viewer gets everything while the slow one is not reading.
	expectSeqs(t, ctx, fastOut, 0, n)
	// The slow viewer is cut off while records are published; wait for that
	// (bounded by ctx) rather than assuming when.
	for f.relay.Stats().SlowDisconnects == 0 {
		select {
		case <-ctx.Done():
			t.Fatalf("the slow viewer was never disconnected: %+v", f.relay.Stats())
		case <-time.After(5 * time.Millisecond):
		}
	}
	// Now the slow viewer reads: it resumes and still gets each record once.
	expectSeqs(t, ctx, slowOut, 0, n)
	// Its state shows the disconnect, once it has read what was buffered
	// before the close (bounded by ctx, not by a guess of when).
	for disconnected := false; !disconnected; {
		select {
		case s := <-slowStates:
			disconnected = s.Phase == PhaseBackingOff
		case <-ctx.Done():
			t.Fatal("the slow viewer's state never showed a disconnect")
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func expectSeqs(t *testing.T, ctx context.Context, out chan Update, after uint64, n int) {
	t.Helper()
	last := after
	for last < after+uint64(n) {
		select {
		case u := <-out:
			if u.Record == nil {
				continue
			}
			if u.Record.Seq != last+1 {
				t.Fatalf("seq %d after %d", u.Record.Seq, last)
			}
			last = u.Record.Seq
		case <-ctx.Done():
			t.Fatalf("timed out at seq %d of %d", last, after+uint64(n))
		}
	}
}

func TestRelayRefusesBadTokenAndOrigin(t *testing.T) {
	f := newRelayFixture(t, RelayOptions{AllowedOrigins: []string{"https://ops.example.com"}})
	url := "ws" + strings.TrimPrefix(f.srv.URL, "http") + DefaultFeedPath
	tests := []struct {
		name   string
		header http.Header
		want   int
	}{
		{"no token", http.Header{}, http.StatusUnauthorized},
		{"wrong token", http.Header{"Authorization": {"Bearer nope"}}, http.StatusUnauthorized},
		{"token as basic auth", http.Header{"Authorization": {"Basic " + testRelayToken}}, http.StatusUnauthorized},
		{"foreign origin", http.Header{"Authorization": {"Bearer " + testRelayToken}, "Origin": {"https://evil.example"}}, http.StatusForbidden},
		{"allowed origin", http.Header{"Authorization": {"Bearer " + testRelayToken}, "Origin": {"https://ops.example.com"}}, http.StatusSwitchingProtocols},
		{"no origin (not a browser)", http.Header{"Authorization": {"bearer " + testRelayToken}}, http.StatusSwitchingProtocols},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, resp, err := websocket.DefaultDialer.Dial(url, tt.header)
			if conn != nil {
				conn.Close()
			}
			if resp == nil {
				t.Fatalf("no HTTP answer: %v", err)
			}
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}

	t.Run("Follow stops on a refused token without leaking it", func(t *testing.T) {
		var states []State
		err := Follow(testCtx(t), FollowOptions{URL: url, Token: "secret-wrong-token", OnState: func(s State) { states = append(states, s) }}, make(chan Update))
		if !errors.Is(err, ErrRelayUnauthorized) {
			t.Fatalf("Follow = %v, want ErrRelayUnauthorized", err)
		}
		if last := states[len(states)-1]; last.Phase != PhaseAuthFailed || strings.Contains(last.String()+last.Err.Error(), "secret-wrong-token") {
			t.Errorf("final state %q", last)
		}
	})
}

func TestRelayResetsWhenTheJournalChanged(t *testing.T) {
	f := newRelayFixture(t, RelayOptions{})
	ctx := testCtx(t)
	f.postAll(t, ctx, 0, 5, 2)
	out := make(chan Update, 16)
	var mu sync.Mutex
	var reset bool
	go Follow(ctx, FollowOptions{URL: f.srv.URL + DefaultFeedPath, Token: testRelayToken, After: 900, Journal: "some-other-journal",
		OnState: func(s State) {
			mu.Lock()
			reset = reset || s.Reset
			mu.Unlock()
		}}, out)
	expectSeqs(t, ctx, out, 0, 5)
	mu.Lock()
	defer mu.Unlock()
	if !reset {
		t.Error("state never reported the reset")
	}
}

// TestRelayCarriesConformanceVectors: the vendor's vectors, accepted by the
// relay's receiver, reach a dashboard byte for byte and verify again there
// with the signing key; the tampered one never does.
func TestRelayCarriesConformanceVectors(t *testing.T) {
	t.Parallel()
	key, vs := loadVectors(t)
	j := openTestStore(t)
	recv, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{key}})
	if err != nil {
		t.Fatal(err)
	}
	relay, err := NewRelayServer(j, RelayOptions{Token: testRelayToken})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(DefaultWebhookPath, recv)
	mux.Handle(DefaultFeedPath, relay)
	srv := newServer(t, mux)
	defer relay.Close()
	ctx := testCtx(t)
	for _, v := range vs {
		tampered := append([]byte(nil), v.Body...)
		tampered[10] ^= 0x20
		if code, _ := post(ctx, srv.Client(), srv.URL+DefaultWebhookPath, tampered, v.Signature); code != http.StatusUnauthorized {
			t.Fatalf("%s tampered: status %d, want 401", v.Name, code)
		}
		for range 4 {
			if code, err := post(ctx, srv.Client(), srv.URL+DefaultWebhookPath, v.Body, v.Signature); code != http.StatusOK {
				t.Fatalf("%s: status %d (%v), want 200", v.Name, code, err)
			}
		}
	}
	out := make(chan Update, 16)
	go Follow(ctx, FollowOptions{URL: srv.URL + DefaultFeedPath, Token: testRelayToken, Secrets: [][]byte{key}}, out)
	// Each vector once, in order, with its three repeats (counted before or after).
	var recs []*Record
	dups := map[uint64]int{}
	for len(recs) < len(vs) || len(dups) < len(vs) || !allAtLeast(dups, 3) {
		select {
		case u := <-out:
			if u.Record != nil {
				recs = append(recs, u.Record)
				dups[u.Record.Seq] = max(dups[u.Record.Seq], u.Record.Duplicates)
			} else {
				dups[u.Duplicate.Seq] = max(dups[u.Duplicate.Seq], u.Duplicate.Count)
			}
		case <-ctx.Done():
			t.Fatalf("timed out with %d records and repeats %v", len(recs), dups)
		}
	}
	for i, v := range vs {
		r := recs[i]
		if (i > 0 && r.Seq <= recs[i-1].Seq) || string(r.Body) != string(v.Body) || r.Signature != v.Signature || !r.Verified || dups[r.Seq] != 3 {
			t.Errorf("%s arrived as seq %d, verified %v, %d repeats, body exact %v",
				v.Name, r.Seq, r.Verified, dups[r.Seq], string(r.Body) == string(v.Body))
		}
	}
}
