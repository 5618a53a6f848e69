package form

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/themes"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func key(n string) tea.KeyMsg {
	switch n {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+y":
		return tea.KeyMsg{Type: tea.KeyCtrlY}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
}

func press(m *Model, names ...string) Result {
	var r Result
	for _, n := range names {
		r, _ = m.Update(key(n))
	}
	return r
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func required(v string) string {
	if v == "" {
		return "required"
	}
	return ""
}

func sample() *Model {
	m := New("Thing", themes.Default(), []Field{
		{Name: "id", Label: "id", Kind: Display},
		{Name: "name", Label: "name", Check: required},
		{Name: "meta.code", Label: "code", Normalize: strings.ToUpper,
			Check: func(v string) string {
				if len(v) != 3 {
					return "needs 3 characters"
				}
				return ""
			}},
		{Name: "kinds", Label: "kinds", Kind: Multi, Options: []string{"A", "B", "C"}},
		{Name: "side", Label: "side", Kind: Choice, Options: []string{"Left", "Right"}},
		{Name: "token", Label: "token", Kind: Secret, Generate: func() string { return "generated-token-value" }},
	})
	m.SetSize(100, 30)
	return m
}

func TestTypingValidatesAndSubmitWaitsForValidFields(t *testing.T) {
	m := sample()
	if m.Focused() != "name" {
		t.Fatalf("first focus on %q, want the first editable field", m.Focused())
	}
	if strings.Contains(m.View(), "required") {
		t.Error("an untouched field shows its error")
	}
	if r := press(m, "ctrl+s"); r != None {
		t.Fatal("submitted an invalid form")
	}
	if msg, bad := m.FieldMessage("name"); !bad || msg != "required" {
		t.Errorf("name message %q %v after a refused submit", msg, bad)
	}
	if !strings.Contains(m.View(), "not saved: fix the 2 field errors first") {
		t.Errorf("no form error:\n%s", m.View())
	}
	typeText(m, "box")
	if v := m.View(); !strings.Contains(v, "not saved: fix the 1 field error first") {
		t.Errorf("the banner did not count down as a field was fixed:\n%s", v)
	}
	press(m, "tab")
	typeText(m, "ab")
	if msg, _ := m.FieldMessage("meta.code"); msg != "needs 3 characters" {
		t.Errorf("code message %q while typing", msg)
	}
	typeText(m, "c")
	if v := m.Value("meta.code"); v != "ABC" {
		t.Errorf("code %q, want it upper-cased as typed", v)
	}
	if v := m.View(); strings.Contains(v, "not saved") {
		t.Errorf("the banner stayed after the last field was fixed:\n%s", v)
	}
	if r := press(m, "ctrl+s"); r != Submit {
		t.Fatalf("a valid form did not submit: %v", m.Errors())
	}
}

func TestOptionsAndButtons(t *testing.T) {
	m := sample()
	m.SetValues(Values{"name": "x", "meta.code": "ABC", "kinds": "C,A,Z", "side": "Right"})
	if v := m.Value("kinds"); v != "A,C" {
		t.Errorf("kinds %q: unknown options must be dropped, order canonical", v)
	}
	if m.Dirty() {
		t.Error("dirty right after SetValues")
	}
	press(m, "tab", "tab", "right", "space") // kinds: toggle B
	if v := m.Value("kinds"); v != "A,B,C" {
		t.Errorf("kinds %q", v)
	}
	press(m, "tab", "space") // side: the cursor starts on the chosen option
	if v := m.Value("side"); v != "Right" {
		t.Errorf("side %q: space moved the choice away from the option under the cursor", v)
	}
	press(m, "left", "space") // side: select Left
	if v := m.Value("side"); v != "Left" {
		t.Errorf("side %q", v)
	}
	if !m.Dirty() {
		t.Error("not dirty after changes")
	}
	if r := press(m, "tab", "tab", "enter"); r != Submit { // token, Save
		t.Errorf("enter on Save: %v", r)
	}
	if r := press(m, "tab", "enter"); r != Cancel {
		t.Errorf("enter on Cancel: %v", r)
	}
	if r := press(m, "esc"); r != Cancel {
		t.Errorf("esc: %v", r)
	}
}

func TestSecretIsMaskedUntilRevealed(t *testing.T) {
	var clip bytes.Buffer
	m := sample()
	m.Clipboard = &clip
	m.SetValues(Values{"token": "a-very-secret-token"})
	m.FocusField("token")
	if strings.Contains(m.View(), "a-very-secret-token") || !strings.Contains(m.View(), "••••••••") {
		t.Fatalf("masked view:\n%s", m.View())
	}
	typeText(m, "x")
	if m.Value("token") != "a-very-secret-token" || !strings.Contains(m.Note(), "ctrl+r reveals") {
		t.Error("typed into a masked secret")
	}
	press(m, "ctrl+r")
	if !strings.Contains(m.View(), "a-very-secret-token") {
		t.Errorf("revealed view:\n%s", m.View())
	}
	press(m, "ctrl+y")
	if !strings.Contains(clip.String(), "YS12ZXJ5LXNlY3JldC10b2tlbg==") {
		t.Errorf("OSC 52 output %q", clip.String())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlG})
	if m.Value("token") != "generated-token-value" {
		t.Errorf("ctrl+g: %q", m.Value("token"))
	}
}

func TestServerErrorsGoBesideTheirFields(t *testing.T) {
	for _, c := range []struct {
		name, server, field string // field "" means the form-level area
	}{
		{"exact path", "meta.code", "meta.code"},
		{"case folded", "Meta.Code", "meta.code"},
		{"last segment", "code", "meta.code"},
		{"last segment, other case", "CODE", "meta.code"},
		{"array index", "kinds[1]", "kinds"},
		{"JSON path prefix", "$.name", "name"},
		{"display field", "id", "id"},
		{"unknown", "colour", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := sample()
			m.SetServerError(&client.Error{StatusCode: 400, Problem: &client.ProblemDetails{
				Title: "One or more validation errors occurred.", Status: 400,
				Errors: map[string][]string{c.server: {"is wrong"}},
			}})
			if c.field == "" {
				if got := strings.Join(m.FormError(), "|"); !strings.Contains(got, c.server+": is wrong") {
					t.Errorf("form area %q", got)
				}
				return
			}
			if msg, bad := m.FieldMessage(c.field); !bad || msg != "server: is wrong" {
				t.Errorf("%s message %q", c.field, msg)
			}
			if head := m.FormError()[0]; head != "400 Bad Request: One or more validation errors occurred." {
				t.Errorf("form area head %q", head)
			}
		})
	}
}

func TestServerErrorIsClearedByEditingAndOtherErrorsStayOneLine(t *testing.T) {
	m := sample()
	m.SetServerError(&client.Error{StatusCode: 409, Problem: &client.ProblemDetails{
		Status: 409, Detail: "a thing named \"box\"\nalready exists", Errors: map[string][]string{"name": {"taken"}},
	}})
	if got := m.FormError(); len(got) != 2 || got[0] != "409 Conflict" || got[1] != `a thing named "box" already exists` {
		t.Errorf("form area %q", got)
	}
	if m.Focused() != "name" {
		t.Errorf("focus on %q, want the field the server named", m.Focused())
	}
	typeText(m, "y")
	if msg, _ := m.FieldMessage("name"); strings.HasPrefix(msg, "server:") {
		t.Errorf("server message survived an edit: %q", msg)
	}
	m.SetServerError(errors.New("dial tcp: connection refused\nretry later"))
	if got := m.FormError(); len(got) != 1 || got[0] != "dial tcp: connection refused retry later" {
		t.Errorf("plain error %q", got)
	}
	m.SetServerError(nil)
	if len(m.FormError()) != 0 {
		t.Error("nil did not clear")
	}
}

func TestBusyFormOnlyLeaves(t *testing.T) {
	m := sample()
	m.SetBusy(true)
	typeText(m, "abc")
	if m.Value("name") != "" {
		t.Error("typed while busy")
	}
	if r := press(m, "ctrl+s"); r != None {
		t.Error("submitted while busy")
	}
	if r := press(m, "esc"); r != Cancel {
		t.Error("esc does not leave a busy form")
	}
}

func TestViewFitsAnySize(t *testing.T) {
	m := sample()
	m.SetFormError("a long server message that has to wrap over several lines when the terminal is narrow", "second")
	press(m, "ctrl+s")
	for _, s := range [][2]int{{0, 0}, {1, 1}, {5, 2}, {20, 4}, {40, 10}, {60, 15}, {120, 36}, {200, 60}} {
		m.SetSize(s[0], s[1])
		v := m.View()
		if s[0] == 0 || s[1] == 0 {
			if v != "" {
				t.Errorf("%v: %q", s, v)
			}
			continue
		}
		lines := strings.Split(v, "\n")
		if len(lines) != s[1] {
			t.Errorf("%v: %d lines", s, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != s[0] {
				t.Errorf("%v: line width %d: %q", s, w, l)
				break
			}
		}
	}
}

func TestFocusedFieldStaysVisibleWhenScrolling(t *testing.T) {
	var fields []Field
	for i := 0; i < 30; i++ {
		n := string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		fields = append(fields, Field{Name: n, Label: "field " + n})
	}
	m := New("Many", themes.Default(), fields)
	m.SetSize(80, 12)
	for i := 0; i < 29; i++ {
		press(m, "tab")
	}
	if !strings.Contains(m.View(), "> field d") {
		t.Errorf("focused field not shown:\n%s", m.View())
	}
}

func TestConfirmDefaultsToNo(t *testing.T) {
	for _, c := range []struct {
		key  string
		want bool
	}{{"y", true}, {"enter", false}, {"esc", false}, {"n", false}, {"Y", false}, {"x", false}} {
		d := NewConfirm(themes.Default(), "Delete it?", []string{"the thing"}, "Really?")
		answered, yes := d.Update(key(c.key))
		if !answered || yes != c.want {
			t.Errorf("%s: answered %v yes %v", c.key, answered, yes)
		}
	}
	d := NewConfirm(themes.Default(), "Delete it?", nil, "Really?")
	if answered, _ := d.Update(tea.WindowSizeMsg{}); answered {
		t.Error("a non-key answered the dialog")
	}
	d.SetSize(40, 10)
	if v := d.View(); !strings.Contains(v, "Delete it?") || strings.Count(v, "\n") != 9 {
		t.Errorf("dialog:\n%s", v)
	}
}

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		a, b []string
		want string
	}{
		{nil, nil, ""},
		{[]string{"x"}, []string{"x"}, " x"},
		{[]string{"a", "b", "c"}, []string{"a", "B", "c"}, " a-b+B c"},
		{[]string{"a"}, []string{"a", "b"}, " a+b"},
		{[]string{"a", "b"}, []string{"b"}, "-a b"},
	} {
		var b strings.Builder
		for _, l := range Diff(c.a, c.b) {
			b.WriteString(map[Op]string{Same: " ", Del: "-", Add: "+"}[l.Op] + l.Text)
		}
		if b.String() != c.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", c.a, c.b, b.String(), c.want)
		}
	}
	lines := RenderDiff(themes.Default(), Diff([]string{"a", "b"}, []string{"a", "c"}), 10, false)
	if len(lines) != 2 || strings.TrimSpace(lines[0]) != "- b" || strings.TrimSpace(lines[1]) != "+ c" {
		t.Errorf("rendered %q", lines)
	}
}

func TestCheckWithoutModel(t *testing.T) {
	errs := Check(sample().Fields(), Values{"name": "", "meta.code": "ABCD"})
	if errs["name"] != "required" || errs["meta.code"] != "needs 3 characters" || len(errs) != 2 {
		t.Errorf("errors %v", errs)
	}
}

// TestServerTextNeverShowsASecret: a server that echoes what it was sent
// must not put the secret on screen, in a problem or in a plain error.
func TestServerTextNeverShowsASecret(t *testing.T) {
	const secret = "a-very-secret-token"
	for _, err := range []error{
		&client.Error{StatusCode: 400, Problem: &client.ProblemDetails{
			Title: "Bad Request", Detail: "rejected " + secret,
			Errors: map[string][]string{"token": {"weak: " + secret}, "other": {secret}},
		}},
		errors.New("server said: " + secret),
	} {
		m := sample()
		m.SetValues(Values{"name": "x", "token": secret})
		m.SetServerError(err)
		if v := m.View(); strings.Contains(v, secret) {
			t.Errorf("secret on screen after %v:\n%s", err, v)
		}
	}
}

// TestNewValuesAreMaskedAgain: after "take theirs" loads the server's copy,
// a secret revealed before is masked again.
func TestNewValuesAreMaskedAgain(t *testing.T) {
	m := sample()
	m.SetValues(Values{"token": "mine-secret-value"})
	m.FocusField("token")
	press(m, "ctrl+r")
	m.SetValues(Values{"token": "theirs-secret-value"})
	if strings.Contains(m.View(), "theirs-secret-value") {
		t.Errorf("the server's secret is shown without asking:\n%s", m.View())
	}
}

// TestReadOnlySaveButtonDoesNothing: enter on Save is as dead as ctrl+s.
func TestReadOnlySaveButtonDoesNothing(t *testing.T) {
	m := sample()
	m.SetValues(Values{"name": "x", "meta.code": "ABC"})
	m.SetReadOnly(true)
	if r := press(m, "ctrl+s"); r != None {
		t.Fatalf("ctrl+s in read-only: %v", r)
	}
	for range 8 { // tab to the Save button
		press(m, "tab")
		if r := press(m, "enter"); r == Submit {
			t.Fatal("enter submitted a read-only form")
		}
	}
}
