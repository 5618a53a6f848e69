// Package listtest drives an editing tab against an API in tests, one
// message at a time: its Backend runs each request in place once the
// command that carries it is run, its Store (the real state.Cache) is
// loaded from the API, and a
// refresh request reloads it. Nothing waits on a clock.
package listtest

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
)

// Harness holds a tab, its context and what it asked for.
type Harness struct {
	T     testing.TB
	API   client.API
	Ctx   *views.Context
	Tab   views.Tab
	Store *state.Cache // loaded from the API by Reload
	// Requests lists every request the tab made, in order.
	Requests []views.Request
	// Unknown counts messages the harness could not deliver (an editor
	// exec, which only a real program can run).
	Unknown int

	lastID uint64
	queue  []tea.Cmd
}

// New builds ctx for api (fixed clock now, UTC) and the tab with build.
// readOnly makes the Backend refuse mutating requests, as the shell does.
func New(t testing.TB, api client.API, now time.Time, stateDir string, readOnly bool, build func(*views.Context) views.Tab) *Harness {
	h := &Harness{T: t, API: api, Store: state.NewCache()}
	h.Ctx = &views.Context{
		Theme: themes.Default(), Now: func() time.Time { return now }, Location: time.UTC,
		ReadOnly: readOnly, Backend: backend{h}, StateDir: stateDir,
	}
	h.Tab = build(h.Ctx)
	h.Tab.SetSize(120, 33)
	h.Reload()
	return h
}

// Reload fetches the lists and syncs the tab, as a poll would.
func (h *Harness) Reload() {
	h.T.Helper()
	ctx, now := context.Background(), h.Ctx.Now()
	res, err := h.API.ListResources(ctx)
	if err != nil {
		h.T.Fatalf("ListResources: %v", err)
	}
	subs, err := h.API.ListSubscriptions(ctx)
	if err != nil {
		h.T.Fatalf("ListSubscriptions: %v", err)
	}
	h.Store.Apply(state.Resources, res, now)
	h.Store.Apply(state.Subscriptions, subs, now)
	h.Tab.Sync(h.Store)
}

type backend struct{ h *Harness }

// errReadOnly is the shell's refusal of a mutating request in read-only mode.
var errReadOnly = errors.New("refused: the dashboard is read-only (--readonly)")

// Call stamps the request and returns the command that runs it.
func (b backend) Call(req views.Request) (uint64, tea.Cmd) {
	h := b.h
	h.lastID++
	id := h.lastID
	h.Requests = append(h.Requests, req)
	if req.Mutating && h.Ctx.ReadOnly {
		h.T.Errorf("a mutating request (%s) was made in read-only mode", req.Op)
		return id, func() tea.Msg { return req.Answer(id, nil, errReadOnly) }
	}
	return id, func() tea.Msg {
		v, err := req.Run(context.Background(), h.API)
		return req.Answer(id, v, err)
	}
}

// Send delivers msg to the tab and queues the command it returns.
func (h *Harness) Send(msg tea.Msg) *Harness {
	h.queue = append(h.queue, h.Tab.Update(msg))
	return h
}

// Press sends keys by name ("enter", "esc", "ctrl+s", "tab", "n", ...).
func (h *Harness) Press(names ...string) *Harness {
	for _, n := range names {
		h.Send(Key(n))
	}
	return h
}

// Type sends each rune of s as a key.
func (h *Harness) Type(s string) *Harness {
	for _, r := range s {
		h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return h
}

// Settle runs every queued command and delivers what it produces, until
// nothing is left: requests run against the API, refreshes reload the store.
func (h *Harness) Settle() *Harness {
	for len(h.queue) > 0 {
		cmd := h.queue[0]
		h.queue = h.queue[1:]
		if cmd == nil {
			continue
		}
		h.deliver(cmd())
	}
	return h
}

// Drop forgets the queued commands (requests that never answer).
func (h *Harness) Drop() *Harness { h.queue = nil; return h }

// Queued returns the commands waiting to run, and forgets them: a test
// runs them itself to look at the tab in between.
func (h *Harness) Queued() []tea.Cmd {
	q := h.queue
	h.queue = nil
	return q
}

func (h *Harness) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		h.queue = append(h.queue, msg...)
	case views.RefreshMsg:
		h.Reload()
	case views.Answer:
		h.Send(msg)
	default:
		h.Unknown++
	}
}

// Ops lists the Op of every request made, with "!" before mutating ones.
func (h *Harness) Ops() []string {
	out := make([]string, len(h.Requests))
	for i, r := range h.Requests {
		out[i] = r.Op
		if r.Mutating {
			out[i] = "!" + r.Op
		}
	}
	return out
}

// Key is the key message for a name.
func Key(n string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "ctrl+s": tea.KeyCtrlS, "ctrl+r": tea.KeyCtrlR,
		"ctrl+y": tea.KeyCtrlY, "ctrl+g": tea.KeyCtrlG, "ctrl+u": tea.KeyCtrlU, "ctrl+c": tea.KeyCtrlC,
	}
	if n == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if t, ok := types[n]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
}
