package ui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// onKey routes a key message. Bubble Tea delivers runes that arrive in one
// read as a single message ("/volvo" when typed fast or sent by tmux), which
// no binding matches; outside a paste they are routed one key at a time, as
// if typed slowly, so "/" opens the filter and "volvo" fills it.
func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	if k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return m.routeKey(k)
	}
	cmds := make([]tea.Cmd, 0, len(k.Runes))
	for _, r := range k.Runes {
		cmds = append(cmds, m.routeKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}))
	}
	return tea.Batch(cmds...)
}

// routeKey decides who gets a key: ctrl+c always quits; an open prompt or
// overlay takes everything; a tab that is capturing text takes everything;
// otherwise the shell's own keys, then the active tab.
func (m *Model) routeKey(k tea.KeyMsg) tea.Cmd {
	if m.keys.ForceQuit.Matches(k) {
		return m.quit()
	}
	switch m.mode {
	case modeFilter:
		return m.filterKey(k)
	case modePalette:
		return m.paletteKey(k)
	case modeHelp, modeLog:
		return m.overlayKey(k)
	}
	tab := m.activeTab()
	if tab.Capturing() {
		return tab.Update(k)
	}
	m.flash = ""
	for i, b := range m.keys.Tabs {
		if b.Matches(k) {
			return m.switchTab(state.Kind(i))
		}
	}
	switch {
	case m.keys.Quit.Matches(k):
		return m.quit()
	case m.keys.NextTab.Matches(k):
		return m.switchTab((m.active + 1) % state.Kind(len(m.tabs)))
	case m.keys.PrevTab.Matches(k):
		return m.switchTab((m.active + state.Kind(len(m.tabs)) - 1) % state.Kind(len(m.tabs)))
	case m.keys.Filter.Matches(k) && !tab.InScreen():
		return m.openFilter()
	case m.keys.Palette.Matches(k):
		return m.openPalette()
	case m.keys.Help.Matches(k):
		m.mode = modeHelp
		return nil
	case m.keys.Log.Matches(k):
		m.mode = modeLog
		m.pullLog()
		return nil
	case m.keys.Refresh.Matches(k):
		return m.refreshNow(m.active)
	}
	if m.ctx.ReadOnly {
		if b, ok := append(m.extra, tab.KeyMap()...).DangerousFor(k); ok {
			m.flash = "read-only: " + b.Help().Desc + " is disabled"
			return nil
		}
	}
	return tab.Update(k)
}

// overlayKey closes help or the log on esc, q, or its own key.
func (m *Model) overlayKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case m.mode == modeHelp && m.keys.Log.Matches(k):
		m.mode = modeLog
		m.pullLog()
	case m.mode == modeLog && m.keys.Help.Matches(k):
		m.mode = modeHelp
	case m.keys.CloseOverlay.Matches(k):
		m.mode = modeNormal
	}
	return nil
}

// switchTab makes kind the active tab; its clock-driven rows catch up at once.
func (m *Model) switchTab(kind state.Kind) tea.Cmd {
	if int(kind) < 0 || int(kind) >= len(m.tabs) {
		return nil
	}
	m.active = kind
	m.syncIfDirty(kind)
	return m.activeTab().Tick()
}

// quit keeps open forms' drafts (nothing typed is lost) and ends the program.
func (m *Model) quit() tea.Cmd {
	if err := m.keepDrafts(); err != nil {
		m.noteError("keeping drafts", err)
	}
	m.cancel()
	return tea.Quit
}

// keepDrafts has every tab write the drafts of its open forms now.
func (m *Model) keepDrafts() error {
	var errs []error
	for _, t := range m.tabs {
		if k, ok := t.(views.DraftKeeper); ok {
			errs = append(errs, k.KeepDrafts())
		}
	}
	return errors.Join(errs...)
}

func (m *Model) redact(s string) string { return m.opts.Redact(s) }

// openEvent shows event msg.ID's dispatch screen on the Events tab (enter on
// a report or a notification about it). A form open there stays: nothing
// typed is lost; the prompt line says why nothing happened.
func (m *Model) openEvent(msg views.OpenEventMsg) tea.Cmd {
	events, ok := m.tabs[state.Events].(interface {
		OpenEvent(id string) (tea.Cmd, bool)
	})
	if !ok {
		return nil
	}
	open, ok := events.OpenEvent(msg.ID)
	if !ok {
		m.flash = "the event cannot be shown now: a form is open on the Events tab (finish it or leave it with esc), or the event is gone"
		return nil
	}
	return tea.Batch(m.switchTab(state.Events), open)
}
