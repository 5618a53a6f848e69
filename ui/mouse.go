package ui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// onMouse switches tabs on a click in the tab bar and passes events in the
// content area to the active tab, in the tab's own coordinates.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if !m.mouse || m.mode != modeNormal || m.tooSmall() {
		return nil
	}
	if msg.Y == 0 {
		if msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress {
			if kind, ok := m.tabAt(msg.X); ok {
				return m.switchTab(kind)
			}
		}
		return nil
	}
	if msg.Y < contentTop || msg.Y >= contentTop+m.contentHeight() {
		return nil
	}
	msg.Y -= contentTop
	return m.activeTab().Update(msg)
}

// setMouse turns mouse reporting on or off while running.
func (m *Model) setMouse(on bool) tea.Cmd {
	m.mouse = on
	if on {
		return tea.EnableMouseCellMotion
	}
	return tea.DisableMouse
}
