package feed

import (
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
)

// entry is an item with its row, laid out once.
type entry struct {
	item Item
	key  string
	row  table.Row
	// newUntil is when a live arrival stops being marked new.
	newUntil time.Time
}

// Tab is the Feed tab: a list view over the notifications the shell applied.
type Tab struct {
	ctx  *views.Context
	list *list.List[*entry]

	entries []*entry          // oldest first
	byKey   map[string]*entry // key → entry
	epoch   int               // bumped when sequence numbers start over (a relay's journal was recreated)
	lastSeq uint64

	source  string // where notifications come from; "" while no live feed is configured
	store   state.Store
	marked  int             // entries currently marked new
	version uint64          // the Feed's version, for the list
	log     state.ChangeLog // which entries each version changed
	repeats int             // repeat deliveries counted over the entries held

	width, height int
}

// New builds the Feed tab.
func New(ctx *views.Context) *Tab {
	t := &Tab{ctx: ctx, byKey: map[string]*entry{}}
	t.list = list.New(t.spec(), ctx)
	return t
}

func (t *Tab) spec() list.Spec[*entry] {
	return list.Spec[*entry]{
		Kind:        state.Feed,
		Noun:        "notifications",
		Columns:     columns,
		SortCol:     -1, // newest first, in arrival order: no sort to pay per batch
		NewestFirst: true,
		Items:       func(state.Store) []*entry { return t.entries },
		Key:         func(e *entry) string { return e.key },
		Lookup: func(_ state.Store, key string) (*entry, bool) {
			e, ok := t.byKey[key]
			return e, ok
		},
		Row:  func(e *entry, _ time.Time, _ *time.Location) table.Row { return e.row },
		Open: func(e *entry, ctx *views.Context) views.Screen { return newBodyScreen(e.item, ctx) },
		Enter: func(store state.Store, e *entry) tea.Cmd {
			return views.OpenKnownEvent(store, e.item.EventID)
		},
		EnterHelp: "open its event's dispatch screen",
		Empty:     t.empty,
		Hint:      t.hint,
	}
}

// SetSource says where notifications come from ("webhook receiver on
// 127.0.0.1:8787", "relay wss://…/feed"); until it is called the tab
// explains how to configure a live feed.
func (t *Tab) SetSource(source string) {
	t.source = source
	t.resync()
}

// Configured reports whether a live feed was set.
func (t *Tab) Configured() bool { return t.source != "" }

// Apply adds notifications (in the order they were journaled) and the latest
// repeat count per sequence number, then updates the rows of those alone:
// the shell calls it once per coalesced batch, never per notification.
func (t *Tab) Apply(items []Item, dups map[uint64]int) {
	now := t.ctx.Now()
	var changed []string
	for _, it := range items {
		if it.Seq <= t.lastSeq {
			t.epoch++ // numbering started over: keep the old rows apart
		}
		t.lastSeq = it.Seq
		e := &entry{item: it, key: t.key(it.Seq)}
		if it.Live {
			e.newUntil = now.Add(newFor)
			t.marked++
		}
		e.row = row(it, t.ctx.Location)
		t.repeats += it.Duplicates
		if len(t.entries) == cap(t.entries) {
			t.entries = slices.Grow(t.entries, len(t.entries)) // double: fewer copies of every entry
		}
		t.entries = append(t.entries, e)
		t.byKey[e.key] = e
		changed = append(changed, e.key)
	}
	for seq, n := range dups {
		e := t.byKey[t.key(seq)]
		if e == nil || n <= e.item.Duplicates {
			continue // already dropped from the tab, or an older count
		}
		t.repeats += n - e.item.Duplicates
		e.item.Duplicates = n
		e.row = row(e.item, t.ctx.Location)
		changed = append(changed, e.key)
	}
	if drop := len(t.entries) - MaxRows; drop > 0 {
		for _, e := range t.entries[:drop] {
			delete(t.byKey, e.key)
			changed = append(changed, e.key)
			t.repeats -= e.item.Duplicates
			if !e.newUntil.IsZero() {
				t.marked--
			}
		}
		t.entries = append([]*entry(nil), t.entries[drop:]...)
	}
	t.changed(changed...)
}

func (t *Tab) key(seq uint64) string {
	if t.epoch == 0 {
		return strconv.FormatUint(seq, 10)
	}
	return strconv.Itoa(t.epoch) + "." + strconv.FormatUint(seq, 10)
}

// Len is the number of notifications the tab holds.
func (t *Tab) Len() int { return len(t.entries) }

// Items returns the notifications the tab holds, oldest first (for tests
// and the shell's status line).
func (t *Tab) Items() []Item {
	out := make([]Item, len(t.entries))
	for i, e := range t.entries {
		out[i] = e.item
	}
	return out
}

// changed records that the entries of keys changed and lets the list
// follow.
func (t *Tab) changed(keys ...string) {
	t.version++
	t.log.Add(t.version, false, keys)
	t.resync()
}

// resync lets the list follow the entries.
func (t *Tab) resync() {
	if t.store == nil {
		t.store = emptyStore{}
	}
	t.list.Sync(feedStore{Store: t.store, t: t})
}

func (t *Tab) Kind() state.Kind { return state.Feed }

func (t *Tab) SetSize(w, h int) {
	t.width, t.height = w, h
	t.list.SetSize(w, h)
}

func (t *Tab) SetTheme(th *themes.Theme) { t.list.SetTheme(th) }

// Sync keeps the shell's store (the feed's rows are the tab's own).
func (t *Tab) Sync(store state.Store) {
	t.store = store
	t.resync()
}

// Tick fades the new-arrival marks whose time is up.
func (t *Tab) Tick() tea.Cmd {
	cmd := t.list.Tick()
	if t.marked == 0 {
		return cmd
	}
	now := t.ctx.Now()
	var faded []string
	for i := len(t.entries) - 1; i >= 0 && t.marked > 0; i-- {
		e := t.entries[i]
		if e.newUntil.IsZero() || now.Before(e.newUntil) {
			continue
		}
		e.newUntil = time.Time{}
		t.marked--
		faded = append(faded, e.key)
	}
	if len(faded) > 0 {
		t.changed(faded...)
	}
	return cmd
}

// Update takes the live feed's batches and source; the rest goes to the list.
func (t *Tab) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case views.FeedMsg:
		items := make([]Item, len(msg.Batch.Records))
		for i, r := range msg.Batch.Records {
			changed := ""
			if i < len(msg.Changed) {
				changed = msg.Changed[i]
			}
			items[i] = itemOf(r, i < len(msg.Live) && msg.Live[i], changed)
		}
		t.Apply(items, msg.Batch.Duplicates)
		return nil
	case views.FeedSourceMsg:
		t.SetSource(msg.Source)
		return nil
	}
	return t.list.Update(msg)
}

// View draws the list, or how to configure a live feed when there is none.
func (t *Tab) View() string {
	if !t.Configured() && len(t.entries) == 0 && !t.list.InScreen() {
		return placeholder(t.ctx.Theme, t.width, t.height)
	}
	return t.list.View()
}

func (t *Tab) KeyMap() keys.Map           { return t.list.KeyMap() }
func (t *Tab) Counts() (shown, total int) { return t.list.Counts() }
func (t *Tab) SetFilter(q string)         { t.list.SetFilter(q) }
func (t *Tab) Filter() string             { return t.list.Filter() }
func (t *Tab) InScreen() bool             { return t.list.InScreen() }
func (t *Tab) Capturing() bool            { return t.list.Capturing() }
func (t *Tab) Hint() string               { return t.list.Hint() }

// change says which entries are new: live arrivals, for a few seconds.
// An unverified one is not (its row's own danger mark wins).
func (t *Tab) change(key string) state.Change {
	if e := t.byKey[key]; e != nil && e.item.Verified && !e.newUntil.IsZero() {
		return state.Added
	}
	return state.Unchanged
}

func (t *Tab) empty(state.Store) string {
	if t.source == "" {
		return "no live feed is configured"
	}
	return "no notifications yet · waiting on " + t.source
}

func (t *Tab) hint(state.Store) string {
	if t.source == "" {
		return ""
	}
	return strconv.Itoa(len(t.entries)) + " notifications, " + strconv.Itoa(t.repeats) + " repeat deliveries · " + t.source + " · enter shows the raw body"
}

// Pending reports whether rows are left to make (see views.Pender).
func (t *Tab) Pending() bool { return t.list.Pending() }
