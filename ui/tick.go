package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/ecdash/ecdash/internal/state"
)

// tickMsg is the dashboard's one clock: once a second it moves countdowns,
// ages the staleness text and fades change marks. It never fetches.
type tickMsg struct{}

// watcher is a tab that follows something whichever tab is shown: the
// Events tab follows the active events, and says when a vehicle fell
// silent or stopped early.
type watcher interface {
	Watch(store state.Store) []string
}

// watch runs the tabs that watch, and raises their alerts.
func (m *Model) watch(now time.Time) tea.Cmd {
	var cmds []tea.Cmd
	for _, t := range m.tabs {
		if w, ok := t.(watcher); ok {
			cmds = append(cmds, m.alert(w.Watch(m.cache), "tab 1", now))
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) tick() tea.Cmd { return m.opts.After(time.Second, tickMsg{}) }

func (m *Model) onTick() tea.Cmd {
	now := m.ctx.Now()
	if len(m.cache.Expire(now)) > 0 {
		m.syncAll()
	}
	m.refreshFeedStatus()
	cmd := tea.Batch(m.activeTab().Tick(), m.watch(now))
	if m.mode == modeLog {
		m.pullLog()
	}
	return tea.Batch(cmd, m.tick())
}
