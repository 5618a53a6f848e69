package form

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/keys"
)

// Confirm is a yes/no question that defaults to No: only y answers yes;
// enter, esc, n and every other key answer no. It is what stands between
// the operator and an action that cannot be undone.
type Confirm struct {
	title    string
	lines    []string
	question string
	th       *themes.Theme
	width    int
	height   int
	yes, no  keys.Binding
}

// NewConfirm builds the dialog: a title, lines that name what is at stake,
// and the question ("Delete it?").
func NewConfirm(th *themes.Theme, title string, lines []string, question string) *Confirm {
	return &Confirm{
		title: title, lines: lines, question: question, th: th,
		yes: keys.New("Confirm", "y", "yes", "y"),
		no:  keys.New("Confirm", "n/enter/esc", "no (the default)", "n", "enter", "esc"),
	}
}

// Update answers the dialog on any key: yes only for y.
func (c *Confirm) Update(msg tea.Msg) (answered, yes bool) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false, false
	}
	return true, c.yes.Matches(k)
}

// SetSize sets the area the dialog is centred in.
func (c *Confirm) SetSize(w, h int) { c.width, c.height = max(w, 0), max(h, 0) }

// SetTheme restyles the dialog.
func (c *Confirm) SetTheme(th *themes.Theme) { c.th = th }

// Title is the dialog's title.
func (c *Confirm) Title() string { return c.title }

// KeyMap lists the answers.
func (c *Confirm) KeyMap() keys.Map { return keys.Map{c.yes, c.no} }

// View draws the dialog centred in its area.
func (c *Confirm) View() string {
	if c.width <= 0 || c.height <= 0 {
		return ""
	}
	inner := max(min(c.width-6, 72), 1)
	var body []string
	body = append(body, c.th.Title.Render(clean(c.title)), "")
	for _, l := range c.lines {
		body = append(body, wrap(clean(l), inner)...)
	}
	body = append(body, "")
	body = append(body, wrap(c.question, inner)...)
	body = append(body, c.th.Accent.Render("y")+" yes · "+c.th.Accent.Render("n/enter/esc")+" no (default)")
	box := lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(c.th.Danger.GetForeground()).
		Padding(0, 1).Render(strings.Join(body, "\n"))
	out := lipgloss.Place(c.width, c.height, lipgloss.Center, lipgloss.Center, box)
	lines := strings.Split(out, "\n")
	if len(lines) > c.height {
		lines = lines[:c.height]
	}
	for i, l := range lines {
		lines[i] = pad(l, c.width)
	}
	return strings.Join(lines, "\n")
}
