package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/views"
)

// Update routes each message to the handler that owns it; it holds no
// logic of its own.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		return m, m.onKey(msg)
	case tea.MouseMsg:
		return m, m.onMouse(msg)
	case tickMsg:
		return m, m.onTick()
	case pollDueMsg:
		return m, m.onPollDue(msg)
	case listResultMsg:
		return m, m.onListResult(msg)
	case views.RefreshMsg:
		return m, m.refreshNow(msg.Kind)
	case views.Answer:
		return m, m.onCallResult(msg)
	case views.CloseScreenMsg:
		return m, m.tabs[msg.Owner].Update(msg)
	case feedBatchMsg:
		return m, m.onFeedBatch(msg)
	case feedEndedMsg:
		return m, m.onFeedEnded()
	case liveEventMsg:
		return m, m.onLiveEvent(msg)
	case selfSubMsg:
		return m, m.onSelfSub(msg)
	case views.CommandMsg:
		return m, m.runCommand(msg.Line)
	}
	return m, m.activeTab().Update(msg)
}
