package chart

import (
	"strconv"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"

	"github.com/ecdash/ecdash/themes"
)

// renderCanvas turns the ntcharts canvas into lines. ntcharts' own View calls
// lipgloss Render once per cell (milliseconds per frame); this groups runs
// of cells with the same look and paints each run once with a Painter, which
// shows the same thing.
func renderCanvas(cv *canvas.Model) []string {
	w, h := cv.Width(), cv.Height()
	lines := make([]string, h)
	painters := map[styleKey]themes.Painter{}
	var line, run strings.Builder
	for y := 0; y < h; y++ {
		line.Reset()
		run.Reset()
		var runKey styleKey
		var runStyle lipgloss.Style
		flush := func() {
			if run.Len() == 0 {
				return
			}
			p, ok := painters[runKey]
			if !ok {
				p = themes.NewPainter(plainStyle(runStyle))
				painters[runKey] = p
			}
			line.WriteString(p.Paint(run.String()))
			run.Reset()
		}
		for x := 0; x < w; x++ {
			cell := cv.Cell(canvas.Point{X: x, Y: y})
			r := cell.Rune
			k, ok := blankKey, true
			if r == 0 {
				// Never drawn: every drawing sets a rune, so its style is
				// the zero one (most of the canvas; no need to read it).
				r = ' '
			} else {
				k, ok = keyOf(cell.Style)
			}
			if !ok { // a colour type we cannot compare: render this cell alone
				flush()
				line.WriteString(cell.Style.Render(string(r)))
				continue
			}
			if k != runKey && run.Len() > 0 {
				flush()
			}
			runKey, runStyle = k, cell.Style
			run.WriteRune(r)
		}
		flush()
		lines[y] = line.String()
	}
	return lines
}

// blankKey is the key of a cell never drawn on.
var blankKey, _ = keyOf(canvas.Cell{}.Style)

// styleKey is what of a cell's style shows: colours and attributes.
type styleKey struct {
	fg, bg string
	attrs  uint8
}

func keyOf(s lipgloss.Style) (styleKey, bool) {
	fg, ok1 := colorKey(s.GetForeground())
	bg, ok2 := colorKey(s.GetBackground())
	var attrs uint8
	for i, on := range []bool{s.GetBold(), s.GetItalic(), s.GetUnderline(), s.GetStrikethrough(),
		s.GetReverse(), s.GetBlink(), s.GetFaint()} {
		if on {
			attrs |= 1 << i
		}
	}
	return styleKey{fg: fg, bg: bg, attrs: attrs}, ok1 && ok2
}

func colorKey(c lipgloss.TerminalColor) (string, bool) {
	switch c := c.(type) {
	case nil, lipgloss.NoColor:
		return "", true
	case lipgloss.Color:
		return "c" + string(c), true
	case lipgloss.ANSIColor:
		return "n" + strconv.FormatUint(uint64(c), 10), true
	case lipgloss.AdaptiveColor:
		return "a" + c.Light + "|" + c.Dark, true
	case lipgloss.CompleteColor:
		return "k" + c.TrueColor + "|" + c.ANSI256 + "|" + c.ANSI, true
	case lipgloss.CompleteAdaptiveColor:
		return "K" + c.Light.TrueColor + "|" + c.Light.ANSI256 + "|" + c.Light.ANSI +
			"|" + c.Dark.TrueColor + "|" + c.Dark.ANSI256 + "|" + c.Dark.ANSI, true
	}
	return "", false
}

// plainStyle keeps only colours and attributes, so a theme style with
// padding or width cannot change the chart's geometry.
func plainStyle(s lipgloss.Style) lipgloss.Style {
	return lipgloss.NewStyle().
		Foreground(s.GetForeground()).Background(s.GetBackground()).
		Bold(s.GetBold()).Italic(s.GetItalic()).Underline(s.GetUnderline()).
		Strikethrough(s.GetStrikethrough()).Reverse(s.GetReverse()).
		Blink(s.GetBlink()).Faint(s.GetFaint())
}
