package livefeed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangGuard bounds every wait for the server to close a connection: a
// broken deadline fails the test instead of hanging it. Nothing is asserted
// about how soon within it the close comes.
const hangGuard = 10 * time.Second

// abuseServer serves a receiver behind NewServer on loopback, and at /block
// a handler that holds every request until block is closed.
func abuseServer(t *testing.T, opts ServerOptions) (*Server, string, []byte) {
	s, addr, secret, _ := abuseServerBlocking(t, opts)
	return s, addr, secret
}

func abuseServerBlocking(t *testing.T, opts ServerOptions) (*Server, string, []byte, chan struct{}) {
	t.Helper()
	secret := []byte("abuse-secret")
	j := openTestStore(t)
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{secret}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	block := make(chan struct{})
	mux := http.NewServeMux()
	mux.Handle(DefaultWebhookPath, r)
	mux.HandleFunc("/block", func(http.ResponseWriter, *http.Request) { <-block })
	s := NewServer(mux, opts)
	go s.Serve(ln)
	t.Cleanup(func() {
		s.Close()
		select {
		case <-block:
		default:
			close(block)
		}
	})
	return s, ln.Addr().String(), secret, block
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// closedByServer reads until the server closes c (what it answered first is
// returned) or the guard runs out.
func closedByServer(t *testing.T, c net.Conn, what string) string {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(hangGuard))
	got, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("%s: the server did not close the connection", what)
	}
	return string(got)
}

// goodDelivery posts one signed notification and returns the status.
func goodDelivery(t *testing.T, addr string, secret []byte, i int) int {
	t.Helper()
	body := sandboxBody(i)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+DefaultWebhookPath, strings.NewReader(string(body)))
	req.Header.Set(SignatureHeader, Sign(secret, body))
	c := &http.Client{Timeout: hangGuard, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("good delivery %d: %v", i, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestSlowBodyIsClosed(t *testing.T) {
	_, addr, _ := abuseServer(t, ServerOptions{BodyTimeout: 200 * time.Millisecond})
	c := dial(t, addr)
	fmt.Fprintf(c, "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n%s: x\r\n\r\n{", SignatureHeader)
	// One more byte now and then would never finish the body in time.
	go func() {
		for range 20 {
			time.Sleep(50 * time.Millisecond)
			if _, err := c.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	if got := closedByServer(t, c, "slow body"); !strings.HasPrefix(got, "HTTP/1.1 400") {
		t.Errorf("a body that timed out was answered %q, want 400 and a close", got)
	}
}

func TestSlowHeadersAndIdleConnectionsAreClosed(t *testing.T) {
	_, addr, secret := abuseServer(t, ServerOptions{HeaderTimeout: 200 * time.Millisecond, IdleTimeout: 200 * time.Millisecond})
	slow := dial(t, addr)
	fmt.Fprint(slow, "POST /webhook HTTP/1.1\r\nHost: x\r\n") // and never the end of the headers
	closedByServer(t, slow, "slow headers")

	idle := dial(t, addr)
	body := sandboxBody(1)
	fmt.Fprintf(idle, "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n%s: %s\r\n\r\n%s", len(body), SignatureHeader, Sign(secret, body), body)
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the delivery before idling: %v %v", resp, err)
	}
	closedByServer(t, idle, "idle keep-alive")
}

// At the cap, connections that never sent a request make room for a good
// delivery; when every connection has a request in progress, more are
// refused, and once those end, deliveries succeed again.
func TestConnectionCap(t *testing.T) {
	const cap = 8
	s, addr, secret, block := abuseServerBlocking(t, ServerOptions{MaxConns: cap})
	for range cap {
		dial(t, addr) // open and silent
	}
	waitOpen(t, s, cap, "the silent connections")
	if code := goodDelivery(t, addr, secret, 1); code != http.StatusOK {
		t.Fatalf("a delivery at the cap got %d; an idle connection should have made room", code)
	}
	if open, _, evicted := s.Conns(); open > cap || evicted == 0 {
		t.Fatalf("open %d (cap %d), evicted %d", open, cap, evicted)
	}

	// Now every slot is a request in progress: nothing can be evicted.
	waitOpen(t, s, cap-1, "the delivery's connection to close") // the silent ones left
	for range cap {
		c := dial(t, addr)
		fmt.Fprint(c, "GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
	}
	waitBusy(t, s, cap)
	extra := dial(t, addr)
	if got := closedByServer(t, extra, "a connection beyond the cap"); got != "" {
		t.Errorf("a refused connection was answered %q", got)
	}
	if _, refused, _ := s.Conns(); refused == 0 {
		t.Error("no connection was counted as refused")
	}
	close(block) // the requests end; their connections idle, and may be evicted
	waitBusy(t, s, 0)
	if code := goodDelivery(t, addr, secret, 2); code != http.StatusOK {
		t.Fatalf("a delivery after the requests ended got %d", code)
	}
}

// 3,000 slow connections never hold more than the cap of file descriptors.
func TestManySlowConnectionsStayWithinTheCap(t *testing.T) {
	if testing.Short() {
		t.Skip("opens 3,000 connections")
	}
	const cap, n = 64, 3000
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Cur < n+cap+256 {
		t.Skipf("the open-files limit (%d) is below what 3,000 client connections need", lim.Cur)
	}
	s, addr, secret := abuseServer(t, ServerOptions{MaxConns: cap})
	before := openFiles(t)
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /webhook HTTP/1.1\r\nHost: x\r\n") // headers that never end
		if open, _, _ := s.Conns(); open > cap {
			t.Fatalf("after %d connections the server holds %d (cap %d)", i+1, open, cap)
		}
	}
	if code := goodDelivery(t, addr, secret, 3); code != http.StatusOK {
		t.Fatalf("a good delivery among 3,000 slow connections got %d", code)
	}
	// The client side holds n descriptors; the server side at most cap more.
	if after := openFiles(t); after-before > n+cap+16 {
		t.Errorf("open files grew by %d for %d client connections (cap %d)", after-before, n, cap)
	}
}

// waitOpen waits until the server holds exactly n connections.
func waitOpen(t *testing.T, s *Server, n int, what string) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for open, _, _ := s.Conns(); open != n; open, _, _ = s.Conns() {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: the server holds %d connections, want %d", what, open, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitBusy waits until n connections have a request in progress.
func waitBusy(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for {
		s.limits.mu.Lock()
		busy := 0
		for _, in := range s.limits.conns {
			if in.state == http.StateActive {
				busy++
			}
		}
		s.limits.mu.Unlock()
		if (n > 0 && busy >= n) || (n == 0 && busy == 0) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d busy connections, want %d", busy, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func openFiles(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd here")
	}
	return len(ents)
}

func TestRejectSummary(t *testing.T) {
	var reports []RejectReport
	s := NewRejectSummary(time.Hour, func(r RejectReport) { reports = append(reports, r) })
	for i := range 20000 {
		o := OutcomeBadSignature
		if i%1000 == 0 {
			o = OutcomeTooLarge
		}
		s.Add(Delivery{Outcome: o, Status: 401, Remote: fmt.Sprintf("203.0.113.%d:%d", i%2, 40000+i)})
	}
	if len(reports) != 0 {
		t.Fatal("reported before the window ended")
	}
	s.Flush()
	if len(reports) != 1 {
		t.Fatalf("%d reports for one window", len(reports))
	}
	r := reports[0]
	if r.Total != 20000 || r.ByOutcome[OutcomeBadSignature] != 19980 || r.ByOutcome[OutcomeTooLarge] != 20 {
		t.Errorf("report %+v", r)
	}
	if o := r.Outcomes(); o[0] != OutcomeBadSignature {
		t.Errorf("outcomes %v: most frequent first", o)
	}
	if len(r.TopRemotes) != 2 || r.TopRemotes[0] != (RemoteCount{"203.0.113.0", 10000}) {
		t.Errorf("top remotes %v: by host, without the port", r.TopRemotes)
	}
	s.Flush()
	if len(reports) != 1 {
		t.Error("an empty window was reported")
	}
}
