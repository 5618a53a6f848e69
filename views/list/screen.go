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
	spec *Spec[T]
	ctx  *views.Context
	key  string
	item T
	gone bool   // the item disappeared from the list
	note string // a fetch problem, shown above the layout
	d    *detail.Model
}

func newItemScreen[T any](spec *Spec[T], ctx *views.Context, item T) *itemScreen[T] {
	s := &itemScreen[T]{spec: spec, ctx: ctx, key: spec.Key(item), item: item}
	title, doc, raw := s.layout()
	s.d = detail.New(ctx.Theme, title, doc, raw)
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
	s.d.SetDoc(title, doc, raw)
}

// SetItem shows a fresher copy of the item (from a fetch).
func (s *itemScreen[T]) SetItem(item T) {
	s.item, s.gone, s.note = item, false, ""
	s.rebuild()
}

// SetNote shows a one-line problem above the layout ("" clears it).
func (s *itemScreen[T]) SetNote(note string) {
	s.note = note
	s.rebuild()
}

// Sync follows the item through a refresh of the list.
func (s *itemScreen[T]) Sync(store state.Store) {
	for _, it := range s.spec.Items(store) {
		if s.spec.Key(it) == s.key {
			s.item, s.gone = it, false
			s.rebuild()
			return
		}
	}
	if store.Loaded(s.spec.Kind) && !s.gone {
		s.gone = true
		s.rebuild()
	}
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
