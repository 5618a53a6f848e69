package detail

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/themes"
)

func TestCheckedShowsRawValueMarkedInvalid(t *testing.T) {
	var d Doc
	pr := []client.FieldProblem{{Field: "intervalPeriod.duration", Raw: []byte(`"2 hours"`), Message: `not a duration: "2 hours"`}}
	d.Checked(0, "duration", "—", pr, "intervalPeriod.duration")
	d.Checked(0, "start", "2025-03-04 18:00:00", pr, "intervalPeriod.start")
	d.Problems(pr)
	out := strings.Join(d.render(80, newPainters(themes.Default())), "\n")
	for _, want := range []string{`duration: !"2 hours" (not a duration: "2 hours")`, "start:    2025-03-04 18:00:00", "invalid fields (1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

func TestRenderWrapsWithinWidth(t *testing.T) {
	var d Doc
	d.Field("url", "https://example.com/a/very/long/path/that/keeps/going/and/going/without/any/spaces/at/all")
	d.Item(1, strings.Repeat("ev-0001, ", 20))
	d.Text(strings.Repeat("word ", 40), true)
	for _, w := range []int{1, 5, 12, 30, 79} {
		for _, l := range d.render(w, newPainters(themes.Default())) {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is %d wide", w, l, ansi.StringWidth(l))
			}
		}
	}
}

func TestModelTogglesRawAndScrolls(t *testing.T) {
	var d Doc
	for i := 0; i < 50; i++ {
		d.Field("n", strings.Repeat("x", i%5))
	}
	m := New(themes.Default(), "Thing", d, []byte(`{"a":1}`))
	m.SetSize(50, 10)
	if !strings.Contains(m.View(), "1–9 of 50") {
		t.Errorf("position missing:\n%s", m.View())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if !strings.Contains(m.View(), "42–50 of 50") {
		t.Errorf("G did not scroll to the end:\n%s", m.View())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("v")})
	if !m.ShowingRaw() || !strings.Contains(m.View(), `"a": 1`) {
		t.Errorf("v did not show raw JSON:\n%s", m.View())
	}
	if n := strings.Count(m.View(), "\n") + 1; n != 10 {
		t.Errorf("raw view has %d lines", n)
	}
}

func TestNoRawJSON(t *testing.T) {
	m := New(themes.Default(), "Local", Doc{}, nil)
	m.SetSize(70, 5)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("v")})
	if !strings.Contains(m.View(), "no raw JSON") {
		t.Errorf("view:\n%s", m.View())
	}
}
