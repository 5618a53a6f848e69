package list

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
)

// The list's stack of screens is the one way every tab opens something
// over its list: an item's detail, the dispatch screen, an edit form, a
// confirmation. The top screen gets the keys and is drawn.

// Push opens s over the list (and the screens already open): it is sized,
// synced and, if it is an Opener, started.
func (l *List[T]) Push(s views.Screen) tea.Cmd {
	s.SetSize(l.width, l.height)
	l.screens = append(l.screens, s)
	if sy, ok := s.(views.Syncer); ok && l.store != nil {
		sy.Sync(l.store)
	}
	if o, ok := s.(views.Opener); ok {
		return o.Open()
	}
	return nil
}

// Pop closes the top screen (a Closer stops its work).
func (l *List[T]) Pop() {
	if len(l.screens) == 0 {
		return
	}
	top := l.screens[len(l.screens)-1]
	l.screens = l.screens[:len(l.screens)-1]
	if c, ok := top.(views.Closer); ok {
		c.Close()
	}
	if len(l.screens) == 0 {
		l.fetchID, l.fetchKey = 0, ""
	}
}

// Remove closes s wherever it is on the stack (a form whose save came
// back while another screen was pushed over it, say).
func (l *List[T]) Remove(s views.Screen) {
	for i := len(l.screens) - 1; i >= 0; i-- {
		if l.screens[i] != s {
			continue
		}
		l.screens = append(l.screens[:i], l.screens[i+1:]...)
		if c, ok := s.(views.Closer); ok {
			c.Close()
		}
		return
	}
}

// Top is the screen on top of the stack (nil: the list itself is shown).
func (l *List[T]) Top() views.Screen { return l.top() }

// KeepDrafts has every open screen keep its drafts.
func (l *List[T]) KeepDrafts() error {
	var errs []error
	for _, s := range l.screens {
		if k, ok := s.(views.DraftKeeper); ok {
			errs = append(errs, k.KeepDrafts())
		}
	}
	return errors.Join(errs...)
}

// OpenKey opens key's item as enter does, over the list brought back to its
// rows: the screens closed, the filter cleared when it hides key, its row
// made now if the steps have not come to it yet. It changes nothing (ok
// false) while a screen holds input, which would be lost, or when no item
// has key.
func (l *List[T]) OpenKey(key string) (cmd tea.Cmd, ok bool) {
	for _, s := range l.screens {
		if capturing(s) {
			return nil, false
		}
	}
	it, ok := l.item(key)
	if !ok {
		return nil, false
	}
	if !l.tbl.Has(key) {
		l.tbl.Upsert([]table.Row{l.rowOf(it, key, l.ctx.Now())})
	}
	for len(l.screens) > 0 {
		l.Pop()
	}
	if !l.tbl.SelectKey(key) {
		l.tbl.SetFilter("") // the filter hid it
		l.tbl.SelectKey(key)
	}
	return l.open(), true
}
