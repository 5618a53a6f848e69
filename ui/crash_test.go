package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// panickyAPI is the sandbox, except that creating a resource panics (in
// the command's goroutine, as a bug in the client would).
type panickyAPI struct{ client.API }

func (panickyAPI) CreateResource(context.Context, client.ResourceRequest) (client.Resource, error) {
	panic("bug in CreateResource for " + testToken)
}

// A panic does not lose the operator's work: the program quits cleanly
// (Bubble Tea restores the terminal), the open form's draft is kept, and
// the error names a crash report with the stack and version and no secret.
func TestCrashKeepsDraftsAndWritesAReport(t *testing.T) {
	srv := newSandbox(t)
	state := t.TempDir()
	opts := testOptions(panickyAPI{newClient(t, srv.URL, testToken, nil)})
	opts.StateDir = state
	opts.Version = "v9.9.9-test"
	opts.Redact = func(s string) string { return strings.ReplaceAll(s, testToken, "[token]") }
	in, typed := io.Pipe()
	opts.Input, opts.Output = in, io.Discard
	go func() {
		// Resources, a new vehicle with two fields typed, then ctrl+s.
		io.WriteString(typed, "2")
		io.WriteString(typed, "n")
		io.WriteString(typed, "user-crash\tdraft-res-1")
		io.WriteString(typed, "\x13")
	}()
	err := runWithin(t, opts)
	var c *Crash
	if !errors.As(err, &c) {
		t.Fatalf("Run returned %v, want a *Crash", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "bug in CreateResource for [token]") || strings.Contains(msg, testToken) {
		t.Errorf("the message does not name the panic, or reveals the token: %s", msg)
	}
	if c.Report == "" || !strings.HasPrefix(c.Report, state) || !strings.Contains(msg, c.Report) {
		t.Fatalf("no report in the state directory: %s", msg)
	}
	report, err := os.ReadFile(c.Report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"version: v9.9.9-test", "panic: bug in CreateResource for [token]", "goroutine", "CreateResource"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(string(report), testToken) {
		t.Error("the report reveals the token")
	}
	if fi, err := os.Stat(c.Report); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v (%v), want 0600", fi.Mode(), err)
	}
	drafts, _ := filepath.Glob(filepath.Join(state, "drafts", "*.json"))
	found := false
	for _, d := range drafts {
		b, _ := os.ReadFile(d)
		found = found || strings.Contains(string(b), "draft-res-1")
	}
	if !found {
		t.Errorf("the open form's draft was not kept (drafts: %v)", drafts)
	}
}

// runWithin runs the dashboard and fails the test if it does not end
// within waitLimit (a hang guard).
func runWithin(t *testing.T, opts Options) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := Run(ctx, opts)
	if ctx.Err() != nil {
		t.Fatal("the dashboard did not stop by itself after the panic")
	}
	return err
}

// panicTab is a tab whose Update or View panics.
type panicTab struct {
	views.Tab
	inView bool
}

func (p panicTab) Update(msg tea.Msg) tea.Cmd {
	if !p.inView {
		panic("update bug")
	}
	return p.Tab.Update(msg)
}

func (p panicTab) View() string {
	if p.inView {
		panic("view bug")
	}
	return p.Tab.View()
}

func TestCrashGuardCatchesUpdateAndView(t *testing.T) {
	for _, inView := range []bool{false, true} {
		m := newTestModelWithEvents(t)
		m.opts.StateDir = t.TempDir()
		m.tabs[state.Events] = panicTab{m.tabs[state.Events], inView}
		quit := false
		g := &crashGuard{m: m, quit: func() { quit = true }}
		_, cmd := g.Update(keyMsg("j"))
		view := g.View()
		if g.crash == nil {
			t.Fatalf("inView=%v: no crash recorded", inView)
		}
		if inView && !quit {
			t.Error("a panic in View did not end the program")
		}
		if !inView {
			if cmd == nil {
				t.Fatal("a panic in Update did not end the program")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Error("a panic in Update did not end the program")
			}
		}
		if !strings.Contains(view, "internal error") {
			t.Errorf("inView=%v: the screen says %q", inView, view)
		}
		if b, err := os.ReadFile(g.crash.Report); err != nil || !strings.Contains(string(b), map[bool]string{false: "update bug", true: "view bug"}[inView]) {
			t.Errorf("inView=%v: report %v", inView, err)
		}
	}
}
