package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/views"
)

// moreRowsMsg asks the active tab to make its next step of rows.
type moreRowsMsg struct{}

// moreRows returns the command that brings the next step, while the active
// tab has rows left to make (one at a time: a step is queued behind any
// key already waiting, which is the point).
func (m *Model) moreRows() tea.Cmd {
	if m.rowsQueued {
		return nil
	}
	p, ok := m.activeTab().(views.Pender)
	if !ok || !p.Pending() {
		return nil
	}
	m.rowsQueued = true
	return func() tea.Msg { return moreRowsMsg{} }
}

func (m *Model) onMoreRows() tea.Cmd {
	m.rowsQueued = false
	m.activeTab().Sync(m.cache)
	return nil
}
