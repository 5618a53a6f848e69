package list

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/ecdash/ecdash/views/components/keys"
)

// keyMap is what a list accepts besides the table's own navigation keys.
type keyMap struct {
	Open, Detail, CycleSort, SortCol, ClearFilter keys.Binding
	detail                                        bool // Detail is a key of this list (enter does something else)
}

// newKeyMap is the list's keys; enterHelp (when not "") is what enter does
// instead of opening the detail, which i then opens.
func newKeyMap(enterHelp string) keyMap {
	const g = "List"
	open := keys.New(g, "enter", "open detail", "enter")
	if enterHelp != "" {
		open = keys.New(g, "enter", enterHelp, "enter")
	}
	return keyMap{
		Open:        open,
		Detail:      keys.New(g, "i", "open detail", "i"),
		detail:      enterHelp != "",
		CycleSort:   keys.New("Sort", "s", "cycle sort column / direction", "s"),
		SortCol:     keys.New("Sort", "S", "sort by the column cursor (←/→; again: flip)", "S"),
		ClearFilter: keys.New(g, "esc", "clear filter", "esc"),
	}
}

func (k keyMap) list(tableKeys []key.Binding) keys.Map {
	out := keys.Map{k.Open}
	if k.detail {
		out = append(out, k.Detail)
	}
	out = append(out, k.ClearFilter)
	for _, b := range tableKeys {
		out = append(out, keys.Binding{Binding: b, Group: "List"})
	}
	return append(out, k.CycleSort, k.SortCol)
}
