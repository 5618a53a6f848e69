package livefeed

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// freePorts returns n loopback ports free a moment ago (the cluster's
// routes must be known before its nodes start).
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var lns []net.Listener
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}

// startCluster starts a 3-node NATS cluster with JetStream on loopback, in
// process, and returns its nodes and their client URLs.
func startCluster(t *testing.T) ([]*server.Server, []string) {
	t.Helper()
	ports := freePorts(t, 6)
	var routes []string
	for i := range 3 {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", ports[3+i]))
	}
	var nodes []*server.Server
	var urls []string
	for i := range 3 {
		o := &server.Options{
			ServerName: fmt.Sprintf("n%d", i), Host: "127.0.0.1", Port: ports[i],
			JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
			Cluster: server.ClusterOpts{Name: "ecdash-test", Host: "127.0.0.1", Port: ports[3+i]},
			Routes:  server.RoutesFromStr(strings.Join(routes, ",")),
		}
		ns, err := server.NewServer(o)
		if err != nil {
			t.Fatal(err)
		}
		ns.Start()
		t.Cleanup(ns.Shutdown)
		nodes = append(nodes, ns)
		urls = append(urls, ns.ClientURL())
	}
	for _, ns := range nodes {
		if !ns.ReadyForConnections(30 * time.Second) {
			t.Fatal("a cluster node did not start")
		}
	}
	return nodes, urls
}

// openClusterStore opens the feed's R3 stream through urls, retrying while
// the cluster elects its JetStream leader (bounded by ctx).
func openClusterStore(t *testing.T, ctx context.Context, urls []string) *Store {
	t.Helper()
	for {
		attempt, cancel := context.WithTimeout(ctx, time.Second)
		// A store whose node is gone answers 503 after a second, not NATS' five.
		st, err := OpenStore(attempt, StoreOptions{NATS: urls, Profile: "team", PublishWait: time.Second})
		cancel()
		if err == nil {
			t.Cleanup(func() { st.Close() })
			return st
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the cluster's stream never opened: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// followerNode is a node that leads neither the cluster's JetStream nor the
// feed's stream: losing it costs the test no election (the loss of a leader
// is the same path with seconds of waiting added).
func followerNode(t *testing.T, ctx context.Context, nodes []*server.Server, st *Store) *server.Server {
	t.Helper()
	info, err := st.stream.Info(ctx)
	if err != nil || info.Cluster == nil {
		t.Fatalf("the stream's cluster: %v", err)
	}
	for _, ns := range nodes {
		if !ns.JetStreamIsLeader() && ns.Name() != info.Cluster.Leader {
			return ns
		}
	}
	t.Fatal("every node leads something")
	return nil
}

// TestClusterKeepsEveryAcknowledgedNotification: three NATS nodes, a
// receiver on each, and two relays (on all three nodes) behind one address
// with three viewers. 2,000 signed notifications are each delivered twice,
// to two different receivers; halfway, one node shuts down, every viewer's
// connection is cut and the address moves to the other relay. Every
// notification answered 2xx is in the stream exactly once, and every
// viewer, having resumed from the other relay, holds each stored record
// once, in order.
func TestClusterKeepsEveryAcknowledgedNotification(t *testing.T) {
	t.Parallel() // its own nodes and ports; it waits on elections
	const n, workers = 2000, 16
	ctx := testCtx(t)
	t0 := time.Now()
	nodes, urls := startCluster(t)
	var receivers []string
	for i := range 3 {
		st := openClusterStore(t, ctx, urls[i:i+1])
		r, err := NewReceiver(st, ReceiverOptions{Secrets: [][]byte{testSecret}})
		if err != nil {
			t.Fatal(err)
		}
		receivers = append(receivers, newServer(t, r).URL)
	}
	t.Logf("stores open after %v", time.Since(t0))
	var relays []string
	var servers []*RelayServer
	var relayStore *Store
	for range 2 {
		relayStore = openClusterStore(t, ctx, urls)
		relay, err := NewRelayServer(relayStore, RelayOptions{Token: testRelayToken})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(relay.Close)
		servers = append(servers, relay)
		relays = append(relays, strings.TrimPrefix(newServer(t, relay).URL, "http://"))
	}
	proxy := newCutProxy(t, relays[0]) // the load balancer

	viewers := make([]chan Update, 3)
	for i := range viewers {
		viewers[i] = make(chan Update, 4*n)
		go Follow(ctx, FollowOptions{URL: "ws://" + proxy.ln.Addr().String() + DefaultFeedPath, Token: testRelayToken,
			MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond}, viewers[i])
	}

	victim := followerNode(t, ctx, nodes, relayStore)
	var (
		acked  sync.Map // notification index → true, once a copy was answered 200
		sent   atomic.Int64
		killed sync.Once
		wg     sync.WaitGroup
		next   = make(chan int)
	)
	c := &http.Client{Timeout: 30 * time.Second}
	for range workers {
		wg.Go(func() {
			for i := range next {
				body := sandboxBody(i)
				for _, r := range []int{i % 3, (i + 1) % 3} { // two different receivers
					if code, err := post(ctx, c, receivers[r], body, Sign(testSecret, body)); err == nil && code == http.StatusOK {
						acked.Store(i, true)
					}
				}
				if sent.Add(1) == n/2 {
					killed.Do(func() {
						t.Logf("node %s shut down after %v", victim.Name(), time.Since(t0))
						victim.Shutdown()
						proxy.retarget(relays[1])
						proxy.cut()
					})
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	t.Logf("delivered after %v", time.Since(t0))

	recs, _ := readFeed(t, relayStore)
	stored := map[string]int{}
	for _, r := range recs {
		stored[r.Summary.NotificationID]++
	}
	ackedN := 0
	acked.Range(func(k, _ any) bool {
		ackedN++
		if id := fmt.Sprintf("n-%06d", k.(int)); stored[id] != 1 {
			t.Errorf("notification %s answered 200 but is in the stream %d times", id, stored[id])
		}
		return true
	})
	for id, k := range stored {
		if k != 1 {
			t.Errorf("notification %s stored %d times", id, k)
		}
	}
	t.Logf("%d of %d notifications acknowledged, %d records stored, %d viewer connections cut", ackedN, n, len(recs), proxy.cuts)
	if ackedN < n/2 {
		t.Fatalf("only %d of %d notifications were acknowledged: the cluster stopped taking them", ackedN, n)
	}

	for v, out := range viewers {
		var last uint64
		got := 0
		for got < len(recs) {
			select {
			case u := <-out:
				if u.Record == nil {
					continue
				}
				if u.Record.Seq <= last {
					t.Fatalf("viewer %d: seq %d after %d", v, u.Record.Seq, last)
				}
				if u.Record.Seq != recs[got].Seq {
					t.Fatalf("viewer %d: record %d has seq %d, the stream's is %d", v, got, u.Record.Seq, recs[got].Seq)
				}
				last = u.Record.Seq
				got++
			case <-ctx.Done():
				t.Fatalf("viewer %d holds %d of %d records", v, got, len(recs))
			}
		}
	}
	if n := servers[1].Stats().Connections; n < uint64(len(viewers)) {
		t.Errorf("the second relay took %d connections: the viewers did not resume from it", n)
	}
}
