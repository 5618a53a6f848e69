package list

import (
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// Tab is a list tab with editing. It wraps the shared list and draws its
// own screens (the form, the delete confirmation, the conflict diff) over
// it; the list's detail screens work as before.
type Editable[T any] struct {
	*List[T]
	spec   *EditSpec[T]
	ctx    *views.Context
	drafts *drafts.Store
	keys   tabKeys
	extra  keys.Map

	store   state.Store // the shell's store, as last synced
	items   func(state.Store) []T
	over    *overlay[T]
	sess    *session[T]
	confirm *pendingDelete[T]
	editor  *editorRun[T]
	ops     map[uint64]*op[T] // requests in flight, by id

	flash         string // a note for the line above the status bar
	width, height int
}

// New builds the tab. Drafts are kept under ctx.StateDir/drafts (none
// when StateDir is empty).
func NewEditable[T any](spec EditSpec[T], ctx *views.Context) *Editable[T] {
	t := &Editable[T]{spec: &spec, ctx: ctx, ops: map[uint64]*op[T]{}}
	if ctx.StateDir != "" {
		t.drafts = drafts.New(filepath.Join(ctx.StateDir, "drafts"))
	}
	t.over = &overlay[T]{key: spec.List.Key, same: t.same}
	t.items = spec.List.Items
	listSpec := spec.List
	listSpec.Items = func(s state.Store) []T { return t.over.apply(t.items(s)) }
	t.List = New(listSpec, ctx)
	t.keys = newTabKeys(spec.Noun, spec.Editor != nil, ctx.ReadOnly)
	for _, a := range spec.Extra {
		t.extra = append(t.extra, a.Binding.ForMode(ctx.ReadOnly))
	}
	return t
}

// same compares two objects on what the form edits.
func (t *Editable[T]) same(a, b T) bool {
	names := form.EditableNames(t.spec.Fields(t.ctx, &a))
	return form.Equal(t.spec.Values(t.ctx, &a), t.spec.Values(t.ctx, &b), names)
}

// SetSize sets the content area for the list and every open screen.
func (t *Editable[T]) SetSize(w, h int) {
	t.width, t.height = w, h
	t.List.SetSize(w, h)
	if t.sess != nil {
		t.sess.setSize(w, h)
	}
	if t.confirm != nil {
		t.confirm.dlg.SetSize(w, h)
	}
}

// SetTheme restyles the list and every open screen.
func (t *Editable[T]) SetTheme(th *themes.Theme) {
	t.List.SetTheme(th)
	if t.sess != nil {
		t.sess.setTheme(th)
	}
	if t.confirm != nil {
		t.confirm.dlg.SetTheme(th)
	}
}

// Sync drops the changes the store now shows and rebuilds the list.
func (t *Editable[T]) Sync(store state.Store) {
	t.store = store
	t.over.settle(t.items(store), t.ctx.Now())
	t.resync()
}

// resync rebuilds the rows from the last store with the overlay applied.
func (t *Editable[T]) resync() {
	if t.store == nil {
		return
	}
	t.List.Sync(markedStore[T]{Store: t.store, kind: t.spec.List.Kind, over: t.over})
}

// Tick keeps the draft of an open form current and lets confirmed changes
// the list never caught up with fade.
func (t *Editable[T]) Tick() tea.Cmd {
	if t.store != nil && t.over.settle(t.items(t.store), t.ctx.Now()) {
		t.resync()
	}
	cmd := t.List.Tick()
	t.autosave()
	return cmd
}

// Update routes answers to the requests this tab made, keys to the open
// screen, and editing keys on the list; the rest goes to the list.
func (t *Editable[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case views.Result[T]:
		if o, ok := t.ops[msg.ID]; ok {
			delete(t.ops, msg.ID)
			return t.onResult(o, msg)
		}
		return t.List.Update(msg)
	case editorDoneMsg:
		if msg.owner == t.spec.List.Kind {
			return t.onEditorDone(msg)
		}
		return nil
	case tea.KeyMsg:
		t.flash = ""
		switch {
		case t.confirm != nil:
			return t.answerDelete(msg)
		case t.sess != nil:
			return t.sessionKey(msg)
		case !t.List.Capturing():
			// On the list and on an object's detail (which shows the
			// object under the list's cursor).
			if cmd, ok := t.listKey(msg); ok {
				return cmd
			}
		}
		return t.List.Update(msg)
	}
	if t.sess != nil && t.sess.phase == phaseEditing {
		_, cmd := t.sess.form.Update(msg) // a paste
		return cmd
	}
	return t.List.Update(msg)
}

// listKey runs an editing key pressed on the list.
func (t *Editable[T]) listKey(k tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case t.keys.New.Matches(k):
		return t.openForm(nil, true), true
	case t.keys.Edit.Matches(k):
		return t.withSelected(func(it T) tea.Cmd { return t.openForm(&it, true) }), true
	case t.keys.EditJSON.Matches(k):
		return t.withSelected(t.startEditor), true
	case t.keys.Delete.Matches(k):
		return t.withSelected(t.askDelete), true
	}
	for i, b := range t.extra {
		if b.Matches(k) {
			return t.spec.Extra[i].Run(), true
		}
	}
	return nil, false
}

func (t *Editable[T]) withSelected(f func(T) tea.Cmd) tea.Cmd {
	it, ok := t.List.Selected()
	if !ok {
		t.flash = "no " + t.spec.Noun + " selected"
		return nil
	}
	return f(it)
}

// View draws the open screen, else the list.
func (t *Editable[T]) View() string {
	switch {
	case t.confirm != nil:
		return t.confirm.dlg.View()
	case t.sess != nil:
		return t.sess.view()
	}
	return t.List.View()
}

// KeyMap lists the keys of what is shown: the open screen's, else the
// list's with the editing keys (disabled ones are left out of help).
func (t *Editable[T]) KeyMap() keys.Map {
	switch {
	case t.confirm != nil:
		return t.confirm.dlg.KeyMap()
	case t.sess != nil:
		return t.sess.keyMap()
	}
	out := append(t.List.KeyMap(), t.keys.list()...)
	return append(out, t.extra...)
}

// InScreen is true while a form, dialog or detail is open.
func (t *Editable[T]) InScreen() bool {
	return t.confirm != nil || t.sess != nil || t.List.InScreen()
}

// Capturing is true while a form or dialog is open: it answers every key
// (the form types text; a dialog takes any key as No).
func (t *Editable[T]) Capturing() bool {
	return t.confirm != nil || t.sess != nil || t.List.Capturing()
}

// Hint is the last editing note, else the list's.
func (t *Editable[T]) Hint() string {
	if t.flash != "" && !t.InScreen() {
		return t.flash
	}
	return t.List.Hint()
}
