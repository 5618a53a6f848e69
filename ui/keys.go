package ui

import (
	"github.com/ecdash/ecdash/views/components/keys"
)

// globalKeys are the shell's own bindings, active on every tab.
type globalKeys struct {
	Tabs                  [5]keys.Binding
	NextTab, PrevTab      keys.Binding
	Filter, Palette, Help keys.Binding
	Log, Refresh, Quit    keys.Binding
	ForceQuit             keys.Binding
	CloseOverlay          keys.Binding
}

func newGlobalKeys() globalKeys {
	const nav, gen = "Tabs", "General"
	k := globalKeys{
		Tabs: [5]keys.Binding{
			keys.New(nav, "1", "Events", "1"),
			keys.New(nav, "2", "Resources", "2"),
			keys.New(nav, "3", "Reports", "3"),
			keys.New(nav, "4", "Subscriptions", "4"),
			keys.New(nav, "5", "Feed", "5"),
		},
		NextTab:      keys.New(nav, "tab", "next tab", "tab"),
		PrevTab:      keys.New(nav, "shift+tab", "previous tab", "shift+tab"),
		Filter:       keys.New(gen, "/", "filter by words (esc clears)", "/"),
		Palette:      keys.New(gen, ":", "command palette", ":"),
		Refresh:      keys.New(gen, "r", "refresh this tab now", "r"),
		Log:          keys.New(gen, "L", "request log", "L"),
		Help:         keys.New(gen, "?", "help", "?"),
		Quit:         keys.New(gen, "q", "quit", "q"),
		ForceQuit:    keys.New(gen, "ctrl+c", "quit (always)", "ctrl+c"),
		CloseOverlay: keys.New(gen, "esc", "close", "esc", "q", "?", "L"),
	}
	return k
}

// list returns the bindings shown in help.
func (k globalKeys) list() keys.Map {
	out := keys.Map{}
	out = append(out, k.Tabs[:]...)
	return append(out, k.NextTab, k.PrevTab, k.Filter, k.Palette, k.Refresh, k.Log, k.Help, k.Quit, k.ForceQuit)
}
