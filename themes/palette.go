package themes

import "github.com/charmbracelet/lipgloss"

// palette is the handful of colour roles a built-in theme chooses; build turns
// it into every style, so all built-ins share one layout of emphasis (bold,
// reverse, underline) and differ only in colour.
type palette struct {
	text, muted, accent, border lipgloss.TerminalColor

	selFg, selBg lipgloss.TerminalColor // cursor row; both nil → reverse video

	ok, warn, err, danger   lipgloss.TerminalColor
	changed, added, deleted lipgloss.TerminalColor

	barFg, barBg lipgloss.TerminalColor // status bar
	// The states on the status bar, when its background needs others than
	// ok, warn and err (nil: those).
	barOK, barWarn, barErr, barKey lipgloss.TerminalColor

	jsonKey, jsonString, jsonNumber, jsonBool, jsonNull lipgloss.TerminalColor

	chartTarget, chartFleet, chartVehicle, chartNow, chartWindow lipgloss.TerminalColor
}

// fg returns s with foreground c, or s unchanged when c is nil.
func fg(s lipgloss.Style, c lipgloss.TerminalColor) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Foreground(c)
}

// or is c, else d.
func or(c, d lipgloss.TerminalColor) lipgloss.TerminalColor {
	if c == nil {
		return d
	}
	return c
}

// bg returns s with background c, or s unchanged when c is nil.
func bg(s lipgloss.Style, c lipgloss.TerminalColor) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Background(c)
}

func build(name string, p palette) *Theme {
	s := lipgloss.NewStyle
	selected := s().Bold(true)
	if p.selFg == nil && p.selBg == nil {
		selected = selected.Reverse(true)
	} else {
		selected = bg(fg(selected, p.selFg), p.selBg)
	}
	bar := bg(fg(s(), p.barFg), p.barBg)
	return &Theme{
		Name:   name,
		Text:   fg(s(), p.text),
		Muted:  fg(s(), p.muted),
		Accent: fg(s(), p.accent),
		Border: fg(s(), p.border),
		Title:  fg(s().Bold(true), p.accent),

		TabActive:   fg(s().Bold(true).Underline(true), p.accent),
		TabInactive: fg(s(), p.muted),

		Header:       fg(s().Bold(true), p.text),
		HeaderSorted: fg(s().Bold(true).Italic(true), p.accent),
		Selected:     selected,

		Changed: fg(s(), p.changed),
		New:     fg(s(), p.added),
		Deleted: fg(s().Strikethrough(true), p.deleted),

		OK:     fg(s(), p.ok),
		Warn:   fg(s(), p.warn),
		Error:  fg(s().Bold(true), p.err),
		Danger: fg(s().Bold(true), p.danger),

		StatusBar:   bar,
		StatusKey:   fg(bar.Bold(true), or(p.barKey, p.accent)),
		StatusValue: bar,
		StatusOK:    fg(bar, or(p.barOK, p.ok)),
		StatusWarn:  fg(bar, or(p.barWarn, p.warn)),
		StatusError: fg(bar.Bold(true), or(p.barErr, p.err)),
		ReadOnly:    fg(s().Bold(true).Reverse(true), p.warn),

		HelpKey:  fg(s().Bold(true), p.accent),
		HelpDesc: fg(s(), p.muted),
		Overlay:  s().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 1),

		JSONKey:    fg(s(), p.jsonKey),
		JSONString: fg(s(), p.jsonString),
		JSONNumber: fg(s(), p.jsonNumber),
		JSONBool:   fg(s(), p.jsonBool),
		JSONNull:   fg(s().Italic(true), p.jsonNull),
		JSONPunct:  fg(s(), p.muted),

		ChartTarget:  fg(s().Bold(true), p.chartTarget),
		ChartFleet:   fg(s(), p.chartFleet),
		ChartVehicle: fg(s(), p.chartVehicle),
		ChartNow:     fg(s().Bold(true), p.chartNow),
		ChartWindow:  fg(s(), p.chartWindow),
		ChartAxis:    fg(s(), p.muted),
		ChartLabel:   fg(s(), p.text),
	}
}
