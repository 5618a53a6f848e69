package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// newInput is a one-line prompt with a steady cursor (no blink messages).
func newInput(prompt string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.CharLimit = 256
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// openFilter starts typing a filter for the active tab, from its current one.
func (m *Model) openFilter() tea.Cmd {
	m.mode = modeFilter
	m.filter.SetValue(m.activeTab().Filter())
	m.filter.CursorEnd()
	return m.filter.Focus()
}

// filterKey edits the filter live: every change re-filters the tab. Enter
// keeps the filter, esc clears it.
func (m *Model) filterKey(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEnter:
		m.mode = modeNormal
		m.filter.Blur()
		return nil
	case tea.KeyEsc:
		m.mode = modeNormal
		m.filter.Blur()
		m.filter.SetValue("")
		m.activeTab().SetFilter("")
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(k)
	m.activeTab().SetFilter(m.filter.Value())
	return cmd
}
