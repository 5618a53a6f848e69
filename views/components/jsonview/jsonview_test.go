package jsonview

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/ecdash/ecdash/themes"
	"github.com/muesli/termenv"
)

// useProfile fixes lipgloss's colour profile for one test so results don't
// depend on the terminal running the tests.
func useProfile(t testing.TB, p termenv.Profile) {
	t.Helper()
	prev, prevDark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	lipgloss.SetColorProfile(p)
	lipgloss.SetHasDarkBackground(true)
	t.Cleanup(func() {
		lipgloss.SetColorProfile(prev)
		lipgloss.SetHasDarkBackground(prevDark)
	})
}

// view returns the View of raw at w×h, without escape codes, trailing spaces trimmed.
func view(t *testing.T, raw string, w, h int) (Model, string) {
	t.Helper()
	useProfile(t, termenv.Ascii)
	m := New(nil)
	m.SetSize(w, h)
	m.SetJSON([]byte(raw))
	ls := strings.Split(ansi.Strip(m.View()), "\n")
	for i := range ls {
		ls[i] = strings.TrimRight(ls[i], " ")
	}
	return m, strings.Join(ls, "\n")
}

const sample = `{"id":"evt-1","zeta":1.50e+3,"alpha":-0,"ok":true,"none":null,
 "name":"caf\u00e9 \"quoted\" 東京","empty":{},"list":[],"nested":{"targets":[1,{"a":false}]}}`

func TestPrettyPrintKeepsOrderNumbersAndEscapes(t *testing.T) {
	want := `{
  "id": "evt-1",
  "zeta": 1.50e+3,
  "alpha": -0,
  "ok": true,
  "none": null,
  "name": "caf\u00e9 \"quoted\" 東京",
  "empty": {},
  "list": [],
  "nested": {
    "targets": [
      1,
      {
        "a": false
      }
    ]
  }
}`
	m, got := view(t, sample, 80, 20)
	if m.Err() != nil {
		t.Fatal(m.Err())
	}
	if got != want+"\n\n" { // 18 lines of document, 2 blank
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if m.LineCount() != 18 {
		t.Fatalf("LineCount = %d", m.LineCount())
	}
}

func TestScalarsAndWhitespace(t *testing.T) {
	for raw, want := range map[string]string{
		"  42  ":              "42",
		`"just text"`:         `"just text"`,
		"[ ]":                 "[]",
		"{ \n }":              "{}",
		`[[[]]]`:              "[\n  [\n    []\n  ]\n]",
		"\t{\"k\":\"v\"}\r\n": "{\n  \"k\": \"v\"\n}",
	} {
		_, got := view(t, raw, 20, strings.Count(want, "\n")+1)
		if got != want {
			t.Errorf("%q → %q, want %q", raw, got, want)
		}
	}
}

func TestInvalidJSONShownAsTextWithErrorLine(t *testing.T) {
	raw := "{\"a\": 1,\n \"b\": tru\x1b[31m}\n"
	m, got := view(t, raw, 60, 4)
	if m.Err() == nil {
		t.Fatal("no error for invalid JSON")
	}
	ls := strings.Split(got, "\n")
	if !strings.HasPrefix(ls[0], "invalid JSON at line 2, column 10:") {
		t.Errorf("error line %q", ls[0])
	}
	if ls[1] != `{"a": 1,` || ls[2] != ` "b": tru?[31m}` {
		t.Errorf("raw text lines %q", ls[1:])
	}
	if strings.Contains(m.View(), "\x1b[31m") {
		t.Error("an escape sequence from the input reached the screen")
	}
}

func TestEmptyInputIsAnError(t *testing.T) {
	m, got := view(t, "", 40, 2)
	if m.Err() == nil || !strings.HasPrefix(got, "invalid JSON") {
		t.Fatalf("err %v view %q", m.Err(), got)
	}
}

func TestC1ControlsInsideStringsAreDefused(t *testing.T) {
	m, got := view(t, "[\"a\u009bb\x7f\"]", 20, 3)
	if m.Err() != nil || !strings.Contains(got, `"a?b?"`) {
		t.Fatalf("err %v view %q", m.Err(), got)
	}
}

func TestLongLinesAreCutToWidth(t *testing.T) {
	raw := `{"description":"` + strings.Repeat("東", 50) + `","n":1}`
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		useProfile(t, profile)
		m := New(themes.Default())
		m.SetSize(21, 5)
		m.SetJSON([]byte(raw))
		v := m.View()
		for i, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) != 21 {
				t.Errorf("line %d is %d cells: %q", i, ansi.StringWidth(l), l)
			}
		}
		if second := ansi.Strip(strings.Split(v, "\n")[1]); !strings.HasPrefix(second, `  "description": "`) || !strings.Contains(second, "…") {
			t.Errorf("cut line %q", second)
		}
	}
}

func TestViewIsExactlyWidthByHeight(t *testing.T) {
	useProfile(t, termenv.TrueColor)
	docs := []string{sample, "not json\n\tat all", "", `[` + strings.Repeat(`[`, 60) + strings.Repeat(`]`, 60) + `]`}
	for _, doc := range docs {
		for w := 0; w <= 30; w++ {
			for h := 0; h <= 6; h++ {
				m := New(nil)
				m.SetSize(w, h)
				m.SetJSON([]byte(doc))
				m.GotoBottom()
				v := m.View()
				if h == 0 {
					if v != "" {
						t.Fatalf("%dx%d: %q", w, h, v)
					}
					continue
				}
				ls := strings.Split(v, "\n")
				if len(ls) != h {
					t.Fatalf("%dx%d: %d lines", w, h, len(ls))
				}
				for _, l := range ls {
					if ansi.StringWidth(l) != w {
						t.Fatalf("%dx%d: line %q is %d cells", w, h, l, ansi.StringWidth(l))
					}
				}
			}
		}
	}
}

func TestScrolling(t *testing.T) {
	m, _ := view(t, sample, 40, 5) // 18 lines, 5 visible
	steps := []struct {
		msg  tea.Msg
		want int
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 1},
		{tea.KeyMsg{Type: tea.KeyDown}, 2},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}, 1},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 6},
		{tea.KeyMsg{Type: tea.KeyCtrlD}, 8},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, 13},
		{tea.KeyMsg{Type: tea.KeyDown}, 13},
		{tea.KeyMsg{Type: tea.KeyCtrlU}, 11},
		{tea.KeyMsg{Type: tea.KeyPgUp}, 6},
		{tea.MouseMsg{Button: tea.MouseButtonWheelDown}, 9},
		{tea.MouseMsg{Button: tea.MouseButtonWheelUp}, 6},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")}, 0},
		{tea.KeyMsg{Type: tea.KeyUp}, 0},
		{tea.KeyMsg{Type: tea.KeyEnd}, 13},
		{tea.KeyMsg{Type: tea.KeyHome}, 0},
	}
	for i, s := range steps {
		m, _ = m.Update(s.msg)
		if m.Offset() != s.want {
			t.Fatalf("step %d (%v): offset %d, want %d", i, s.msg, m.Offset(), s.want)
		}
	}
	m.GotoBottom()
	if got := strings.TrimSpace(ansi.Strip(strings.Split(m.View(), "\n")[4])); got != "}" {
		t.Fatalf("last visible line at the bottom: %q", got)
	}
}

func TestSetJSONKeepsScrollClamped(t *testing.T) {
	m, _ := view(t, sample, 40, 5)
	m.ScrollBy(10)
	m.SetJSON([]byte(sample)) // a refresh of the same object
	if m.Offset() != 10 {
		t.Fatalf("refresh moved the scroll to %d", m.Offset())
	}
	m.SetJSON([]byte(`{"short":1}`))
	if m.Offset() != 0 {
		t.Fatalf("offset %d past a 3-line document", m.Offset())
	}
}

// Each token class is wrapped in its own theme style.
func TestColourClasses(t *testing.T) {
	useProfile(t, termenv.TrueColor)
	th := themes.Default()
	m := New(th)
	m.SetSize(80, 20)
	m.SetJSON([]byte(sample))
	v := m.View()
	paint := func(s lipgloss.Style, text string) string { return themes.NewPainter(s).Paint(text) }
	for _, want := range []struct{ class, text string }{
		{"key", paint(th.JSONKey, `"zeta"`)},
		{"punct", paint(th.JSONPunct, ":")},
		{"string", paint(th.JSONString, `"evt-1"`)},
		{"number", paint(th.JSONNumber, "1.50e+3")},
		{"bool", paint(th.JSONBool, "true")},
		{"null", paint(th.JSONNull, "null")},
		{"brace", paint(th.JSONPunct, "{")},
	} {
		if !strings.Contains(v, want.text) {
			t.Errorf("%s: %q not in view", want.class, want.text)
		}
	}
	prefixes := map[string]bool{}
	for _, s := range []lipgloss.Style{th.JSONKey, th.JSONString, th.JSONNumber, th.JSONBool, th.JSONNull, th.JSONPunct} {
		prefixes[themes.NewPainter(s).Prefix()] = true
	}
	if len(prefixes) != 6 {
		t.Errorf("the default theme gives %d distinct JSON styles, want 6", len(prefixes))
	}
}

func TestNoColorJSONHasNoColour(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	useProfile(t, termenv.TrueColor)
	th, _ := themes.Builtin("colorblind")
	m := New(th)
	m.SetSize(80, 20)
	m.SetJSON([]byte(sample))
	v := m.View()
	if !strings.Contains(v, "\x1b[3m") {
		t.Fatal("attributes (italic null) should survive NO_COLOR")
	}
	for _, seq := range regexp.MustCompile("\x1b\\[([0-9;]*)m").FindAllStringSubmatch(v, -1) {
		for _, p := range strings.Split(seq[1], ";") {
			if n, _ := strconv.Atoi(p); (n >= 30 && n <= 49) || (n >= 90 && n <= 107) {
				t.Fatalf("colour escape %q under NO_COLOR", seq[0])
			}
		}
	}
}

func TestSetThemeRecolours(t *testing.T) {
	useProfile(t, termenv.TrueColor)
	m := New(themes.Default())
	m.SetSize(40, 5)
	m.SetJSON([]byte(sample))
	before := m.View()
	hc, _ := themes.Builtin("high-contrast")
	m.SetTheme(hc)
	after := m.View()
	if before == after || ansi.Strip(before) != ansi.Strip(after) {
		t.Fatal("SetTheme should change colours and only colours")
	}
}

func TestKeyMapListsBindings(t *testing.T) {
	if got := len(New(nil).KeyMap()); got != 8 {
		t.Fatalf("%d bindings", got)
	}
}

func FuzzSetJSON(f *testing.F) {
	for _, s := range []string{sample, "", "{", `{"a":}`, `[1,2`, "\"\\", "nul", `{"a":"\u0000"}`, "[\"\x9b\"]", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		m := New(nil)
		m.SetSize(17, 4)
		m.SetJSON([]byte(raw))
		m.GotoBottom()
		for _, l := range strings.Split(m.View(), "\n") {
			if ansi.StringWidth(l) != 17 {
				t.Fatalf("line %q is %d cells", l, ansi.StringWidth(l))
			}
		}
	})
}
