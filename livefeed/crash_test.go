package livefeed

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// crashChildEnv makes the test binary run as the crash test's child: a
// receiver and a relay on an embedded store in the named directory,
// serving on the address in crashAddrEnv until it is killed.
const (
	crashChildEnv = "LIVEFEED_CRASH_CHILD_DIR"
	crashAddrEnv  = "LIVEFEED_CRASH_CHILD_ADDR"
)

func TestCrashChildProcess(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("helper process for TestCrashSafety")
	}
	j, err := OpenStore(context.Background(), StoreOptions{Dir: dir, Profile: "crash"})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{testSecret}})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	relay, err := NewRelayServer(j, RelayOptions{Token: testRelayToken})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.Handle(DefaultWebhookPath, r)
	mux.Handle(DefaultFeedPath, relay)
	ln, err := net.Listen("tcp", os.Getenv(crashAddrEnv))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	fmt.Printf("LISTEN %s\n", ln.Addr())
	http.Serve(ln, mux) // until SIGKILL
}

// crashChild is a running child process.
type crashChild struct {
	cmd  *exec.Cmd
	addr string
}

func startCrashChild(t *testing.T, dir, addr string) *crashChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChildProcess$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashAddrEnv+"="+addr)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "LISTEN" {
			go func() { // keep draining so the child never blocks on stdout
				for sc.Scan() {
				}
			}()
			return &crashChild{cmd: cmd, addr: f[1]}
		}
		if strings.HasPrefix(sc.Text(), "ERROR") {
			t.Fatalf("child: %s", sc.Text())
		}
	}
	t.Fatal("child exited before listening")
	return nil
}

// streamUntilKilled posts notifications ids[0..] from 8 workers and SIGKILLs
// the child once killAfter of them were answered 200, with more in flight.
// It returns the ids answered 200.
func streamUntilKilled(t *testing.T, child *crashChild, ids []int, killAfter int) []int {
	t.Helper()
	ctx := testCtx(t)
	var (
		next   atomic.Int64
		acks   atomic.Int64
		mu     sync.Mutex
		acked  []int
		killed sync.Once
		wg     sync.WaitGroup
	)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	url := "http://" + child.addr + DefaultWebhookPath
	for range 8 {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(ids) {
					return
				}
				body := sandboxBody(ids[k])
				code, err := post(ctx, c, url, body, Sign(testSecret, body))
				if err != nil {
					return // the child is gone
				}
				if code != http.StatusOK {
					t.Errorf("notification %d: status %d", ids[k], code)
					return
				}
				mu.Lock()
				acked = append(acked, ids[k])
				mu.Unlock()
				if acks.Add(1) >= int64(killAfter) {
					killed.Do(func() { child.cmd.Process.Kill() }) // SIGKILL
				}
			}
		})
	}
	wg.Wait()
	child.cmd.Wait()
	return acked
}

// TestCrashSafety: a relay (receiver, relay and embedded store in one
// process) killed with SIGKILL during a stream of deliveries, then
// restarted on the same store and address, has kept every notification it
// answered 200, exactly once: also the retries of acknowledged ones sent to
// its second life. A viewer following it through both kills holds every
// stored record once, in order.
func TestCrashSafety(t *testing.T) {
	t.Parallel()
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("running as the child")
	}
	dir, addr := t.TempDir(), fmt.Sprintf("127.0.0.1:%d", freePorts(t, 1)[0])
	seq := func(from, n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = from + i
		}
		return out
	}
	ctx := testCtx(t)
	viewer := make(chan Update, 8192)
	go Follow(ctx, FollowOptions{URL: "ws://" + addr + DefaultFeedPath, Token: testRelayToken,
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond}, viewer)

	acked := streamUntilKilled(t, startCrashChild(t, dir, addr), seq(0, 3000), 300)
	// Second life: retries of some acknowledged notifications (which must be
	// recognised as duplicates) mixed with new ones, killed again mid-stream.
	again := append(append([]int(nil), acked[:50]...), seq(10000, 3000)...)
	acked2 := streamUntilKilled(t, startCrashChild(t, dir, addr), again, 250)

	// Third life, without deliveries: the viewer catches up through it.
	third := startCrashChild(t, dir, addr)
	all := append(append([]int(nil), acked...), acked2...)
	seen, last := map[string]int{}, uint64(0)
	for missing := len(all); missing > 0; {
		select {
		case u := <-viewer:
			if u.Record == nil {
				continue
			}
			if u.Record.Seq <= last {
				t.Fatalf("the viewer got seq %d after %d", u.Record.Seq, last)
			}
			last = u.Record.Seq
			seen[u.Record.Summary.NotificationID]++
			missing = 0
			for _, id := range all {
				if seen[fmt.Sprintf("n-%06d", id)] == 0 {
					missing++
				}
			}
		case <-ctx.Done():
			t.Fatalf("the viewer never got every acknowledged notification (%d seen)", len(seen))
		}
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("the viewer got notification %s %d times", id, k)
		}
	}
	third.cmd.Process.Kill()
	third.cmd.Wait()

	j, err := OpenStore(ctx, StoreOptions{Dir: dir, Profile: "crash"})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	recs, _ := readFeed(t, j)
	t.Logf("acknowledged %d+%d, the store holds %d records", len(acked), len(acked2), len(recs))
	stored := map[string]int{}
	for _, r := range recs {
		stored[r.Summary.NotificationID]++
	}
	for _, id := range all {
		key := fmt.Sprintf("n-%06d", id)
		if stored[key] != 1 {
			t.Errorf("notification %s answered 200 but is in the store %d times", key, stored[key])
		}
	}
	for key, n := range stored {
		if n != 1 {
			t.Errorf("notification %s stored %d times", key, n)
		}
	}
}
