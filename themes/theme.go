package themes

import (
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Theme holds one lipgloss style per role on screen. Views read it; only the
// shell swaps it (live, from the palette), so views must re-read styles after
// SetTheme rather than keep copies.
type Theme struct {
	Name string

	Text, Muted, Accent, Border, Title lipgloss.Style
	TabActive, TabInactive             lipgloss.Style
	Header, HeaderSorted               lipgloss.Style // table header; the sorted column
	Selected                           lipgloss.Style // cursor row
	Changed, New, Deleted              lipgloss.Style // recently changed / created / deleted rows
	OK, Warn, Error, Danger            lipgloss.Style // states; Danger marks destructive actions and silent vehicles
	StatusBar, StatusKey, StatusValue  lipgloss.Style
	StatusOK, StatusWarn, StatusError  lipgloss.Style // states on the status bar's background
	ReadOnly                           lipgloss.Style // the READ-ONLY badge
	HelpKey, HelpDesc                  lipgloss.Style
	Overlay                            lipgloss.Style // palette / dialog box

	JSONKey, JSONString, JSONNumber, JSONBool, JSONNull, JSONPunct lipgloss.Style

	ChartTarget, ChartFleet, ChartVehicle, ChartNow, ChartWindow, ChartAxis, ChartLabel lipgloss.Style
}

// builtins maps each built-in name to its palette, in the order Names lists them.
var builtins = []struct {
	name    string
	palette func() palette
}{
	{"dark", darkPalette},
	{"light", lightPalette},
	{"high-contrast", highContrastPalette},
	{"colorblind", colorblindPalette},
}

// DefaultName is the theme used when neither flag nor config picks one.
const DefaultName = "dark"

// Names lists the built-in theme names, default first.
func Names() []string {
	out := make([]string, len(builtins))
	for i, b := range builtins {
		out[i] = b.name
	}
	return out
}

// Builtin returns a fresh copy of the named built-in theme (callers may modify
// it). With NO_COLOR set, the theme keeps only attributes (bold, reverse,
// underline, ...) so the cursor row and header stay distinguishable.
func Builtin(name string) (*Theme, error) {
	for _, b := range builtins {
		if b.name == name {
			th := build(b.name, b.palette())
			if NoColor() {
				stripColors(th)
			}
			return th, nil
		}
	}
	return nil, fmt.Errorf("unknown theme %q: built-in themes are %s (or give a path to a theme file)",
		name, strings.Join(Names(), ", "))
}

// Default returns the default built-in theme ("dark").
func Default() *Theme {
	th, err := Builtin(DefaultName)
	if err != nil {
		panic(err) // unreachable: DefaultName is in builtins
	}
	return th
}

// Resolve picks a built-in theme by name, and otherwise treats nameOrPath as
// the path of a theme file.
func Resolve(nameOrPath string) (*Theme, error) {
	if nameOrPath == "" {
		return Default(), nil
	}
	for _, n := range Names() {
		if n == nameOrPath {
			return Builtin(n)
		}
	}
	if _, err := os.Stat(nameOrPath); err != nil {
		return nil, fmt.Errorf("theme %q is neither a built-in theme (%s) nor a readable file: %w",
			nameOrPath, strings.Join(Names(), ", "), err)
	}
	return Load(nameOrPath)
}

// NoColor reports whether NO_COLOR is set and non-empty (https://no-color.org).
//
// Note: lipgloss itself then picks the Ascii profile, which drops bold and
// reverse too. A program that wants the attributes kept should set the
// colour profile to termenv.ANSI when its output is a terminal; the built-in
// themes hold no colours under NO_COLOR, so nothing coloured is emitted.
func NoColor() bool {
	return os.Getenv("NO_COLOR") != ""
}
