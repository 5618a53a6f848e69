package themes

import (
	"math"
	"strconv"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// TestHighContrastMeetsWCAGAA: every style of the high-contrast theme, on
// a light and on a dark terminal, draws its text at 4.5:1 or more against
// what it is drawn on (its own background, else the terminal's; reversed
// styles swapped), as WCAG 2.x computes contrast.
func TestHighContrastMeetsWCAGAA(t *testing.T) {
	th, err := Builtin("high-contrast")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []struct {
		name     string
		dark     bool
		ink, bgr string // the terminal's default foreground and background
	}{{"light", false, "#000000", "#ffffff"}, {"dark", true, "#ffffff", "#000000"}} {
		for _, f := range styleFields {
			st := f.get(th)
			fgc, ok := hexOf(st.GetForeground(), mode.dark, mode.ink)
			if !ok {
				t.Errorf("%s: style %s's foreground %v is not a hex colour", mode.name, f.key, st.GetForeground())
				continue
			}
			bgc, ok := hexOf(st.GetBackground(), mode.dark, mode.bgr)
			if !ok {
				t.Errorf("%s: style %s's background %v is not a hex colour", mode.name, f.key, st.GetBackground())
				continue
			}
			if st.GetReverse() {
				fgc, bgc = bgc, fgc
			}
			if r := contrast(fgc, bgc); r < 4.5 {
				t.Errorf("%s: style %s draws %s on %s at %.2f:1, under 4.5:1", mode.name, f.key, fgc, bgc, r)
			}
		}
	}
}

// hexOf is c as drawn in the mode (def when c is no colour); ok is false
// for a colour that is not hex.
func hexOf(c lipgloss.TerminalColor, dark bool, def string) (string, bool) {
	switch c := c.(type) {
	case lipgloss.NoColor, nil:
		return def, true
	case lipgloss.AdaptiveColor:
		s := c.Light
		if dark {
			s = c.Dark
		}
		return s, len(s) == 7 && s[0] == '#'
	case lipgloss.Color:
		return string(c), len(c) == 7 && c[0] == '#'
	}
	return "", false
}

// contrast is the WCAG contrast ratio of two "#rrggbb" colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of "#rrggbb".
func luminance(h string) float64 {
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(h[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

// The contrast arithmetic against WCAG's own examples.
func TestContrastArithmetic(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#777777", "#ffffff", 4.48}, {"#ffffff", "#ffffff", 1}} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}
