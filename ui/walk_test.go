package ui

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/sandbox"
)

// A walker drives the root model the way tea.Program would, but every step
// is chosen by a byte string (a fuzz input, or a seeded random walk):
// keys, mouse events, window sizes, the commands the model returned (run in
// any order, or dropped), its timers (fired on a fake clock), faults and
// hostile answers from the API, and live-feed batches. After every message
// it checks what must always hold: no panic, and a View that fits the size
// it was given. Everything runs on the test's goroutine against an
// in-process sandbox, so a byte string replays the same walk.
type walker struct {
	t       testing.TB
	opts    Options
	m       *Model
	clock   *walkClock
	api     *walkTransport
	feed    *walkFeed
	in      []byte
	pos     int
	pending []tea.Cmd
	timers  []walkTimer
	width   int
	height  int
	quits   int
	trace   []string
}

// walkMaxPending bounds the commands kept waiting; older ones are dropped,
// as a slow network drops answers that come too late to matter.
const walkMaxPending = 64

func newWalker(t testing.TB, in []byte) *walker {
	t.Helper()
	clock := &walkClock{now: testNow}
	sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: testSeed, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	w := &walker{t: t, clock: clock, in: in, width: testWidth, height: testHeight}
	w.api = &walkTransport{next: sb.Handler()}
	w.api.handler = sandbox.Chaos(w.api.next, sandbox.ChaosOptions{Pick: w.api.pick})
	c, err := client.New(client.Options{
		BaseURL:        "http://sandbox.walk",
		Token:          testToken,
		HTTPClient:     &http.Client{Transport: w.api},
		RequestTimeout: 5 * time.Second,
		MaxAttempts:    2,
		Sleep:          func(context.Context, time.Duration) error { return nil },
		Now:            clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rec, err := sentreports.Open(filepath.Join(dir, "state"))
	if err != nil {
		t.Fatal(err)
	}
	w.feed = &walkFeed{}
	opts := testOptions(c)
	opts.Now = clock.Now
	opts.PollInterval = 15 * time.Second
	opts.After = w.after
	opts.Feed = w.feed
	opts.SentReports = rec
	opts.StateDir = filepath.Join(dir, "state")
	opts.Mouse = true
	opts.SelfSubscribe = &livefeed.SelfSubscription{PublicURL: "http://127.0.0.1:9/webhook", StateFile: filepath.Join(dir, "self.json")}
	opts.Clipboard = io.Discard
	opts.ExportDir = dir
	w.opts = opts
	w.start()
	return w
}

// start opens a dashboard on the walk's sandbox and state, as an operator
// starting ecdash would; after a quit, the next one finds the drafts the
// last one kept.
func (w *walker) start() {
	if w.m != nil {
		w.m.Shutdown()
	}
	w.m = New(w.opts)
	w.t.Cleanup(w.m.Shutdown)
	w.pending, w.timers = nil, nil
	w.deliver("start", tea.WindowSizeMsg{Width: w.width, Height: w.height})
	w.push(w.m.Init())
	w.settle()
}

// walk consumes the whole input, one step per op, then lets the model settle.
func (w *walker) walk(maxSteps int) {
	for i := 0; i < maxSteps && w.pos < len(w.in); i++ {
		w.step()
	}
	w.settle()
}

func (w *walker) byte() byte {
	if w.pos >= len(w.in) {
		return 0
	}
	b := w.in[w.pos]
	w.pos++
	return b
}

// step performs one op chosen by the next byte; keys are the most common.
func (w *walker) step() {
	switch op := w.byte() % 20; {
	case op < 9:
		k := walkKeys[int(w.byte())%len(walkKeys)]
		k.Runes = slices.Clone(k.Runes) // each key its own, as the terminal's are: a text input sanitizes them in place
		w.deliver("key "+k.String(), k)
	case op == 9:
		k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(walkTexts[int(w.byte())%len(walkTexts)]), Paste: w.byte()%2 == 0}
		w.deliver(fmt.Sprintf("text %q paste=%v", string(k.Runes), k.Paste), k)
	case op == 10:
		w.deliver("mouse", w.mouse())
	case op == 11:
		w.width, w.height = 1+int(w.byte())*300/256, 1+int(w.byte())*100/256
		w.deliver("resize", tea.WindowSizeMsg{Width: w.width, Height: w.height})
	case op == 12 || op == 13:
		w.runPending(int(w.byte()))
	case op == 14:
		w.dropPending(int(w.byte()))
	case op == 15:
		w.fireTimer(int(w.byte()))
	case op == 16:
		w.api.spoil(w.byte(), w.byte())
		w.trace = append(w.trace, "api "+w.api.String())
	case op == 17:
		w.deliver("feed batch", feedBatchMsg{batch: w.feedBatch()})
	case op == 18:
		w.settle()
	default:
		w.clock.advance(time.Duration(w.byte()) * time.Second)
		w.trace = append(w.trace, "clock "+w.clock.Now().Format(time.TimeOnly))
	}
}

// deliver runs one message through Update and checks the invariants.
func (w *walker) deliver(what string, msg tea.Msg) {
	w.t.Helper()
	w.trace = append(w.trace, what)
	var cmd tea.Cmd
	w.guard(what, func() { _, cmd = w.m.Update(msg) })
	w.push(cmd)
	w.checkView(what)
}

func (w *walker) checkView(what string) {
	w.t.Helper()
	var view string
	w.guard("View after "+what, func() { view = w.m.View() })
	if err := fits(view, w.width, w.height); err != nil {
		w.fail("View after %s at %dx%d: %v\n%s", what, w.width, w.height, err, view)
	}
}

// fits reports whether view has at most h lines of at most w cells.
func fits(view string, w, h int) error {
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		return fmt.Errorf("%d lines", len(lines))
	}
	for i, l := range lines {
		if len(l) <= w {
			continue // a cell takes at least one byte
		}
		if lw := ansi.StringWidth(l); lw > w {
			return fmt.Errorf("line %d is %d cells wide: %q", i, lw, l)
		}
	}
	return nil
}

func (w *walker) guard(what string, f func()) {
	w.t.Helper()
	defer func() {
		if r := recover(); r != nil {
			w.fail("panic in %s: %v\n%s", what, r, debug.Stack())
		}
	}()
	f()
}

func (w *walker) fail(format string, args ...any) {
	w.t.Helper()
	tail := w.trace[max(len(w.trace)-40, 0):]
	w.t.Fatalf(format+"\nlast steps of the walk:\n  %s", append(args, strings.Join(tail, "\n  "))...)
}

// push queues a command and, flattened, the batches it stands for.
func (w *walker) push(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	w.pending = append(w.pending, cmd)
	if len(w.pending) > walkMaxPending {
		w.pending = w.pending[len(w.pending)-walkMaxPending:]
	}
}

// runPending runs one queued command (chosen by i) and delivers its message.
func (w *walker) runPending(i int) {
	if len(w.pending) == 0 {
		return
	}
	i %= len(w.pending)
	cmd := w.pending[i]
	w.pending = append(w.pending[:i], w.pending[i+1:]...)
	w.run(cmd)
}

func (w *walker) dropPending(i int) {
	if len(w.pending) > 0 {
		i %= len(w.pending)
		w.pending = append(w.pending[:i], w.pending[i+1:]...)
		w.trace = append(w.trace, "drop a command")
	}
}

// settle runs queued commands until none is left (bounded: a command may
// queue others).
func (w *walker) settle() {
	for n := 0; len(w.pending) > 0 && n < 4*walkMaxPending; n++ {
		w.runPending(0)
	}
}

// run executes cmd as tea.Program would and delivers what it returns.
// Commands that wait on the wall clock or on the feed are not run: the
// walker fires timers itself and makes up the feed's batches.
func (w *walker) run(cmd tea.Cmd) {
	if name := funcName(cmd); strings.Contains(name, "cursor.") || strings.Contains(name, "awaitFeed") {
		return // the cursor's blink; the wait for the next feed batch
	}
	var msg tea.Msg
	w.guard("a command", func() { msg = cmd() })
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			w.push(c)
		}
	case walkTimer:
		w.timers = append(w.timers, msg)
	case tea.QuitMsg:
		w.quits++
		w.trace = append(w.trace, "quit")
		w.start()
	default:
		if isSequence(msg) {
			for _, c := range reflect.ValueOf(msg).Interface().([]tea.Cmd) {
				w.push(c)
			}
			return
		}
		w.deliver(fmt.Sprintf("%T", msg), msg)
	}
}

// isSequence tells tea.Sequence's unexported message.
func isSequence(msg tea.Msg) bool {
	_, ok := msg.([]tea.Cmd)
	return ok || reflect.TypeOf(msg).String() == "tea.sequenceMsg"
}

func funcName(f any) string {
	fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer())
	if fn == nil {
		return ""
	}
	return fn.Name()
}

// A walkTimer is a timer the model set (Options.After); the walker fires
// timers when the input says so, moving the clock to the timer's due time.
type walkTimer struct {
	due time.Time
	msg tea.Msg
}

func (w *walker) after(d time.Duration, msg tea.Msg) tea.Cmd {
	due := w.clock.Now().Add(d)
	return func() tea.Msg { return walkTimer{due: due, msg: msg} }
}

// fireNext fires the timer due first.
func (w *walker) fireNext() {
	if len(w.timers) == 0 {
		return
	}
	first := 0
	for i, tm := range w.timers {
		if tm.due.Before(w.timers[first].due) {
			first = i
		}
	}
	w.fireTimer(first)
}

func (w *walker) fireTimer(i int) {
	if len(w.timers) == 0 {
		return
	}
	i %= len(w.timers)
	tm := w.timers[i]
	w.timers = append(w.timers[:i], w.timers[i+1:]...)
	w.clock.advanceTo(tm.due)
	w.deliver(fmt.Sprintf("timer %T at %s", tm.msg, tm.due.Format(time.TimeOnly)), tm.msg)
}

func (w *walker) mouse() tea.MouseMsg {
	buttons := []tea.MouseButton{tea.MouseButtonLeft, tea.MouseButtonRight, tea.MouseButtonWheelUp, tea.MouseButtonWheelDown, tea.MouseButtonNone}
	actions := []tea.MouseAction{tea.MouseActionPress, tea.MouseActionRelease, tea.MouseActionMotion}
	return tea.MouseMsg{
		X: int(w.byte()) - 8, Y: int(w.byte())%(w.height+4) - 2,
		Button: buttons[int(w.byte())%len(buttons)], Action: actions[int(w.byte())%len(actions)],
	}
}
