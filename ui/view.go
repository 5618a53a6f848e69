package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
)

// View draws the tab bar, the content (tab, help or log), the prompt line
// and the status bar; below the minimum size only TooSmallText.
func (m *Model) View() string {
	if m.width == 0 && m.height == 0 {
		return "" // no size yet
	}
	if m.tooSmall() {
		return TooSmallText(m.width, m.height)
	}
	var b strings.Builder
	b.WriteString(m.tabBar())
	b.WriteByte('\n')
	b.WriteString(m.content())
	b.WriteByte('\n')
	b.WriteString(m.promptLine())
	b.WriteByte('\n')
	b.WriteString(m.statusBar())
	return b.String()
}

// content is exactly contentHeight lines.
func (m *Model) content() string {
	h := m.contentHeight()
	switch m.mode {
	case modeHelp:
		return m.cachedHelp(m.width, h)
	case modeLog:
		return m.logView(m.width, h)
	}
	body := m.activeTab().View()
	if m.mode == modePalette {
		body = overlayBottom(body, m.paletteBox(), h)
	}
	return body
}

// overlayBottom replaces the last lines of body (height lines) with box.
func overlayBottom(body string, box []string, height int) string {
	lines := strings.Split(body, "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range box {
		at := len(lines) - len(box) + i
		if at >= 0 {
			lines[at] = l
		}
	}
	return strings.Join(lines, "\n")
}

// promptLine is the line above the status bar: the filter or palette input
// while typing; otherwise a note (command result, tab hint, active filter)
// or a reminder of the main keys.
func (m *Model) promptLine() string {
	w := m.width
	switch m.mode {
	case modeFilter:
		return ansi.Truncate(m.filter.View(), w, "")
	case modePalette:
		return ansi.Truncate(m.palette.input.View(), w, "")
	}
	tab := m.activeTab()
	stale, toast := m.staleNote(), m.toastText(m.ctx.Now())
	switch {
	case m.flash != "":
		return m.styles.accent.Paint(ansi.Truncate(" "+m.flash, w, "…"))
	case toast != "":
		return m.styles.toast.Paint(ansi.Truncate(" "+toast, w, "…"))
	case stale != "":
		return m.styles.errText.Paint(ansi.Truncate(" "+stale, w, "…"))
	case tab.InScreen():
		return ""
	case tab.Hint() != "":
		return m.styles.muted.Paint(ansi.Truncate(" "+tab.Hint(), w, "…"))
	case tab.Filter() != "":
		return m.styles.accent.Paint(ansi.Truncate(" filter: "+tab.Filter()+"  (/ edits · esc clears)", w, "…"))
	}
	return m.styles.muted.Paint(ansi.Truncate(" enter detail · / filter · s sort · ←/→ S sort by column · : commands · ? help · q quit", w, "…"))
}

// helpCache keeps the rendered help until what it shows can have changed.
type helpCache struct {
	key  helpKey
	text string
}

type helpKey struct {
	width, height int
	tab           int
	inScreen      bool
	theme         string
	readOnly      bool
	extra         int
}

func (m *Model) cachedHelp(width, height int) string {
	k := helpKey{width, height, int(m.active), m.activeTab().InScreen(), m.ctx.Theme.Name, m.ctx.ReadOnly, len(m.extra)}
	if m.help.key == k && m.help.text != "" {
		return m.help.text
	}
	m.help = helpCache{key: k, text: m.helpView(width, height)}
	return m.help.text
}

// staleNote says, while the API cannot be reached, that what the tab shows
// is as old as its last answer: "⚠ offline: Events as of 14:02 (5 min ago)".
func (m *Model) staleNote() string {
	st, _ := m.connection()
	if (st != state.ConnOffline && st != state.ConnAuth) || !slices.Contains(state.Polled, m.active) {
		return ""
	}
	lp := m.polls.Of(m.active)
	if lp.Updated.IsZero() {
		return "⚠ " + connWord(st) + ": " + m.active.String() + " has not loaded yet"
	}
	return "⚠ " + connWord(st) + ": " + m.active.String() + " as of " + present.Stamp(lp.Updated, m.ctx.Now(), m.ctx.Location) +
		" (" + present.Staleness(lp.Updated, m.ctx.Now()) + "), not updated until the API answers again"
}

// connWord is the state the stale note names.
func connWord(st state.Conn) string {
	if st == state.ConnAuth {
		return "auth failed"
	}
	return "offline"
}
