package list

import (
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// Editable is a list tab with editing: new, edit (in a form or as JSON in
// $EDITOR) and delete, each change shown in the list at once and rolled
// back if the server refuses it. Its form and its delete confirmation are
// screens on the list's one stack, like an item's detail.
type Editable[T any] struct {
	*List[T]
	spec   *EditSpec[T]
	ctx    *views.Context
	drafts *drafts.Store
	keys   tabKeys
	extra  keys.Map

	store  state.Store // the shell's store, as last synced
	items  func(state.Store) []T
	over   *overlay[T]
	sess   *session[T] // the open form (its screen is on the stack); nil: none
	editor *editorRun[T]
	ops    map[uint64]*op[T] // requests in flight, by id

	flash string // a note for the line above the status bar
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
	storeLookup := spec.List.Lookup
	listSpec.Lookup = func(s state.Store, key string) (T, bool) {
		if it, shown, decided := t.over.lookup(key); decided {
			return it, shown
		}
		if storeLookup != nil {
			return storeLookup(s, key)
		}
		return lookupIn(s, spec.List.Kind, t.items(s), spec.List.Key, key)
	}
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

// Sync drops the changes the store now shows and rebuilds the list.
func (t *Editable[T]) Sync(store state.Store) {
	t.store = store
	t.over.settle(t.items(store), t.ctx.Now())
	t.resync()
}

// resync lets the rows follow the store and the overlay's changes.
func (t *Editable[T]) resync() {
	if t.store == nil {
		return
	}
	t.List.Refresh(t.over.take()...)
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

// Update routes answers to the requests this tab made, and editing keys
// pressed on the list or an object's detail; the rest goes to the list and
// its screens (an open form takes every key).
func (t *Editable[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case views.Result[T]:
		if o, ok := t.ops[msg.ID]; ok {
			delete(t.ops, msg.ID)
			return t.onResult(o, msg)
		}
	case editorDoneMsg:
		if msg.owner == t.spec.List.Kind {
			return t.onEditorDone(msg)
		}
		return nil
	case tea.KeyMsg:
		t.flash = ""
		if !t.List.Capturing() {
			// On the list and on an object's detail (which shows the
			// object under the list's cursor).
			if cmd, ok := t.listKey(msg); ok {
				return cmd
			}
		}
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

// KeyMap lists the keys of what is shown: the open screen's, else the
// list's with the editing keys (disabled ones are left out of help).
func (t *Editable[T]) KeyMap() keys.Map {
	if t.List.InScreen() {
		return t.List.KeyMap()
	}
	out := append(t.List.KeyMap(), t.keys.list()...)
	return append(out, t.extra...)
}

// Hint is the last editing note, else the list's.
func (t *Editable[T]) Hint() string {
	if t.flash != "" && !t.InScreen() {
		return t.flash
	}
	return t.List.Hint()
}
