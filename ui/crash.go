package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// crashGuard wraps the root model for tea.Program: a panic in Update, View
// or a command does not kill the dashboard with the terminal in raw mode.
// Instead the open forms keep their drafts (as esc would), a crash report
// is written, and the program quits normally, which restores the terminal;
// Run then returns an error that says where the report is.
type crashGuard struct {
	m    *Model
	quit func() // ends the program from outside its loop (View cannot return a command)

	once  sync.Once
	crash *Crash
}

// Crash is what Run returns after a panic was caught.
type Crash struct {
	Value  string // the panic, one line, secrets masked
	Report string // the crash report's path ("" when it could not be written)
	Drafts string // what happened to open drafts
}

func (c *Crash) Error() string {
	msg := "the dashboard stopped after an internal error (" + c.Value + "); " + c.Drafts
	if c.Report != "" {
		return msg + "; a crash report (stack and version, no secrets) is in " + c.Report + ": please attach it to a bug report"
	}
	return msg + "; the crash report could not be written"
}

// crashMsg carries a panic caught in a command's goroutine to Update.
type crashMsg struct {
	value any
	stack []byte
}

func (g *crashGuard) Init() tea.Cmd { return g.wrap(g.m.Init()) }

func (g *crashGuard) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	if c, ok := msg.(crashMsg); ok {
		g.caught(c.value, c.stack, "a command")
		return g, tea.Quit
	}
	if g.crash != nil {
		return g, nil // quitting
	}
	defer func() {
		if r := recover(); r != nil {
			g.caught(r, debug.Stack(), fmt.Sprintf("Update(%T)", msg))
			model, cmd = g, tea.Quit
		}
	}()
	_, cmd = g.m.Update(msg)
	return g, g.wrap(cmd)
}

func (g *crashGuard) View() (view string) {
	if g.crash != nil {
		return "ecdash stopped after an internal error; see the message below.\n"
	}
	defer func() {
		if r := recover(); r != nil {
			g.caught(r, debug.Stack(), "View")
			if g.quit != nil {
				g.quit()
			}
			view = "ecdash stopped after an internal error; see the message below.\n"
		}
	}()
	return g.m.View()
}

// wrap makes a command's panic come back as a crashMsg, batches included.
func (g *crashGuard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = crashMsg{r, debug.Stack()}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for i, c := range batch {
				batch[i] = g.wrap(c)
			}
		}
		return msg
	}
}

// caught handles the first panic: drafts first (the operator's work), then
// the report. A panic while doing so is left to Bubble Tea, which restores
// the terminal too.
func (g *crashGuard) caught(value any, stack []byte, where string) {
	g.once.Do(func() {
		c := &Crash{Value: g.m.redact(oneLine(fmt.Sprint(value))), Drafts: "open forms kept their drafts"}
		if err := g.m.keepDrafts(); err != nil {
			c.Drafts = "open drafts could not all be kept: " + g.m.redact(oneLine(err.Error()))
		}
		report := crashReport(g.m.opts.Version, where, c.Value, stack, time.Now())
		path, err := writeCrashReport(g.m.opts.StateDir, report)
		if err == nil {
			c.Report = path
		}
		g.crash = c
		g.m.cancel()
	})
}

// crashReport is the report's text: what a maintainer needs and nothing of
// the operator's data (the stack holds function names and addresses only).
func crashReport(version, where, value string, stack []byte, at time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ecdash crash report\n\nversion: %s\ngo: %s %s/%s\ntime: %s\nin: %s\npanic: %s\n\n%s",
		version, runtime.Version(), runtime.GOOS, runtime.GOARCH, at.UTC().Format(time.RFC3339), where, value, stack)
	return b.String()
}

// writeCrashReport writes the report into dir (the profile's state
// directory), or the system's temporary directory when there is none or it
// cannot be written; mode 0600.
func writeCrashReport(dir, report string) (string, error) {
	name := "ecdash-crash-" + time.Now().UTC().Format("20060102-150405") + ".txt"
	var errs []error
	for _, d := range []string{dir, os.TempDir()} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o700); err != nil {
			errs = append(errs, err)
			continue
		}
		f, err := os.CreateTemp(d, strings.TrimSuffix(name, ".txt")+"-*.txt")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_, err = f.WriteString(report)
		if err = errors.Join(err, f.Close()); err != nil {
			errs = append(errs, err)
			continue
		}
		return filepath.Clean(f.Name()), nil
	}
	return "", errors.Join(errs...)
}
