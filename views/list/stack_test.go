package list

import (
	"errors"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
)

// recorder is a screen that says what the stack did to it.
type recorder struct {
	name              string
	opened, closed    int
	owns              uint64
	got               []tea.Msg
	capture, draftErr bool
}

func (r *recorder) Title() string              { return r.name }
func (r *recorder) SetSize(int, int)           {}
func (r *recorder) SetTheme(*themes.Theme)     {}
func (r *recorder) View() string               { return "screen " + r.name }
func (r *recorder) KeyMap() keys.Map           { return nil }
func (r *recorder) Capturing() bool            { return r.capture }
func (r *recorder) Owns(id uint64) bool        { return id == r.owns }
func (r *recorder) Update(msg tea.Msg) tea.Cmd { r.got = append(r.got, msg); return nil }
func (r *recorder) Close()                     { r.closed++ }
func (r *recorder) Open() tea.Cmd {
	r.opened++
	return func() tea.Msg { return "started " + r.name }
}

func (r *recorder) KeepDrafts() error {
	if r.draftErr {
		return errors.New(r.name + " could not keep its draft")
	}
	return nil
}

// The stack is how every tab opens screens: Push starts a screen, Pop and
// esc close it, answers reach the screen that asked even under another,
// and drafts are kept for every screen on it.
func TestTheStack(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}}, loaded: true}
	l, _ := newList(t, st)
	a, b := &recorder{name: "a", owns: 7, draftErr: true}, &recorder{name: "b", owns: 8}
	cmd := l.Push(a)
	if a.opened != 1 || cmd == nil || cmd() != "started a" {
		t.Fatalf("Push did not start the screen (opened %d)", a.opened)
	}
	l.Push(b)
	if l.Top() != b || l.View() != "screen b" || !l.InScreen() {
		t.Fatalf("the top screen is not b: %q", l.View())
	}

	l.Update(views.Result[int]{ID: 7, Value: 1}) // a asked, though b is on top
	l.Update(views.Result[int]{ID: 9})           // nobody asked: dropped
	if len(a.got) != 1 || len(b.got) != 0 {
		t.Errorf("answers reached a %d times, b %d times; want a once", len(a.got), len(b.got))
	}
	if err := l.KeepDrafts(); err == nil || err.Error() != "a could not keep its draft" {
		t.Errorf("KeepDrafts = %v: every screen keeps its draft, errors joined", err)
	}

	b.capture = true
	l.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if b.closed != 0 || len(b.got) != 1 {
		t.Fatal("esc popped a capturing screen instead of giving it the key")
	}
	b.capture = false
	l.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if b.closed != 1 || l.Top() != a {
		t.Fatalf("esc did not pop b (closed %d)", b.closed)
	}
	l.Remove(a)
	if a.closed != 1 || l.InScreen() {
		t.Fatal("Remove did not close a")
	}
	l.Update(views.Result[int]{ID: 7})
	if len(a.got) != 1 {
		t.Error("a closed screen still got an answer")
	}
}

// The list's Open pushes the spec's screen through the same stack.
func TestOpenPushesTheSpecScreen(t *testing.T) {
	st := &store{items: []item{{"a", "alpha"}}, loaded: true}
	l, _ := newList(t, st)
	r := &recorder{name: "a"}
	l.spec.Open = func(it item, _ *views.Context) views.Screen { r.name = it.id; return r }
	if cmd := l.Update(press("enter")); cmd == nil || r.opened != 1 {
		t.Fatalf("enter did not push and start the screen (opened %d)", r.opened)
	}
	l.Update(views.CloseScreenMsg{})
	if r.closed != 1 || l.InScreen() {
		t.Error("CloseScreenMsg did not pop and close it")
	}
}

// OpenKey opens an item whose row the steps have not made yet (a large
// list builds its rows 400 at a time), closing the screens over the list;
// with a screen that holds input open it changes nothing.
func TestOpenKeyMakesAMissingRowAndKeepsInput(t *testing.T) {
	st := &steadyStore{store{loaded: true}}
	for i := range 3 * RowsPerStep {
		st.items = append(st.items, item{id: fmt.Sprintf("e%05d", i), name: "n"})
	}
	l, _ := newList(t, &st.store)
	l.Sync(st)
	if !l.Pending() {
		t.Fatal("want rows still pending")
	}
	last := st.items[len(st.items)-1].id // in the store, no row yet

	form := &recorder{name: "form", capture: true}
	l.Push(form)
	if cmd, ok := l.OpenKey(last); ok || cmd != nil || form.closed != 0 || l.Top() != form {
		t.Fatalf("with a form open, OpenKey acted (ok %v) or closed it (%d)", ok, form.closed)
	}
	l.Pop()

	scr := &recorder{name: "dispatch"}
	l.Push(scr)
	if _, ok := l.OpenKey(last); !ok || scr.closed != 1 {
		t.Fatalf("OpenKey(%s) = %v; the screen over the list closed %d times", last, ok, scr.closed)
	}
	if sel, ok := l.Selected(); !ok || sel.id != last || !l.InScreen() {
		t.Fatalf("selected %+v (%v), in screen %v; want %s opened", sel, ok, l.InScreen(), last)
	}
}
