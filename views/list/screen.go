package list

import (
	"encoding/json"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
	"github.com/ecdash/ecdash/views/components/keys"
)

// itemScreen is the standard detail screen for one item: it follows the item
// through refreshes (by key) and re-lays it out every second for live specs.
type itemScreen[T any] struct {
	spec   *Spec[T]
	ctx    *views.Context
	lookup func(state.Store, string) (T, bool)
	key    string
	item   T
	raw    json.RawMessage // the item's JSON as received: the lists keep none, a fetch brings it
	rawOf  T               // the copy raw was received with
	gone   bool            // the item disappeared from the list
	note   string          // a fetch problem, shown above the layout
	at     uint64          // the store's version of the kind last followed
	d      *detail.Model
}

func newItemScreen[T any](spec *Spec[T], ctx *views.Context, item T, lookup func(state.Store, string) (T, bool)) *itemScreen[T] {
	s := &itemScreen[T]{spec: spec, ctx: ctx, key: spec.Key(item), item: item, lookup: lookup}
	title, doc, raw := s.layout()
	s.raw, s.rawOf = raw, item
	s.d = detail.New(ctx.Theme, title, doc, raw)
	if len(raw) == 0 && spec.Get != nil && ctx.Backend != nil {
		s.d.SetNoRaw("fetching the raw JSON…")
	}
	return s
}

func (s *itemScreen[T]) layout() (string, detail.Doc, json.RawMessage) {
	title, doc, raw := s.spec.Detail(s.item, s.ctx)
	var top detail.Doc
	if s.gone {
		top.Text("⚠ the API no longer lists this object; shown as last seen", false)
	}
	if s.note != "" {
		top.Text("⚠ "+s.note, false)
	}
	return title, top.Append(doc), raw
}

func (s *itemScreen[T]) rebuild() {
	title, doc, raw := s.layout()
	if len(raw) == 0 {
		raw = s.raw
	}
	s.d.SetDoc(title, doc, raw)
}

// SetItem shows a fresher copy of the item (from a fetch).
func (s *itemScreen[T]) SetItem(item T) {
	s.item, s.gone, s.note = item, false, ""
	if _, _, raw := s.spec.Detail(item, s.ctx); len(raw) > 0 {
		s.raw, s.rawOf = raw, item
	}
	s.d.SetNoRaw("")
	s.rebuild()
}

// SetNote shows a one-line problem above the layout ("" clears it).
func (s *itemScreen[T]) SetNote(note string) {
	s.note = note
	s.d.SetNoRaw("")
	s.rebuild()
}

// Sync follows the item through a refresh of the list; the raw JSON
// received with a fetch stays while the list's copy says the same.
func (s *itemScreen[T]) Sync(store state.Store) {
	v := store.Version(s.spec.Kind)
	if v == s.at && v != 0 {
		return
	}
	s.at = v
	if it, ok := s.lookup(store, s.key); ok {
		s.item, s.gone = it, false
		if len(s.raw) > 0 && !sameJSON(it, s.rawOf) {
			s.raw = nil // the object changed since its raw JSON was received
		}
		s.rebuild()
		return
	}
	if store.Loaded(s.spec.Kind) && !s.gone {
		s.gone = true
		s.rebuild()
	}
}

// sameJSON reports whether a and b encode alike (the API's objects encode
// their fields, not their raw JSON).
func sameJSON[T any](a, b T) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

// Tick re-lays out live items (countdowns).
func (s *itemScreen[T]) Tick() tea.Cmd {
	if s.spec.Live {
		s.rebuild()
	}
	return nil
}

func (s *itemScreen[T]) Title() string              { return s.d.Title() }
func (s *itemScreen[T]) SetSize(w, h int)           { s.d.SetSize(w, h) }
func (s *itemScreen[T]) SetTheme(th *themes.Theme)  { s.d.SetTheme(th) }
func (s *itemScreen[T]) Update(msg tea.Msg) tea.Cmd { return s.d.Update(msg) }
func (s *itemScreen[T]) View() string               { return s.d.View() }
func (s *itemScreen[T]) KeyMap() keys.Map           { return s.d.KeyMap() }
