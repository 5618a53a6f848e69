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
	if len(m.cache.Expire(now)) > 0 {
		m.syncAll()
	}
	m.refreshFeedStatus()
	cmd := m.activeTab().Tick()
	if m.mode == modeLog {
		m.pullLog()
	}
	return tea.Batch(cmd, m.tick())
}
