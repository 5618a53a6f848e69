package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startInBackground runs a long-lived command (sandbox, demo) until the
// returned stop function cancels it; stop returns its exit code.
func startInBackground(t *testing.T, args ...string) (out, errOut *lockedBuffer, stop func() int) {
	t.Helper()
	out, errOut = newLockedBuffer(), newLockedBuffer()
	e := cli{}.env(out, errOut)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, args) }()
	stopped := false
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			stopped = true
			return code
		case <-time.After(20 * time.Second):
			t.Fatalf("%v did not stop after cancel; stderr:\n%s", args, errOut.String())
			return -1
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return out, errOut, stop
}

var (
	baseURLLine = regexp.MustCompile(`base URL\s+(http://127\.0\.0\.1:\d+)\n`)
	tokenLine   = regexp.MustCompile(`token\s+(\S+)\n`)
)

func TestSandboxCommandServesAndSavesOnStop(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sandbox.json")
	const token = "sandbox-cmd-token-31"
	out, errOut, stop := startInBackground(t, "sandbox", "--addr", "127.0.0.1:0", "--token", token, "--seed", "3", "--data", data)
	banner := out.waitFor(t, "Press Ctrl-C")

	m := baseURLLine.FindStringSubmatch(banner)
	if m == nil {
		t.Fatalf("no base URL in the banner:\n%s", banner)
	}
	base := m[1]
	for _, want := range []string{"token     " + token, "seed      3", "data      " + data,
		"ecdash get events --base-url " + base + " --token " + token} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q:\n%s", want, banner)
		}
	}

	r := cli{}.run(t, "get", "resources", "--base-url", base, "--token", token).mustSucceed(t)
	if len(tableLines(r.stdout)) < 30 {
		t.Errorf("few vehicles from the sandbox command:\n%s", r.stdout)
	}
	cli{}.run(t, "get", "events", "--base-url", base, "--token", "wrong-token-for-cmd").
		mustExit(t, exitAuth, []string{"GET /events: 401 Unauthorized"}, "wrong-token-for-cmd", token)

	if code := stop(); code != 0 {
		t.Fatalf("sandbox exited %d; stderr:\n%s", code, errOut.String())
	}
	saved, err := os.ReadFile(data)
	if err != nil {
		t.Fatalf("the data file was not written: %v", err)
	}
	if !json.Valid(saved) {
		t.Fatalf("the data file is not JSON:\n%.300s", saved)
	}
	if strings.Contains(errOut.String(), token) {
		t.Errorf("the sandbox log reveals the token:\n%s", errOut.String())
	}

	// Started again on the same file, it serves the same account whatever --seed says.
	out, _, stop = startInBackground(t, "sandbox", "--addr", "127.0.0.1:0", "--token", token, "--seed", "4", "--data", data)
	banner = out.waitFor(t, "Press Ctrl-C")
	if !strings.Contains(banner, "seed      the one stored in "+data) || !strings.Contains(banner, "(loaded;") {
		t.Errorf("the banner does not say the data file was loaded:\n%s", banner)
	}
	again := cli{}.run(t, "get", "resources", "--base-url", baseURLLine.FindStringSubmatch(banner)[1], "--token", token).mustSucceed(t)
	if again.stdout != r.stdout {
		t.Errorf("the reloaded sandbox serves other vehicles:\n%s\nthan before:\n%s", again.stdout, r.stdout)
	}
	stop()
}

func TestSandboxCommandGeneratesToken(t *testing.T) {
	out, _, stop := startInBackground(t, "sandbox", "--addr", "127.0.0.1:0")
	banner := out.waitFor(t, "Press Ctrl-C")
	base, tok := baseURLLine.FindStringSubmatch(banner), tokenLine.FindStringSubmatch(banner)
	if base == nil || tok == nil || len(tok[1]) < 20 {
		t.Fatalf("no usable base URL or generated token in:\n%s", banner)
	}
	cli{}.run(t, "get", "events", "--base-url", base[1], "--token", tok[1]).mustSucceed(t)
	if code := stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestSandboxCommandBusyPort(t *testing.T) {
	out, _, stop := startInBackground(t, "sandbox", "--addr", "127.0.0.1:0")
	base := baseURLLine.FindStringSubmatch(out.waitFor(t, "Press Ctrl-C"))
	if base == nil {
		t.Fatal("no base URL")
	}
	addr := strings.TrimPrefix(base[1], "http://")
	cli{}.run(t, "sandbox", "--addr", addr).mustFail(t, []string{"sandbox: listen tcp " + addr})
	stop()
}

func TestDemoOpensTheDashboardOnTheSandbox(t *testing.T) {
	out, errOut := newLockedBuffer(), newLockedBuffer()
	e := cli{}.env(out, errOut)
	keys, typeKeys := io.Pipe()
	e.stdin = keys
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), e, []string{"demo"}) }()

	// The seeded sandbox always has an active event; its countdown proves the
	// dashboard fetched and laid out the sandbox's events.
	out.waitFor(t, "ends in")
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
}
