package ui

import (
	"github.com/ecdash/ecdash/themes"
)

// styles are the shell's painters, made once per theme: the shell styles
// whole segments, never single cells.
type styles struct {
	tabActive, tabInactive, brand themes.Painter

	bar, barKey, barOK, barWarn, barErr, barRO, barMuted themes.Painter

	text, muted, accent, errText, title, selected, toast themes.Painter
}

func newStyles(th *themes.Theme) styles {
	bar := th.StatusBar
	return styles{
		tabActive:   themes.NewPainter(th.TabActive),
		tabInactive: themes.NewPainter(th.TabInactive),
		brand:       themes.NewPainter(th.Title),

		bar:      themes.NewPainter(bar),
		barKey:   themes.NewPainter(th.StatusKey),
		barOK:    themes.NewPainter(th.StatusOK),
		barWarn:  themes.NewPainter(th.StatusWarn),
		barErr:   themes.NewPainter(th.StatusError),
		barRO:    themes.NewPainter(th.ReadOnly),
		barMuted: themes.NewPainter(th.StatusValue),

		text:     themes.NewPainter(th.Text),
		muted:    themes.NewPainter(th.Muted),
		accent:   themes.NewPainter(th.Accent),
		errText:  themes.NewPainter(th.Error),
		toast:    themes.NewPainter(th.Warn.Bold(true)),
		title:    themes.NewPainter(th.Title),
		selected: themes.NewPainter(th.Selected),
	}
}

// setTheme switches the theme live: the shell's painters, every tab and
// every open screen are restyled.
func (m *Model) setTheme(th *themes.Theme) {
	m.ctx.Theme = th
	m.styles = newStyles(th)
	m.tabCache = tabBarCache{}
	m.help = helpCache{}
	for _, t := range m.tabs {
		t.SetTheme(th)
	}
}
