package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/views"
)

// Update routes each message to the handler that owns it; it holds no
// logic of its own. After each, rows a large change left to make go on in
// the next step (see moreRows), so no message waits behind all of them.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return m, tea.Batch(m.route(msg), m.moreRows())
}

func (m *Model) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return nil
	case tea.KeyMsg:
		return m.onKey(msg)
	case tea.MouseMsg:
		return m.onMouse(msg)
	case tickMsg:
		return m.onTick()
	case pollDueMsg:
		return m.onPollDue(msg)
	case listResultMsg:
		return m.onListResult(msg)
	case views.RefreshMsg:
		return m.refreshNow(msg.Kind)
	case views.Answer:
		return m.onCallResult(msg)
	case views.CloseScreenMsg:
		return m.tabs[msg.Owner].Update(msg)
	case feedBatchMsg:
		return m.onFeedBatch(msg)
	case feedEndedMsg:
		return m.onFeedEnded()
	case liveEventMsg:
		return m.onLiveEvent(msg)
	case selfSubMsg:
		return m.onSelfSub(msg)
	case views.CommandMsg:
		return m.runCommand(msg.Line)
	case views.OpenEventMsg:
		return m.openEvent(msg)
	case moreRowsMsg:
		return m.onMoreRows()
	}
	return m.activeTab().Update(msg)
}
