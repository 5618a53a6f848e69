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
)

// crashChildEnv makes the test binary run as the crash test's child: a
// receiver and its embedded store in the named directory, serving until
// it is killed.
const crashChildEnv = "LIVEFEED_CRASH_CHILD_DIR"

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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	fmt.Printf("LISTEN %s\n", ln.Addr())
	http.Serve(ln, r) // until SIGKILL
}

// crashChild is a running child process.
type crashChild struct {
	cmd  *exec.Cmd
	addr string
}

func startCrashChild(t *testing.T, dir string) *crashChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChildProcess$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
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

// TestCrashSafety: a receiver on an embedded store, killed with SIGKILL
// during a stream of deliveries, then restarted on the same store, has kept
// every notification it answered 200, exactly once: also the retries of
// acknowledged ones sent to its second life.
func TestCrashSafety(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("running as the child")
	}
	dir := t.TempDir()
	seq := func(from, n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = from + i
		}
		return out
	}

	acked := streamUntilKilled(t, startCrashChild(t, dir), seq(0, 3000), 300)
	// Second life: retries of some acknowledged notifications (which must be
	// recognised as duplicates) mixed with new ones, killed again mid-stream.
	again := append(append([]int(nil), acked[:50]...), seq(10000, 3000)...)
	acked2 := streamUntilKilled(t, startCrashChild(t, dir), again, 250)

	j, err := OpenStore(testCtx(t), StoreOptions{Dir: dir, Profile: "crash"})
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
	for _, id := range append(acked, acked2...) {
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
