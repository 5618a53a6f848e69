package events

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/components/table"
)

// screenKeys are the dispatch screen's own bindings. The chart has the
// letters it is used with (+/- zoom, h/l and ←/→ pan, 0, m, v/V), so the
// raw JSON toggle that is v elsewhere is J here; the shell keeps r
// (refresh: here it also re-fetches the event's reports), tab, q, ? and 1-5.
type screenKeys struct {
	Raw, Export, Descriptors, Back keys.Binding
	Report                         keys.Binding // Dangerous: absent in read-only mode
	Up, Down, PageUp, PageDown     keys.Binding
	Top, Bottom                    keys.Binding
}

func newScreenKeys(readOnly bool) screenKeys {
	const g = "Event"
	return screenKeys{
		Raw:         keys.New(g, "J", "layout / raw JSON", "J"),
		Export:      keys.New(g, "x", "export CSV (1-minute steps) to a file", "x"),
		Descriptors: keys.New(g, "d", "report descriptors / targets", "d"),
		Report:      keys.NewDangerous(g, "R", "compose and send a report for this event", "R").ForMode(readOnly),
		Back:        keys.New(g, "esc", "back to the list", "esc"),
		Up:          keys.New(g, "↑/k", "targets up (raw JSON: scroll)", "up", "k"),
		Down:        keys.New(g, "↓/j", "targets down (raw JSON: scroll)", "down", "j"),
		PageUp:      keys.New(g, "pgup", "targets page up", "pgup", "ctrl+b"),
		PageDown:    keys.New(g, "pgdn", "targets page down", "pgdown", "ctrl+f"),
		Top:         keys.New(g, "g/home", "first target", "g", "home"),
		Bottom:      keys.New(g, "G/end", "last target", "G", "end"),
	}
}

func (k screenKeys) list() keys.Map {
	return keys.Map{k.Back, k.Raw, k.Export, k.Report, k.Descriptors, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// targetsTableKeys are the table's bindings without the column cursor
// (h/l and ←/→ pan the chart here).
func targetsTableKeys() table.KeyMap {
	k := table.DefaultKeyMap()
	k.ColumnLeft, k.ColumnRight = key.Binding{}, key.Binding{}
	return k
}
