package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
)

// maxCandidates is how many completions the palette lists at once.
const maxCandidates = 8

// palette is the ':' command line: a text input, the completions that match
// it, and the selected completion.
type palette struct {
	input    textinput.Model
	matches  []string
	selected int
	chosen   bool // the operator moved the selection (up/down)
}

func newPalette() palette { return palette{input: newInput(":")} }

// commands lists every complete command line the palette knows, for completion.
func (m *Model) commands() []string {
	out := []string{}
	for _, k := range state.Kinds {
		out = append(out, strings.ToLower(k.String()))
	}
	out = append(out, "refresh", "refresh all")
	for _, n := range themes.Names() {
		out = append(out, "theme "+n)
	}
	out = append(out, m.selfSubCommands()...)
	return append(out, "mouse on", "mouse off", "bell on", "bell off", "readonly", "log", "help", "quit")
}

// complete returns the commands that start with q, then those containing it.
func complete(all []string, q string) []string {
	q = strings.ToLower(strings.TrimSpace(q))
	var prefix, inner []string
	for _, c := range all {
		switch {
		case strings.HasPrefix(c, q):
			prefix = append(prefix, c)
		case strings.Contains(c, q):
			inner = append(inner, c)
		}
	}
	return append(prefix, inner...)
}

func (m *Model) openPalette() tea.Cmd {
	m.mode = modePalette
	m.palette.input.SetValue("")
	m.palette.matches = complete(m.commands(), "")
	m.palette.selected, m.palette.chosen = 0, false
	return m.palette.input.Focus()
}

func (m *Model) closePalette() {
	m.mode = modeNormal
	m.palette.input.Blur()
}

// paletteKey edits the command: tab completes the selected match, up/down
// select, enter runs, esc cancels.
func (m *Model) paletteKey(k tea.KeyMsg) tea.Cmd {
	p := &m.palette
	switch k.Type {
	case tea.KeyEsc:
		m.closePalette()
		return nil
	case tea.KeyUp:
		if p.selected > 0 {
			p.selected--
		}
		p.chosen = true
		return nil
	case tea.KeyDown:
		if p.selected < len(p.matches)-1 {
			p.selected++
		}
		p.chosen = true
		return nil
	case tea.KeyTab:
		if p.selected < len(p.matches) {
			p.input.SetValue(p.matches[p.selected])
			p.input.CursorEnd()
			p.matches = complete(m.commands(), p.input.Value())
			p.selected = 0
		}
		return nil
	case tea.KeyEnter:
		line := strings.TrimSpace(p.input.Value())
		if pick := p.pick(line); !m.isCommand(line) && pick != "" {
			line = pick
		}
		m.closePalette()
		return m.runCommand(line)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(k)
	p.matches = complete(m.commands(), p.input.Value())
	p.selected, p.chosen = 0, false
	return cmd
}

// pick is the completion enter runs in place of what was typed: the one
// the operator selected with the arrows, or the first one that starts with
// the typed text. A completion that merely contains it is never run
// unasked, so a typo cannot run "quit".
func (p *palette) pick(typed string) string {
	if p.selected >= len(p.matches) {
		return ""
	}
	match := p.matches[p.selected]
	if p.chosen || (typed != "" && strings.HasPrefix(match, strings.ToLower(typed))) {
		return match
	}
	return ""
}

// isCommand reports whether line is runnable as typed: a known command, or
// "theme" with any argument (a theme file path).
func (m *Model) isCommand(line string) bool {
	verb, arg, _ := strings.Cut(line, " ")
	if verb == "theme" && strings.TrimSpace(arg) != "" {
		return true
	}
	for _, c := range m.commands() {
		if c == line {
			return true
		}
	}
	return false
}

// runCommand executes one palette command line.
func (m *Model) runCommand(line string) tea.Cmd {
	verb, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	for _, k := range state.Kinds {
		if strings.EqualFold(verb, k.String()) {
			return m.switchTab(k)
		}
	}
	switch verb {
	case "":
		return nil
	case "refresh":
		if arg == "all" {
			var cmds []tea.Cmd
			for _, k := range state.Polled {
				cmds = append(cmds, m.refreshNow(k))
			}
			m.flash = "refreshing every list"
			return tea.Batch(cmds...)
		}
		m.flash = "refreshing " + m.active.String()
		return m.refreshNow(m.active)
	case "theme":
		th, err := themes.Resolve(arg)
		if err != nil {
			m.flash = oneLine(err.Error())
			return nil
		}
		m.setTheme(th)
		m.flash = "theme " + th.Name
		return nil
	case "mouse":
		on := arg != "off"
		m.flash = "mouse " + map[bool]string{true: "on", false: "off"}[on]
		return m.setMouse(on)
	case "bell":
		m.bell.on = arg != "off"
		m.flash = "bell " + map[bool]string{true: "on: alerts ring the terminal bell", false: "off"}[m.bell.on]
		return nil
	case "readonly":
		if m.ctx.ReadOnly {
			m.flash = "read-only: actions that change server data are disabled (--readonly)"
		} else {
			m.flash = "read-write: start with --readonly to disable actions that change server data"
		}
		return nil
	case "log":
		m.mode = modeLog
		m.pullLog()
		return nil
	case "help":
		m.mode = modeHelp
		return nil
	case "quit", "q":
		return m.quit()
	case "subscribe", "unsubscribe":
		if verb+" "+arg == cmdSubscribe || verb+" "+arg == cmdUnsubscribe {
			return m.runSelfSub(verb == "subscribe")
		}
	}
	m.flash = "unknown command " + strings.TrimSpace(line) + " (tab lists commands)"
	return nil
}

// paletteBox renders the completions, the selected one marked with '>',
// for drawing over the bottom of the content area: at most maxCandidates
// lines, scrolled so the selected one shows; when nothing matches, one line
// that says so (a typo is not an error until enter runs it).
func (m *Model) paletteBox() []string {
	p := m.palette
	if len(p.matches) == 0 {
		text := ansi.Truncate("  no command matches · backspace edits · esc cancels", m.width, "…")
		return []string{m.styles.muted.Paint(text)}
	}
	n := min(len(p.matches), maxCandidates)
	selected := min(max(p.selected, 0), len(p.matches)-1)
	start := max(selected-n+1, 0)
	width := 0
	for _, c := range p.matches[start : start+n] {
		width = max(width, ansi.StringWidth(c))
	}
	width = min(width+4, m.width)
	lines := make([]string, 0, n)
	for i := start; i < start+n; i++ {
		mark, paint := "  ", m.styles.muted
		if i == selected {
			mark, paint = "> ", m.styles.selected
		}
		text := ansi.Truncate(mark+p.matches[i], width, "…")
		text += strings.Repeat(" ", max(width-ansi.StringWidth(text), 0))
		lines = append(lines, paint.Paint(text))
	}
	return lines
}
