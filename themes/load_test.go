package themes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestLoadGoodFile(t *testing.T) {
	useProfile(t, termenv.TrueColor, true)
	th, err := Load("testdata/ocean.yaml")
	if err != nil {
		t.Fatal(err)
	}
	light, _ := Builtin("light")
	if th.Name != "ocean" {
		t.Errorf("Name = %q", th.Name)
	}
	if got := th.Accent.GetForeground(); got != lipgloss.Color("#0077b6") || !th.Accent.GetBold() {
		t.Errorf("accent = %v bold=%v", got, th.Accent.GetBold())
	}
	if got, want := th.Selected.GetBackground(), (lipgloss.AdaptiveColor{Light: "#0077b6", Dark: "#48cae4"}); got != want {
		t.Errorf("selected bg = %#v, want %#v", got, want)
	}
	if got := th.TabActive.GetForeground(); got != lipgloss.Color("39") {
		t.Errorf("tab-active (kebab key) fg = %v", got)
	}
	if _, none := th.Muted.GetForeground().(lipgloss.NoColor); !none || !th.Muted.GetFaint() {
		t.Errorf("muted: fg none should remove the colour and faint be set; got %#v", th.Muted.GetForeground())
	}
	if got := th.Overlay.GetBorderTopForeground(); got != lipgloss.Color("#0077b6") {
		t.Errorf("overlay border fg = %v", got)
	}
	// Untouched roles come from the base theme.
	if th.JSONKey.Render("k") != light.JSONKey.Render("k") || th.Header.Render("h") != light.Header.Render("h") {
		t.Error("styles the file does not set should equal the base theme's")
	}
}

func TestLoadDefaultsNameAndBase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.yml")
	if err := os.WriteFile(path, []byte("error: {fg: \"#f00\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	th, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	dark := Default()
	if th.Name != "mine" || th.Error.GetForeground() != lipgloss.Color("#f00") || th.Text.GetForeground() != dark.Text.GetForeground() {
		t.Fatalf("got name %q, error fg %v, text fg %v", th.Name, th.Error.GetForeground(), th.Text.GetForeground())
	}
}

func TestLoadBadFilesNameFileLineAndKey(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string // substrings of the error, after the file name
	}{
		{"unknown key", "name: x\nslected: {bold: true}\n", []string{":2:1:", `"slected"`, `did you mean "selected"`}},
		{"unknown property", "name: x\ntext:\n  colour: red\n", []string{":3:3:", `"text.colour"`, "fg, bg"}},
		{"bad colour", "text:\n  fg: \"#12345\"\n", []string{":2:7:", `"text.fg"`, `"#12345"`}},
		{"colour out of range", "text: {fg: 256}\n", []string{":1:12:", `"text.fg"`}},
		{"bad adaptive colour", "text:\n  fg: {light: \"#fff\", dusk: \"#000\"}\n", []string{":2:23:", `"text.fg.dusk"`}},
		{"adaptive missing side", "text:\n  fg: {light: \"#fff\"}\n", []string{":2:7:", "both light and dark"}},
		{"bad bool", "header: {bold: maybe}\n", []string{":1:16:", `"header.bold"`, "true or false"}},
		{"bad base", "base: solarized\n", []string{":1:7:", `"base"`, "high-contrast"}},
		{"style not a mapping", "accent: blue\n", []string{":1:9:", `"accent"`, "expected a mapping"}},
		{"duplicate key", "text: {bold: true}\ntext: {bold: false}\n", []string{":2:1:", "appears twice"}},
		{"top level list", "- text\n", []string{":1:1:", "expected a mapping"}},
		{"bad YAML", "name: x\ntext: fg: \"#fff\"\n", []string{"invalid YAML", "line 2"}},
		{"empty", "", []string{"empty file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.yaml")
			if err := os.WriteFile(path, []byte(c.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil {
				t.Fatal("want an error")
			}
			msg := err.Error()
			if !strings.Contains(msg, path) {
				t.Errorf("error %q does not name the file", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadKeepsExplicitColoursUnderNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	th, err := Load("testdata/ocean.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if th.Accent.GetForeground() != lipgloss.Color("#0077b6") {
		t.Error("a colour the user wrote in the file was dropped")
	}
	if _, none := th.JSONKey.GetForeground().(lipgloss.NoColor); !none {
		t.Errorf("base theme colour kept under NO_COLOR: %#v", th.JSONKey.GetForeground())
	}
}
