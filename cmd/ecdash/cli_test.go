package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixedNow is the clock every CLI test runs at.
var fixedNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// result is what one in-process run of the command line produced.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs ecdash in-process with args, an environment made only of vars (the
// real environment is never read) and captured output.
type cli struct {
	vars       map[string]string
	httpClient *http.Client
}

func (c cli) run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	e := c.env(&out, &errOut)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := run(ctx, e, args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func (c cli) env(stdout, stderr interface{ Write([]byte) (int, error) }) *env {
	vars := c.vars
	if vars == nil {
		vars = map[string]string{}
	}
	if _, ok := vars["HOME"]; !ok {
		// Keep the developer's own config file out of tests.
		vars["HOME"] = "/nonexistent-ecdash-test-home"
	}
	return &env{
		stdin:      strings.NewReader(""),
		stdout:     stdout,
		stderr:     stderr,
		getenv:     func(k string) string { return vars[k] },
		now:        func() time.Time { return fixedNow },
		loc:        time.UTC,
		httpClient: c.httpClient,
	}
}

// mustSucceed fails the test unless the run exited 0 with nothing on stderr.
func (r result) mustSucceed(t *testing.T) result {
	t.Helper()
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", r.code, r.stderr, r.stdout)
	}
	return r
}

// mustFail checks the failure contract: exit 1 and exactly one line on
// stderr, "ecdash: ...", containing each of want and none of forbidden.
func (r result) mustFail(t *testing.T, want []string, forbidden ...string) {
	t.Helper()
	r.mustExit(t, exitError, want, forbidden...)
}

// mustExit is mustFail for a given exit code (exitUsage for a mistake in the
// command line).
func (r result) mustExit(t *testing.T, code int, want []string, forbidden ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "ecdash: ") || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Fatalf("stderr is not one line starting with \"ecdash: \":\n%q", r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q does not contain %q", r.stderr, w)
		}
	}
	for _, f := range forbidden {
		if strings.Contains(r.stderr+r.stdout, f) {
			t.Errorf("output reveals %q: %q", f, r.stderr)
		}
	}
}

// tableRows splits a table into rows of whitespace-separated fields (fine for
// columns without spaces), header first.
func tableLines(s string) []string {
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}

// lockedBuffer is an io.Writer safe to read while a command still writes to
// it; changed is signalled after each write.
type lockedBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newLockedBuffer() *lockedBuffer { return &lockedBuffer{changed: make(chan struct{}, 1)} }

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	select {
	case b.changed <- struct{}{}:
	default:
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor blocks until the buffer contains s; the timeout only keeps a broken
// command from hanging the test run.
func (b *lockedBuffer) waitFor(t *testing.T, s string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		if out := b.String(); strings.Contains(out, s) {
			return out
		}
		select {
		case <-b.changed:
		case <-deadline:
			t.Fatalf("output never contained %q:\n%s", s, b.String())
		}
	}
}
