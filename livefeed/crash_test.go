package livefeed

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// crashChildEnv makes the test binary run as the crash test's child: a
// receiver and journal in the named directory, serving until it is killed.
const crashChildEnv = "LIVEFEED_CRASH_CHILD_DIR"

func TestCrashChildProcess(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("helper process for TestCrashSafety")
	}
	j, err := OpenJournal(dir, "crash", JournalOptions{})
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
	fmt.Printf("LISTEN %s %d\n", ln.Addr(), j.Recovery().TruncatedBytes)
	http.Serve(ln, r) // until SIGKILL
}

// crashChild is a running child process.
type crashChild struct {
	cmd       *exec.Cmd
	addr      string
	truncated string // bytes its recovery cut off
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
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "LISTEN" {
			go func() { // keep draining so the child never blocks on stdout
				for sc.Scan() {
				}
			}()
			return &crashChild{cmd: cmd, addr: f[1], truncated: f[2]}
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

// TestCrashSafety: a receiver killed with SIGKILL during a stream of
// deliveries, then restarted on the same journal, has kept every
// notification it answered 200, exactly once, with sequence numbers that
// continue without a gap.
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

	acked := streamUntilKilled(t, startCrashChild(t, dir), seq(0, 5000), 300)
	checkReaderHasAcked(t, dir, acked)
	// SIGKILL cannot tear a write the kernel accepted; a power cut can. Leave
	// half a record at the end, as one would.
	segs, _ := filepath.Glob(filepath.Join(dir, "crash", "*"+segmentSuffix))
	torn := appendFrame(nil, kindNotification, 1<<40, []byte(`{"received":"2025-01-01T00:00:00Z","key":"torn","body":"e30="}`))
	f, err := os.OpenFile(segs[len(segs)-1], os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(torn[:len(torn)-7])
	f.Close()

	// Second life: retries of some acknowledged notifications (which must be
	// recognised as duplicates) mixed with new ones, killed again mid-stream.
	child := startCrashChild(t, dir)
	if child.truncated != strconv.Itoa(len(torn)-7) {
		t.Errorf("restart cut %s bytes, want the %d-byte torn record", child.truncated, len(torn)-7)
	}
	again := append(append([]int(nil), acked[:50]...), seq(10000, 5000)...)
	acked2 := streamUntilKilled(t, child, again, 250)

	j, err := OpenJournal(dir, "crash", JournalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	t.Logf("acknowledged %d+%d, journal holds %d, recovery %+v", len(acked), len(acked2), j.LastSeq(), j.Recovery())
	recs := readAll(t, j)
	inJournal := map[string]int{}
	for i, r := range recs {
		if r.Seq != uint64(i+1) {
			t.Fatalf("record %d has seq %d: a gap", i+1, r.Seq)
		}
		inJournal[r.Summary.NotificationID]++
	}
	for _, id := range append(acked, acked2...) {
		key := fmt.Sprintf("n-%06d", id)
		if inJournal[key] != 1 {
			t.Errorf("notification %s answered 200 but is in the journal %d times", key, inJournal[key])
		}
	}
	for key, n := range inJournal {
		if n != 1 {
			t.Errorf("notification %s journaled %d times", key, n)
		}
	}
}

// checkReaderHasAcked: right after the kill, before any recovery, a
// lock-free reader already returns every notification answered 200.
func checkReaderHasAcked(t *testing.T, dir string, acked []int) {
	t.Helper()
	r, err := OpenJournalReader(dir, "crash", ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	if _, err := r.ReadFrom(0, func(rec Record) error { seen[rec.Summary.NotificationID] = true; return nil }); err != nil {
		t.Fatalf("reading the killed receiver's journal: %v", err)
	}
	for _, id := range acked {
		if key := fmt.Sprintf("n-%06d", id); !seen[key] {
			t.Errorf("notification %s answered 200 but a reader does not see it", key)
		}
	}
}
