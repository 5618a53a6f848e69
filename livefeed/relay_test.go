package livefeed

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

const testRelayToken = "relay-token-for-tests"

// relayFixture is a journal with a receiver at /webhook and a relay at /feed.
type relayFixture struct {
	j     *Store
	relay *RelayServer
	srv   *httptestServer
}

type httptestServer struct {
	URL  string
	Addr string
	c    *http.Client
}

func newRelayFixture(t *testing.T, ropts RelayOptions) *relayFixture {
	t.Helper()
	j := openTestStore(t)
	recv, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{testSecret}})
	if err != nil {
		t.Fatal(err)
	}
	if ropts.Token == "" {
		ropts.Token = testRelayToken
	}
	relay, err := NewRelayServer(j, ropts)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(DefaultWebhookPath, recv)
	mux.Handle(DefaultFeedPath, relay)
	srv := newServer(t, mux)
	t.Cleanup(relay.Close)
	return &relayFixture{j: j, relay: relay, srv: &httptestServer{URL: srv.URL, Addr: srv.Listener.Addr().String(), c: srv.Client()}}
}

// cutProxy forwards TCP to a target and can cut every live connection, as a
// flaky network or a laptop changing Wi-Fi would.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	cuts   int
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.cut() })
	return p
}

func (p *cutProxy) serve() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		target := p.target
		p.mu.Unlock()
		out, err := net.Dial("tcp", target)
		if err != nil {
			in.Close()
			continue
		}
		p.mu.Lock()
		p.conns[in], p.conns[out] = struct{}{}, struct{}{}
		p.mu.Unlock()
		pipe := func(dst, src net.Conn) {
			io.Copy(dst, src)
			dst.Close()
			src.Close()
			p.mu.Lock()
			delete(p.conns, dst)
			delete(p.conns, src)
			p.mu.Unlock()
		}
		go pipe(in, out)
		go pipe(out, in)
	}
}

// retarget sends new connections to target, as a load balancer moving
// clients to another relay.
func (p *cutProxy) retarget(target string) {
	p.mu.Lock()
	p.target = target
	p.mu.Unlock()
}

// cut closes every proxied connection and reports whether there was one.
func (p *cutProxy) cut() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
	had := len(p.conns) > 0
	if had {
		p.cuts++
	}
	clear(p.conns)
	return had
}

func (f *relayFixture) postAll(t *testing.T, ctx context.Context, from, n, workers int) {
	t.Helper()
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				body := sandboxBody(i)
				code, err := post(ctx, f.srv.c, f.srv.URL+DefaultWebhookPath, body, Sign(testSecret, body))
				if err != nil || code != http.StatusOK {
					t.Errorf("delivery %d: status %d, err %v", i, code, err)
				}
			}
		})
	}
	for i := from; i < from+n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// TestRelayResumeAcrossFiftyCuts: while 5,000 notifications are POSTed, the
// client's connection is cut 50 times; it receives each exactly once, in order.
func TestRelayResumeAcrossFiftyCuts(t *testing.T) {
	t.Parallel()
	const n, cuts = 5000, 50
	f := newRelayFixture(t, RelayOptions{})
	proxy := newCutProxy(t, f.srv.Addr)
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()

	out := make(chan Update, 16)
	followErr := make(chan error, 1)
	go func() {
		followErr <- Follow(ctx, FollowOptions{
			URL: "ws://" + proxy.ln.Addr().String() + DefaultFeedPath, Token: testRelayToken,
			Secrets: [][]byte{testSecret}, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		}, out)
	}()
	posted := make(chan struct{})
	go func() {
		defer close(posted)
		f.postAll(t, ctx, 0, n, 8)
	}()

	seen := map[string]bool{}
	var last uint64
	for last < n {
		select {
		case u, ok := <-out:
			if !ok {
				t.Fatalf("Follow stopped after seq %d: %v", last, <-followErr)
			}
			r := u.Record
			if r == nil {
				continue
			}
			if r.Seq != last+1 {
				t.Fatalf("received seq %d after %d: a gap or a repeat", r.Seq, last)
			}
			if !r.Verified {
				t.Fatalf("seq %d did not verify on the client", r.Seq)
			}
			if seen[r.Summary.NotificationID] {
				t.Fatalf("notification %s received twice", r.Summary.NotificationID)
			}
			seen[r.Summary.NotificationID] = true
			last = r.Seq
			// Cut every 80 records until 50 cuts have landed on a live connection.
			if proxy.cuts < cuts && last >= uint64(80*(proxy.cuts+1)) {
				proxy.cut()
			}
		case <-ctx.Done():
			t.Fatalf("timed out at seq %d", last)
		}
	}
	if proxy.cuts < cuts {
		t.Fatalf("only %d cuts happened, want %d", proxy.cuts, cuts)
	}
	if len(seen) != n {
		t.Fatalf("%d distinct notifications, want %d", len(seen), n)
	}
	if c := f.relay.Stats().Connections; c < cuts+1 {
		t.Errorf("relay saw %d connections, want at least %d", c, cuts+1)
	}
	<-posted // every POST answered before the context ends
	cancel()
	if err := <-followErr; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow returned %v, want context.Canceled", err)
	}
}

// TestRelayViewerJoiningAfterRepeats: a viewer that connects after
// notifications and their repeats were stored, while more arrive, reads
// every record once, in order, with its repeat count, and is never let go
// as lagging on the way from the stream to the relay's live frames.
func TestRelayViewerJoiningAfterRepeats(t *testing.T) {
	t.Parallel()
	f := newRelayFixture(t, RelayOptions{})
	ctx := testCtx(t)
	deliver := func(from, to int) {
		for i := from; i < to; i++ {
			body := sandboxBody(i)
			for range 2 {
				if code, err := post(ctx, f.srv.c, f.srv.URL+DefaultWebhookPath, body, Sign(testSecret, body)); code != http.StatusOK {
					t.Fatalf("delivery %d: %d %v", i, code, err)
				}
			}
		}
	}
	deliver(0, 3)
	out := make(chan Update, 64)
	go Follow(ctx, FollowOptions{URL: f.srv.URL + DefaultFeedPath, Token: testRelayToken}, out)
	deliver(3, 6)
	var last uint64
	for got := 0; got < 6; {
		select {
		case u := <-out:
			if u.Record == nil {
				continue
			}
			if u.Record.Seq <= last {
				t.Fatalf("seq %d after %d", u.Record.Seq, last)
			}
			last = u.Record.Seq
			got++
		case <-ctx.Done():
			t.Fatal("the viewer did not get every record")
		}
	}
	if st := f.relay.Stats(); st.SlowDisconnects != 0 || st.Connections != 1 {
		t.Errorf("relay stats %+v: the viewer was let go on its way", st)
	}
}
