package themes

import "github.com/charmbracelet/lipgloss"

// stripColors removes every colour from th, keeping attributes, borders and
// spacing: what NO_COLOR asks of a program that colours by default.
func stripColors(th *Theme) {
	for _, f := range styleFields {
		p := f.get(th)
		*p = withoutColor(*p)
	}
	// A cursor row drawn as a coloured bar would become plain bold text:
	// reverse video keeps it visible without colour.
	th.Selected = th.Selected.Reverse(true)
}

func withoutColor(s lipgloss.Style) lipgloss.Style {
	return s.UnsetForeground().UnsetBackground().
		UnsetBorderForeground().UnsetBorderBackground().UnsetMarginBackground()
}
