package list

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/ecdash/ecdash/views/components/keys"
)

// keyMap is what a list accepts besides the table's own navigation keys.
type keyMap struct {
	Open, CycleSort, SortCol, ClearFilter keys.Binding
}

func newKeyMap() keyMap {
	const g = "List"
	return keyMap{
		Open:        keys.New(g, "enter", "open detail", "enter"),
		CycleSort:   keys.New("Sort", "s", "cycle sort column / direction", "s"),
		SortCol:     keys.New("Sort", "S", "sort by the column cursor (←/→; again: flip)", "S"),
		ClearFilter: keys.New(g, "esc", "clear filter", "esc"),
	}
}

func (k keyMap) list(tableKeys []key.Binding) keys.Map {
	out := keys.Map{k.Open, k.ClearFilter}
	for _, b := range tableKeys {
		out = append(out, keys.Binding{Binding: b, Group: "List"})
	}
	return append(out, k.CycleSort, k.SortCol)
}
