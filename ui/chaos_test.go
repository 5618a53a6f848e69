package ui

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/sandbox"
)

// TestChaos runs the dashboard against the sandbox behind the same fault
// injection as ecdash sandbox --chaos 0.3 (500s, 429s, slow answers,
// dropped connections, truncated and malformed JSON), then lets the API
// recover, and checks what an operator relies on: every key is answered,
// no write is sent twice, a failed edit keeps its input, the status bar
// never claims ok while lists fail, and says ok within one poll of the
// recovery, with the dashboard's data equal to the API's.
func TestChaos(t *testing.T) {
	w := newWalker(t, nil)
	w.api.chaos(0.3, 42)
	rng := rand.New(rand.NewPCG(42, 1))
	tabs := []string{"1", "2", "3", "4", "5"}
	nav := []string{"j", "k", "enter", "esc", "G", "g", "s", "r", "v", "esc"}
	for i := range 400 {
		switch rng.IntN(4) {
		case 0:
			k := tabs[rng.IntN(len(tabs))]
			w.deliver("key "+k, keyMsg(k))
			if want := state.Kind(k[0] - '1'); w.m.mode == modeNormal && !w.m.activeTab().Capturing() && w.m.active != want {
				t.Fatalf("step %d: key %s left tab %v active", i, k, w.m.active)
			}
		case 1:
			k := nav[rng.IntN(len(nav))]
			w.deliver("key "+k, keyMsg(k))
		case 2:
			w.fireTimer(rng.IntN(8))
		default:
			w.settle()
		}
		w.checkStatusTruth(t)
	}
	w.settle()

	// A write that fails keeps the form and what was typed, and is sent once.
	w.api.chaos(0, 0)
	w.deliver("key esc", keyMsg("esc"))
	w.deliver("key 2", keyMsg("2"))
	w.deliver("key n", keyMsg("n"))
	fill := []struct{ keys, text string }{{"", "user-chaos"}, {"tab", "chaos-ev-1"}, {"tab", "Volvo"}, {"tab", "EX30"}}
	for _, f := range fill {
		if f.keys != "" {
			w.deliver("key "+f.keys, keyMsg(f.keys))
		}
		w.deliver("text "+f.text, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(f.text), Paste: true})
	}
	for _, fault := range []sandbox.Fault{sandbox.FaultServerError, sandbox.FaultTruncated, sandbox.FaultDrop, sandbox.FaultMalformed} {
		before := w.api.sentCount("POST", "/resources")
		w.api.spoilNext(fault)
		w.deliver("key ctrl+s", tea.KeyMsg{Type: tea.KeyCtrlS})
		w.settle()
		if got := w.api.sentCount("POST", "/resources") - before; got != 1 {
			t.Fatalf("%v: one ctrl+s sent %d POSTs", fault, got)
		}
		if !w.m.activeTab().InScreen() {
			t.Fatalf("%v: the form closed after a failed save", fault)
		}
		view := w.m.View()
		for _, typed := range []string{"user-chaos", "chaos-ev-1", "Volvo", "EX30"} {
			if !strings.Contains(view, typed) {
				t.Fatalf("%v: the form lost %q after a failed save:\n%s", fault, typed, view)
			}
		}
		if fault == sandbox.FaultTruncated || fault == sandbox.FaultMalformed {
			break // the server did create it: a further ctrl+s is the operator's call (409)
		}
	}

	// An outage of 500s long enough that the retries back off beyond the
	// poll interval, then recovery: the clock runs on (timers fire in
	// order); within one poll interval the status bar says ok and the data
	// is the API's.
	w.deliver("key esc", keyMsg("esc"))
	w.api.spoilMany(sandbox.FaultServerError)
	for w.m.polls.Of(state.Reports).Failures < 6 || w.m.polls.Of(state.Subscriptions).Failures < 6 {
		w.fireNext()
		w.settle()
		w.checkStatusTruth(t)
	}
	if st, _ := w.m.connection(); st != state.ConnRetrying {
		t.Fatalf("during the outage the state is %v: %s", st, w.m.statusBar())
	}
	w.api.chaos(0, 0)
	recovered := w.clock.Now()
	for st, _ := w.m.connection(); st != state.ConnOK; st, _ = w.m.connection() {
		if len(w.timers) == 0 {
			t.Fatalf("state %v and no timer left: %s", st, w.m.statusBar())
		}
		w.fireNext()
		w.settle()
		if waited := w.clock.Now().Sub(recovered); waited > w.opts.PollInterval {
			t.Fatalf("still %v %v after the API recovered: %s", st, waited, w.m.statusBar())
		}
	}
	if bar := w.m.statusBar(); !strings.Contains(bar, "● ok") {
		t.Errorf("status bar after recovery: %q", bar)
	}
	for _, k := range state.Polled { // the next poll of each list, then compare
		w.run(w.m.refreshNow(k))
	}
	w.settle()
	w.requireSameAsAPI(t)
}

// checkStatusTruth: the status bar says ok only when no list is failing,
// and names the trouble otherwise.
func (w *walker) checkStatusTruth(t *testing.T) {
	t.Helper()
	failing := 0
	for _, k := range state.Polled {
		if w.m.polls.Of(k).LastErr != nil {
			failing++
		}
	}
	st, _ := w.m.connection()
	if (failing > 0) == (st == state.ConnOK) {
		t.Fatalf("%d lists failing but the state is %v: %s", failing, st, w.m.statusBar())
	}
}

// requireSameAsAPI compares the dashboard's lists with the API's own.
func (w *walker) requireSameAsAPI(t *testing.T) {
	t.Helper()
	api := w.opts.API
	ctx := context.Background()
	evs, err := api.ListEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := api.ListResources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := api.ListSubscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, a, b []string) {
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%s: the dashboard holds %v, the API %v", what, a, b)
		}
	}
	// The cache keeps no raw JSON of the big lists: compare what was decoded.
	same("events", jsonOf(w.m.cache.Events()), jsonOf(evs))
	same("resources", jsonOf(w.m.cache.Resources()), jsonOf(res))
	same("subscriptions", jsonOf(w.m.cache.Subscriptions()), jsonOf(subs))
}

// jsonOf is each item encoded from its decoded fields.
func jsonOf[T any](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		b, _ := json.Marshal(it)
		out[i] = string(b)
	}
	return out
}
