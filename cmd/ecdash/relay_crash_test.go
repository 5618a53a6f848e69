package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// relayChildEnv makes the test binary run `ecdash` with the arguments it
// holds (newline-separated), as a separate process the test can SIGKILL.
const relayChildEnv = "ECDASH_TEST_RELAY_CHILD_ARGS"

func TestRelayChildProcess(t *testing.T) {
	args := os.Getenv(relayChildEnv)
	if args == "" {
		t.Skip("helper process for TestRelaySurvivesSIGKILL")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, newEnv(), strings.Split(args, "\n")))
}

const crashSecret = "crash-test-webhook-secret"

// relayChild is `ecdash relay` running in a child process.
type relayChild struct {
	cmd  *exec.Cmd
	hook string
}

var hookLine = regexp.MustCompile(`webhooks\s+(http://\S+)`)

func startRelayChild(t *testing.T, journal string) *relayChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRelayChildProcess$")
	cmd.Env = append(os.Environ(), relayChildEnv+"="+strings.Join([]string{"relay", "--listen", "127.0.0.1:0",
		"--webhook-secret", crashSecret, "--relay-token", relayToken, "--journal", journal}, "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the relay exited before it was ready")
			}
			if m := hookLine.FindStringSubmatch(l); m != nil {
				go func() { // keep draining so the child never blocks on stdout
					for range lines {
					}
				}()
				return &relayChild{cmd: cmd, hook: m[1]}
			}
		case <-deadline:
			t.Fatal("the relay never printed its webhook URL")
		}
	}
}

// TestRelaySurvivesSIGKILL kills `ecdash relay` with SIGKILL while
// notifications stream in, restarts it on the same journal, and checks that
// every notification answered 200 is journaled exactly once, and that
// repeating them after the restart is recognised as duplicates.
func TestRelaySurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	journal := t.TempDir()
	child := startRelayChild(t, journal)

	var mu sync.Mutex
	acked := map[int]bool{}
	next := make(chan int)
	var wg sync.WaitGroup
	httpc := &http.Client{Timeout: 10 * time.Second}
	for range 8 {
		wg.Go(func() {
			for i := range next {
				if signedPost(httpc, child.hook, livefeedtest.Notification(i, client.OperationCreate)) == http.StatusOK {
					mu.Lock()
					acked[i] = true
					mu.Unlock()
				}
			}
		})
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(acked) }
	killed := false
	for i := 0; i < 20000 && (!killed || i%50 != 0); i++ {
		next <- i
		if !killed && count() >= 300 {
			// Mid-stream: deliveries are in flight on every worker.
			if err := child.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	close(next)
	wg.Wait()
	child.cmd.Wait()
	if !killed {
		t.Fatal("the stream ended before the relay was killed")
	}

	// Restarted: recovery keeps every acknowledged record and the dedupe window.
	child = startRelayChild(t, journal)
	for i := range acked {
		if code := signedPost(httpc, child.hook, livefeedtest.Notification(i, client.OperationCreate)); code != http.StatusOK {
			t.Fatalf("redelivery of %d after the restart: %d", i, code)
		}
	}
	child.cmd.Process.Signal(os.Interrupt)
	if err := child.cmd.Wait(); err != nil {
		t.Fatalf("the restarted relay did not stop cleanly: %v", err)
	}

	r := cli{}.run(t, "feed", "tail", "--journal", journal).mustSucceed(t)
	seen := map[int]int{}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var line struct {
			Summary livefeed.Summary `json:"summary"`
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("bad tail line %q: %v", l, err)
		}
		if i, ok := livefeedtest.Index(line.Summary); ok {
			seen[i]++
		}
	}
	for i := range acked {
		if seen[i] != 1 {
			t.Errorf("notification %d was answered 200 but is journaled %d times", i, seen[i])
		}
	}
	t.Logf("%d notifications acknowledged before SIGKILL; journal holds %d (deliveries in flight at the kill may be there too)", len(acked), len(seen))
}

// signedPost delivers body signed with crashSecret; 0 when no answer came.
func signedPost(c *http.Client, url string, body []byte) int {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set(livefeed.SignatureHeader, livefeed.Sign([]byte(crashSecret), body))
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
