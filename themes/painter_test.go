package themes

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestPainterMatchesRender(t *testing.T) {
	useProfile(t, termenv.TrueColor, true)
	cases := []lipgloss.Style{
		lipgloss.NewStyle(),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#ff8800")).Bold(true),
		lipgloss.NewStyle().Reverse(true),
		lipgloss.NewStyle().Foreground(lipgloss.Color("12")).Background(lipgloss.Color("0")),
	}
	for i, s := range cases {
		const line = "héllo-wörld"
		if got, want := NewPainter(s).Paint(line), s.Render(line); got != want {
			t.Errorf("case %d: Paint = %q, Render = %q", i, got, want)
		}
	}
}

func TestPainterFallsBackForStylesThatAddContent(t *testing.T) {
	useProfile(t, termenv.TrueColor, true)
	s := lipgloss.NewStyle().Padding(0, 2).Foreground(lipgloss.Color("#ff8800"))
	if got, want := NewPainter(s).Paint("ab"), s.Render("ab"); got != want {
		t.Fatalf("Paint = %q, Render = %q", got, want)
	}
}

func TestPainterAscii(t *testing.T) {
	useProfile(t, termenv.Ascii, true)
	p := NewPainter(lipgloss.NewStyle().Foreground(lipgloss.Color("#ff8800")).Bold(true))
	if got := p.Paint("plain"); got != "plain" {
		t.Fatalf("Ascii profile painted %q", got)
	}
}
