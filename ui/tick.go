package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// tickMsg is the dashboard's one clock: once a second it moves countdowns,
// ages the staleness text and fades change marks. It never fetches.
type tickMsg struct{}

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m *Model) onTick() tea.Cmd {
	now := m.ctx.Now()
	for _, kind := range m.cache.expire(now) {
		m.syncTab(kind)
	}
	m.refreshFeedStatus()
	m.activeTab().Tick()
	if m.mode == modeLog {
		m.pullLog()
	}
	return tick()
}
