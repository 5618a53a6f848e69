package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/views/components/keys"
)

// helpKeyMap is every binding reachable now: the shell's, then the active
// tab's current screen's, with dangerous ones dropped in read-only mode.
func (m *Model) helpKeyMap() keys.Map {
	all := append(m.keys.list(), m.activeTab().KeyMap()...)
	all = append(all, m.extra...)
	return all.ForMode(m.ctx.ReadOnly).Enabled()
}

// helpView draws the help overlay in the content area, generated from the
// key map: one column per group (bubbles/help), wrapped into rows of
// columns to fit the width, exactly height lines.
func (m *Model) helpView(width, height int) string {
	th := m.ctx.Theme
	h := help.New()
	h.Styles.FullKey = th.HelpKey
	h.Styles.FullDesc = th.HelpDesc
	h.Styles.FullSeparator = th.Muted
	titles, groups := m.helpKeyMap().Groups()

	var blocks []string
	for i, g := range groups {
		body := h.FullHelpView([][]key.Binding{g})
		blocks = append(blocks, th.Title.Render(titles[i])+"\n"+body)
	}
	var rows []string
	var row []string
	rowW := 0
	for _, b := range blocks {
		w := lipgloss.Width(b) + 3
		if rowW+w > width && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(3).Render(b))
		rowW += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	header := " Keys" + map[bool]string{true: " (read-only: actions that change server data are hidden)", false: ""}[m.ctx.ReadOnly] + " · esc closes"
	lines := []string{m.styles.title.Paint(ansi.Truncate(header, width, "…")), ""}
	for _, r := range rows {
		for _, l := range strings.Split(r, "\n") {
			lines = append(lines, ansi.Truncate(" "+l, width, "…"))
		}
		lines = append(lines, "")
	}
	if len(lines) > height {
		lines = lines[:height]
		if height > 0 {
			lines[height-1] = m.styles.muted.Paint(ansi.Truncate(" … (enlarge the terminal to see every key)", width, "…"))
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
