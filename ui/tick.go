package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// tickMsg is the dashboard's one clock: once a second it moves countdowns,
// ages the staleness text and fades change marks. It never fetches.
type tickMsg struct{}

func (m *Model) tick() tea.Cmd { return m.opts.After(time.Second, tickMsg{}) }

func (m *Model) onTick() tea.Cmd {
	now := m.ctx.Now()
	for _, kind := range m.cache.expire(now) {
		m.syncTab(kind)
	}
	m.refreshFeedStatus()
	cmd := m.activeTab().Tick()
	if m.mode == modeLog {
		m.pullLog()
	}
	return tea.Batch(cmd, m.tick())
}
