package list

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/components/table"
)

// List is a views.Tab over the items a Spec describes.
type List[T any] struct {
	spec    *Spec[T]
	ctx     *views.Context
	tbl     table.Model
	store   state.Store
	byKey   map[string]int
	items   []T
	screens []views.Screen
	width   int
	height  int
	km      keyMap
	note    themes.Painter

	built uint64 // the store's version of Kind the rows were built from; 0: build

	// The pending fetch of the item whose screen was opened last; an answer
	// with another id is stale (its screen was closed or replaced) and dropped.
	fetchID  uint64
	fetchKey string
}

// New builds the tab. ctx is the shell's shared context.
func New[T any](spec Spec[T], ctx *views.Context) *List[T] {
	l := &List[T]{spec: &spec, ctx: ctx, km: newKeyMap(), byKey: map[string]int{}}
	l.tbl = table.New(spec.Columns, ctx.Theme)
	if spec.SortCol >= 0 {
		l.tbl.SortBy(spec.SortCol, spec.SortDesc)
	}
	l.note = themes.NewPainter(ctx.Theme.Muted)
	return l
}

// Kind names the tab.
func (l *List[T]) Kind() state.Kind { return l.spec.Kind }

// SetSize sets the content area.
func (l *List[T]) SetSize(width, height int) {
	l.width, l.height = width, height
	l.tbl.SetSize(width, height)
	for _, s := range l.screens {
		s.SetSize(width, height)
	}
}

// SetTheme restyles the table and every open screen.
func (l *List[T]) SetTheme(th *themes.Theme) {
	l.tbl.SetTheme(th)
	l.note = themes.NewPainter(th.Muted)
	for _, s := range l.screens {
		s.SetTheme(th)
	}
}

// Sync rebuilds the rows from the store when its list changed (or
// Invalidate was called) and lets open screens follow.
func (l *List[T]) Sync(store state.Store) {
	if v := store.Version(l.spec.Kind); store != l.store || v != l.built || v == 0 {
		l.store, l.built = store, v
		l.items = l.spec.Items(store)
		l.rebuildRows()
	}
	for _, s := range l.screens {
		if sy, ok := s.(views.Syncer); ok {
			sy.Sync(store)
		}
	}
}

func (l *List[T]) rebuildRows() {
	if l.store == nil {
		return
	}
	now := l.ctx.Now()
	rows := make([]table.Row, len(l.items))
	clear(l.byKey)
	for i, it := range l.items {
		k := l.spec.Key(it)
		r := l.spec.Row(it, now, l.ctx.Location)
		r.Key = k
		// A recent change outranks the row's own mark (invalid fields, a
		// past event) for the few seconds it is shown.
		if m := markOf(l.store.Change(l.spec.Kind, k)); m != table.MarkNone {
			r.Mark = m
		}
		rows[i] = r
		l.byKey[k] = i
	}
	l.tbl.SetRows(rows)
}

// Invalidate makes the next Sync rebuild the rows: what they show changed
// beyond the list's own kind (the Events list's compliance column).
func (l *List[T]) Invalidate() { l.built = 0 }

// Tick rebuilds clock-dependent rows and ticks the open screens.
func (l *List[T]) Tick() tea.Cmd {
	if l.spec.Live {
		l.rebuildRows()
	}
	var cmds []tea.Cmd
	for _, s := range l.screens {
		if t, ok := s.(views.Ticker); ok {
			cmds = append(cmds, t.Tick())
		}
	}
	return tea.Batch(cmds...)
}

// Update handles keys, mouse and answers routed to this tab: the list's
// own fetch, else the screen on the stack that asked.
func (l *List[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case views.Result[T]:
		if msg.ID != 0 && msg.ID == l.fetchID {
			l.onFetched(msg)
			return nil
		}
	case views.CloseScreenMsg:
		l.Pop()
		return nil
	}
	if a, ok := msg.(views.Answer); ok {
		id, _, _ := a.Asked()
		for i := len(l.screens) - 1; i >= 0; i-- {
			if r, ok := l.screens[i].(views.Requester); ok && r.Owns(id) {
				return l.screens[i].Update(msg)
			}
		}
		return nil // its screen is gone
	}
	if top := l.top(); top != nil {
		if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc && !capturing(top) {
			l.Pop()
			return nil
		}
		return top.Update(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case l.km.Open.Matches(k):
			return l.open()
		case l.km.CycleSort.Matches(k):
			l.tbl.CycleSort()
			return nil
		case l.km.SortCol.Matches(k):
			l.tbl.SortByColumnCursor()
			return nil
		case l.km.ClearFilter.Matches(k):
			l.tbl.SetFilter("")
			return nil
		}
	}
	var cmd tea.Cmd
	l.tbl, cmd = l.tbl.Update(msg)
	return cmd
}

func capturing(s views.Screen) bool {
	c, ok := s.(views.Capturer)
	return ok && c.Capturing()
}

func (l *List[T]) top() views.Screen {
	if len(l.screens) == 0 {
		return nil
	}
	return l.screens[len(l.screens)-1]
}

// open pushes the selected item's screen and, when the spec can, fetches
// the authoritative copy.
func (l *List[T]) open() tea.Cmd {
	row, ok := l.tbl.Selected()
	if !ok {
		return nil
	}
	i, ok := l.byKey[row.Key]
	if !ok {
		return nil
	}
	item := l.items[i]
	if l.spec.Open != nil {
		return l.Push(l.spec.Open(item, l.ctx))
	}
	l.Push(newItemScreen(l.spec, l.ctx, item))
	if l.spec.Get == nil || l.ctx.Backend == nil {
		return nil
	}
	key, get := row.Key, l.spec.Get
	id, cmd := views.Call(l.ctx.Backend, l.spec.Kind, "Get"+strings.TrimSuffix(l.spec.Kind.String(), "s"), false,
		func(ctx context.Context, api client.API) (T, error) { return get(ctx, api, key) })
	l.fetchID, l.fetchKey = id, key
	return cmd
}

// onFetched shows a fetched item in its screen, if that screen is still on top.
func (l *List[T]) onFetched(msg views.Result[T]) {
	if msg.ID == 0 || msg.ID != l.fetchID {
		return // superseded: the screen it was for is gone
	}
	l.fetchID = 0
	s, ok := l.top().(*itemScreen[T])
	if !ok || s.key != l.fetchKey {
		return
	}
	switch {
	case msg.Err == nil:
		s.SetItem(msg.Value)
	case client.IsNotFound(msg.Err):
		s.SetNote("the API answered 404: this object no longer exists")
	case errors.Is(msg.Err, context.Canceled):
	default:
		s.SetNote("could not fetch the latest version: " + oneLine(msg.Err.Error()))
	}
}

// View draws the top screen, or the list.
func (l *List[T]) View() string {
	if top := l.top(); top != nil {
		return top.View()
	}
	return l.ListView()
}

// ListView draws the table (with a note when it is empty), whatever
// screens are open over it.
func (l *List[T]) ListView() string {
	out := l.tbl.View()
	shown, total := l.tbl.Counts()
	if shown > 0 || l.height < 2 {
		return out
	}
	msg := l.emptyText(total)
	lines := strings.Split(out, "\n")
	if len(lines) > 1 {
		line := ansi.Truncate(" "+msg, l.width, "…")
		line += strings.Repeat(" ", max(l.width-ansi.StringWidth(line), 0))
		lines[1] = l.note.Paint(line)
	}
	return strings.Join(lines, "\n")
}

func (l *List[T]) emptyText(total int) string {
	switch {
	case total > 0:
		return "no " + l.spec.Noun + " match “" + l.tbl.Filter() + "” (esc clears the filter)"
	case l.spec.Empty != nil && l.store != nil:
		if s := l.spec.Empty(l.store); s != "" {
			return s
		}
	}
	if l.store == nil || !l.store.Loaded(l.spec.Kind) {
		if l.store != nil {
			if f := l.store.Failure(l.spec.Kind); f != "" {
				// The status bar says what happens next (retrying in N s, auth failed).
				return "could not load " + l.spec.Noun + ": " + f
			}
		}
		return "loading " + l.spec.Noun + "…"
	}
	return "no " + l.spec.Noun + " yet"
}

// KeyMap lists the keys of the current screen.
func (l *List[T]) KeyMap() keys.Map {
	if top := l.top(); top != nil {
		return top.KeyMap()
	}
	return l.km.list(l.tbl.KeyMap())
}

// SelectKey moves the cursor to the row with key, when it is shown.
func (l *List[T]) SelectKey(key string) bool { return l.tbl.SelectKey(key) }

// Counts returns the rows shown after the filter and the rows in total.
func (l *List[T]) Counts() (shown, total int) { return l.tbl.Counts() }

// SetFilter filters the rows (case-insensitive, across the visible columns).
func (l *List[T]) SetFilter(query string) { l.tbl.SetFilter(query) }

// Filter returns the filter query.
func (l *List[T]) Filter() string { return l.tbl.Filter() }

// InScreen reports whether a screen is open over the list.
func (l *List[T]) InScreen() bool { return len(l.screens) > 0 }

// Capturing reports whether the top screen takes all keys as text.
func (l *List[T]) Capturing() bool {
	top := l.top()
	return top != nil && capturing(top)
}

// Hint returns the spec's note for the list, or the open screen's title path.
func (l *List[T]) Hint() string {
	if l.top() != nil || l.spec.Hint == nil || l.store == nil {
		return ""
	}
	return l.spec.Hint(l.store)
}

// Selected returns the item under the cursor.
func (l *List[T]) Selected() (T, bool) {
	var zero T
	row, ok := l.tbl.Selected()
	if !ok {
		return zero, false
	}
	i, ok := l.byKey[row.Key]
	if !ok {
		return zero, false
	}
	return l.items[i], true
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// markOf is how a row shows a recent change.
func markOf(ch state.Change) table.Mark {
	switch ch {
	case state.Added:
		return table.MarkNew
	case state.Updated:
		return table.MarkChanged
	case state.Deleted:
		return table.MarkDeleted
	}
	return table.MarkNone
}
