// Package list is the list tab every collection shares: a windowed table
// of items from the shell's Store, filter and sort, change marks, the one
// stack of screens every tab opens over its list (an item's detail, the
// dispatch screen, forms, confirmations), and editing (Editable). A tab
// package supplies a Spec (columns, how an item becomes a row, how it is
// laid out in detail), or an EditSpec, and gets a views.Tab.
package list

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
	"github.com/ecdash/ecdash/views/components/table"
)

// Spec describes one list tab over items of type T.
type Spec[T any] struct {
	Kind    state.Kind
	Noun    string // plural, for empty states: "events"
	Columns []table.Column
	// SortCol and SortDesc are the initial sort (SortCol -1: the API's order).
	SortCol  int
	SortDesc bool

	// NewestFirst shows an unsorted list (SortCol -1) with the last item
	// added on top.
	NewestFirst bool

	Items func(state.Store) []T
	Key   func(T) string
	// Lookup finds key's item; nil: in Items, where the store's Position
	// says (a tab whose items are not the store's own supplies it).
	Lookup func(store state.Store, key string) (T, bool)
	// Row renders an item's cells and sort keys at time now; the list sets Key and Mark.
	Row func(item T, now time.Time, loc *time.Location) table.Row
	// RowIn, when set, replaces Row for rows that show what other lists
	// hold (a report names its event): it reads the store, and every row is
	// made again when a kind in Follows changes.
	RowIn   func(store state.Store, item T, now time.Time, loc *time.Location) table.Row
	Follows []state.Kind
	// Live rows change with the clock: their Live columns (a countdown) are
	// drawn again every Tick for the rows on screen, and the whole row is
	// made again at the time NextChange gives (an event starts or ends;
	// zero: never).
	Live       bool
	NextChange func(item T, now time.Time) time.Time

	// Detail lays an item out for reading. Open, when set, replaces the
	// standard detail screen (the event chart of a later issue plugs in here).
	Detail func(item T, ctx *views.Context) (title string, doc detail.Doc, raw []byte)
	Open   func(item T, ctx *views.Context) views.Screen
	// Enter, when set, is what enter does instead of opening the detail (a
	// report goes to its event); EnterHelp says so in the key hints. The
	// detail then opens with i. A nil command falls back to the detail.
	Enter     func(store state.Store, item T) tea.Cmd
	EnterHelp string
	// Get fetches the authoritative item when its screen opens (optional).
	Get func(ctx context.Context, api client.API, key string) (T, error)

	// Hint returns a note for the line above the status bar ("" for none).
	Hint func(store state.Store) string
	// Empty explains an empty list ("" for the default "no <noun> yet").
	Empty func(store state.Store) string
}
