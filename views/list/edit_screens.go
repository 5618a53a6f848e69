package list

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/keys"
)

// formScreen is an open edit form (with its draft offer and conflict view)
// on the list's stack. It takes every key: the form types text.
type formScreen[T any] struct {
	t *Editable[T]
	s *session[T]
}

func (f *formScreen[T]) Title() string              { return f.s.form.Title() }
func (f *formScreen[T]) SetSize(w, h int)           { f.s.setSize(w, h) }
func (f *formScreen[T]) SetTheme(th *themes.Theme)  { f.s.setTheme(th) }
func (f *formScreen[T]) View() string               { return f.s.view() }
func (f *formScreen[T]) KeyMap() keys.Map           { return f.s.keyMap() }
func (f *formScreen[T]) Capturing() bool            { return true }
func (f *formScreen[T]) KeepDrafts() error          { return f.t.keepDraft(f.s) }
func (f *formScreen[T]) Update(msg tea.Msg) tea.Cmd { return f.t.sessionUpdate(f.s, msg) }

// Close forgets the session as the open one (the stack popped it).
func (f *formScreen[T]) Close() {
	if f.t.sess == f.s {
		f.t.sess = nil
	}
}

// confirmScreen asks before a delete; any key but y keeps the object.
type confirmScreen[T any] struct {
	t *Editable[T]
	p *pendingDelete[T]
}

func (c *confirmScreen[T]) Title() string             { return "Delete " + c.p.key }
func (c *confirmScreen[T]) SetSize(w, h int)          { c.p.dlg.SetSize(w, h) }
func (c *confirmScreen[T]) SetTheme(th *themes.Theme) { c.p.dlg.SetTheme(th) }
func (c *confirmScreen[T]) View() string              { return c.p.dlg.View() }
func (c *confirmScreen[T]) KeyMap() keys.Map          { return c.p.dlg.KeyMap() }
func (c *confirmScreen[T]) Capturing() bool           { return true }

func (c *confirmScreen[T]) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		return c.t.answerDelete(c, k)
	}
	return nil
}
