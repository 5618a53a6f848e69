package list

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/components/table"
)

// List is a views.Tab over the items a Spec describes. It keeps no copy
// of them: its table holds each row's key, sort key and search text, and
// draws the rows on screen from the store (the table's source). When the
// store changes, only the rows of the keys it names are made again, a
// bounded number per step (Pending), so a change to 100,000 items never
// holds up a key press.
type List[T any] struct {
	spec    *Spec[T]
	ctx     *views.Context
	tbl     table.Model
	store   state.Store
	screens []views.Screen
	width   int
	height  int
	above   int // lines the tab draws above the table (SetAbove)
	km      keyMap
	note    themes.Painter

	built    uint64    // the store's version of Kind the rows follow; 0: none yet
	pending  keyQueue  // keys whose rows are to be made again
	sweep    bool      // after pending: delete the rows whose items are gone
	clock    *rowClock // Live specs: when rows change next
	followed []uint64  // the versions of Spec.Follows the rows were made at

	// The pending fetch of the item whose screen was opened last; an answer
	// with another id is stale (its screen was closed or replaced) and dropped.
	fetchID  uint64
	fetchKey string
}

// RowsPerStep bounds the rows made in one step: about 4 ms of work on a
// slow machine (10 µs a row of the Events tab on a 2-core VM), so a key
// press waits at most that long behind a big change.
const RowsPerStep = 400

// New builds the tab. ctx is the shell's shared context.
func New[T any](spec Spec[T], ctx *views.Context) *List[T] {
	l := &List[T]{spec: &spec, ctx: ctx, km: newKeyMap(spec.EnterHelp), clock: newRowClock()}
	l.tbl = table.New(spec.Columns, ctx.Theme)
	l.tbl.SetSource(l.source)
	if spec.SortCol >= 0 {
		l.tbl.SortBy(spec.SortCol, spec.SortDesc)
	}
	l.tbl.SetNewestFirst(spec.NewestFirst)
	l.note = themes.NewPainter(ctx.Theme.Muted)
	return l
}

// Kind names the tab.
func (l *List[T]) Kind() state.Kind { return l.spec.Kind }

// SetSize sets the content area.
func (l *List[T]) SetSize(width, height int) {
	l.width, l.height = width, height
	l.tbl.SetSize(width, max(height-l.above, 0))
	for _, s := range l.screens {
		s.SetSize(width, height)
	}
}

// SetAbove keeps n lines of the content area above the table for the tab
// to draw (the Events tab's strips): the table takes the rest, and a click
// lands on the row drawn there. Screens over the list keep the whole area.
func (l *List[T]) SetAbove(n int) {
	if n == l.above {
		return
	}
	l.above = n
	l.tbl.SetSize(l.width, max(l.height-n, 0))
	l.tbl.SetOrigin(0, n)
}

// SetTheme restyles the table and every open screen.
func (l *List[T]) SetTheme(th *themes.Theme) {
	l.tbl.SetTheme(th)
	l.note = themes.NewPainter(th.Muted)
	for _, s := range l.screens {
		s.SetTheme(th)
	}
}

// item finds key's item in the store.
func (l *List[T]) item(key string) (T, bool) {
	var zero T
	if l.store == nil {
		return zero, false
	}
	if l.spec.Lookup != nil {
		return l.spec.Lookup(l.store, key)
	}
	return lookupIn(l.store, l.spec.Kind, l.spec.Items(l.store), l.spec.Key, key)
}

// lookupIn finds key's item in items, the store's list of kind, where the
// store's Position says.
func lookupIn[T any](store state.Store, kind state.Kind, items []T, keyOf func(T) string, key string) (T, bool) {
	var zero T
	i, ok := store.Position(kind, key)
	if !ok || i < 0 || i >= len(items) || keyOf(items[i]) != key {
		return zero, false
	}
	return items[i], true
}

// source is the table's: key's row as it is now.
func (l *List[T]) source(key string) (table.Row, bool) {
	it, ok := l.item(key)
	if !ok {
		return table.Row{}, false
	}
	return l.rowOf(it, key, l.ctx.Now()), true
}

func (l *List[T]) rowOf(it T, key string, now time.Time) table.Row {
	var r table.Row
	if l.spec.RowIn != nil {
		r = l.spec.RowIn(l.store, it, now, l.ctx.Location)
	} else {
		r = l.spec.Row(it, now, l.ctx.Location)
	}
	r.Key = key
	// A recent change outranks the row's own mark (invalid fields, a
	// past event) for the few seconds it is shown.
	if m := markOf(l.store.Change(l.spec.Kind, key)); m != table.MarkNone {
		r.Mark = m
	}
	return r
}

// Sync takes what changed in the store since the rows were made, makes a
// step of rows, and lets open screens follow.
func (l *List[T]) Sync(store state.Store) {
	if store != l.store {
		l.store, l.built, l.followed = store, 0, nil
	}
	rebuilt := false
	if v := store.Version(l.spec.Kind); v != l.built || v == 0 {
		keys, all := store.ChangedSince(l.spec.Kind, l.built)
		if all || l.built == 0 {
			l.rebuildAll()
			rebuilt = true
		} else {
			l.Refresh(keys...)
		}
		l.built = v
	}
	if l.followedChanged(store) && !rebuilt {
		l.rebuildAll()
	}
	l.step()
	for _, s := range l.screens {
		if sy, ok := s.(views.Syncer); ok {
			sy.Sync(store)
		}
	}
}

// followedChanged reports whether a kind the rows show (Spec.Follows)
// changed since the last call.
func (l *List[T]) followedChanged(store state.Store) bool {
	if len(l.spec.Follows) == 0 {
		return false
	}
	if l.followed == nil {
		l.followed = make([]uint64, len(l.spec.Follows))
	}
	changed := false
	for i, k := range l.spec.Follows {
		if v := store.Version(k); v != l.followed[i] {
			l.followed[i], changed = v, true
		}
	}
	return changed
}

// rebuildAll queues every item's row, and the removal of rows whose items
// are gone.
func (l *List[T]) rebuildAll() {
	if l.store == nil {
		return
	}
	items := l.spec.Items(l.store)
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = l.spec.Key(it)
	}
	l.pending.reset()
	l.pending.push(keys)
	l.sweep = true
}

// Refresh queues the rows of keys to be made again (a key whose item is
// gone loses its row).
func (l *List[T]) Refresh(keys ...string) { l.pending.push(keys) }

// Invalidate makes every row be made again: what they show changed beyond
// the list's own kind.
func (l *List[T]) Invalidate() {
	if l.store != nil {
		l.rebuildAll()
	}
}

// Pending reports whether rows are still to be made; the shell then calls
// Sync again soon (SyncMore), so a large change is spread over steps.
func (l *List[T]) Pending() bool { return l.pending.len() > 0 || l.sweep }

// step makes up to RowsPerStep pending rows.
func (l *List[T]) step() {
	if l.store == nil {
		return
	}
	if keys := l.pending.take(RowsPerStep); len(keys) > 0 {
		now := l.ctx.Now()
		rows := make([]table.Row, 0, len(keys))
		var gone []string
		for _, k := range keys {
			it, ok := l.item(k)
			if !ok {
				gone = append(gone, k)
				l.clock.forget(k)
				continue
			}
			rows = append(rows, l.rowOf(it, k, now))
			if l.spec.Live && l.spec.NextChange != nil {
				l.clock.set(k, l.spec.NextChange(it, now))
			}
		}
		l.tbl.Upsert(rows)
		l.tbl.Delete(gone)
	}
	if l.pending.len() == 0 && l.sweep {
		l.sweep = false
		var gone []string
		for _, k := range l.tbl.RowKeys() {
			if _, ok := l.item(k); !ok {
				gone = append(gone, k)
				l.clock.forget(k)
			}
		}
		l.tbl.Delete(gone)
	}
}

// Tick brings clock-dependent rows up to date (the Live columns of the
// rows on screen, and the rows whose status changed) and ticks the open
// screens.
func (l *List[T]) Tick() tea.Cmd {
	if l.spec.Live {
		l.tbl.Tick()
		l.Refresh(l.clock.pop(l.ctx.Now())...)
		l.step()
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
			if cmd := l.enter(); cmd != nil {
				return cmd
			}
			return l.open()
		case l.km.detail && l.km.Detail.Matches(k):
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

// enter is Spec.Enter for the selected item (nil: open the detail).
func (l *List[T]) enter() tea.Cmd {
	if l.spec.Enter == nil {
		return nil
	}
	item, _, ok := l.selected()
	if !ok {
		return nil
	}
	return l.spec.Enter(l.store, item)
}

// selected is the item under the cursor and its key.
func (l *List[T]) selected() (item T, key string, ok bool) {
	row, ok := l.tbl.Selected()
	if !ok {
		return item, "", false
	}
	item, ok = l.item(row.Key)
	return item, row.Key, ok
}

// open pushes the selected item's screen and, when the spec can, fetches
// the authoritative copy.
func (l *List[T]) open() tea.Cmd {
	item, key, ok := l.selected()
	if !ok {
		return nil
	}
	if l.spec.Open != nil {
		return l.Push(l.spec.Open(item, l.ctx))
	}
	l.Push(newItemScreen(l.spec, l.ctx, item, func(_ state.Store, key string) (T, bool) { return l.item(key) }))
	if l.spec.Get == nil || l.ctx.Backend == nil {
		return nil
	}
	get := l.spec.Get
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

// SetFilter filters the rows: those holding every word of filter, case-insensitive, across the visible columns.
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
	item, _, ok := l.selected()
	return item, ok
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
