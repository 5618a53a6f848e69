package themes

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// useProfile fixes lipgloss's colour profile and background for one test so
// results don't depend on the terminal running the tests.
func useProfile(t *testing.T, p termenv.Profile, dark bool) {
	t.Helper()
	prevP, prevDark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	lipgloss.SetColorProfile(p)
	lipgloss.SetHasDarkBackground(dark)
	t.Cleanup(func() {
		lipgloss.SetColorProfile(prevP)
		lipgloss.SetHasDarkBackground(prevDark)
	})
}

func TestStyleFieldsCoverEveryThemeStyle(t *testing.T) {
	var th Theme
	listed := map[uintptr]string{}
	for _, f := range styleFields {
		p := reflect.ValueOf(f.get(&th)).Pointer()
		if prev, dup := listed[p]; dup {
			t.Errorf("keys %q and %q point at the same field", prev, f.key)
		}
		listed[p] = f.key
	}
	v := reflect.ValueOf(&th).Elem()
	styleType := reflect.TypeOf(lipgloss.Style{})
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Type() != styleType {
			continue
		}
		if _, ok := listed[v.Field(i).Addr().Pointer()]; !ok {
			t.Errorf("Theme.%s has no theme-file key in styleFields", v.Type().Field(i).Name)
		}
	}
}

func TestBuiltinsHaveEveryStyleUsable(t *testing.T) {
	useProfile(t, termenv.TrueColor, true)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			th, err := Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			if th.Name != name {
				t.Errorf("Name = %q, want %q", th.Name, name)
			}
			distinct := map[string]bool{}
			for _, f := range styleFields {
				out := f.get(th).Render("x")
				if !strings.Contains(out, "x") {
					t.Errorf("%s renders %q, which lost the text", f.key, out)
				}
				if out == "x" {
					t.Errorf("%s renders unstyled: every built-in style should set something", f.key)
				}
				distinct[out] = true
			}
			if len(distinct) < 12 {
				t.Errorf("only %d distinct styles: roles are not told apart", len(distinct))
			}
			plain := th.Text.Render("x")
			for _, s := range []struct {
				role  string
				style lipgloss.Style
			}{{"selected", th.Selected}, {"header", th.Header}, {"read_only", th.ReadOnly}, {"tab_active", th.TabActive}, {"error", th.Error}} {
				if s.style.Render("x") == plain {
					t.Errorf("%s looks like plain text", s.role)
				}
			}
		})
	}
}

func TestBuiltinReturnsIndependentCopies(t *testing.T) {
	a, _ := Builtin("dark")
	a.Text = a.Text.Bold(true)
	b, _ := Builtin("dark")
	if b.Text.GetBold() {
		t.Fatal("changing one Builtin result changed the next one")
	}
}

func TestDefaultThemeAdaptsToBackground(t *testing.T) {
	th := Default()
	useProfile(t, termenv.TrueColor, true)
	onDark := th.Text.Render("x")
	useProfile(t, termenv.TrueColor, false)
	onLight := th.Text.Render("x")
	if onDark == onLight {
		t.Fatalf("dark theme text renders the same on dark and light backgrounds: %q", onDark)
	}
}

func TestBuiltinUnknownNameListsValidOnes(t *testing.T) {
	_, err := Builtin("solarized")
	if err == nil {
		t.Fatal("want an error")
	}
	for _, n := range Names() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not list %q", err, n)
		}
	}
}

func TestResolve(t *testing.T) {
	cases := []struct {
		arg, wantName, wantErr string
	}{
		{"", "dark", ""},
		{"light", "light", ""},
		{"colorblind", "colorblind", ""},
		{"testdata/ocean.yaml", "ocean", ""},
		{"nope", "", "neither a built-in theme"},
		{"testdata/missing.yaml", "", "high-contrast"},
	}
	for _, c := range cases {
		th, err := Resolve(c.arg)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("Resolve(%q) error = %v, want it to mention %q", c.arg, err, c.wantErr)
			}
			continue
		}
		if err != nil || th.Name != c.wantName {
			t.Errorf("Resolve(%q) = %v, %v; want theme %q", c.arg, th, err, c.wantName)
		}
	}
}

var sgrSeq = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourCodes returns the SGR parameters in s that set a colour
// (30-49 including 38;… and 48;…, 90-97, 100-107).
func colourCodes(s string) []string {
	var out []string
	for _, m := range sgrSeq.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 49) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
				out = append(out, m[0])
			}
		}
	}
	return out
}

func TestColourCodesDetector(t *testing.T) {
	useProfile(t, termenv.TrueColor, true)
	if got := colourCodes(lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render("x")); len(got) == 0 {
		t.Fatal("detector misses a true-colour foreground")
	}
	if got := colourCodes(lipgloss.NewStyle().Bold(true).Reverse(true).Render("x")); len(got) != 0 {
		t.Fatalf("detector flags bold/reverse as colour: %q", got)
	}
}

func TestNoColorBuiltinsEmitNoColourButKeepAttributes(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	useProfile(t, termenv.TrueColor, true) // the strongest profile: any colour left would show
	for _, name := range Names() {
		th, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range styleFields {
			if got := colourCodes(f.get(th).Render("x")); len(got) != 0 {
				t.Errorf("%s/%s emits colour under NO_COLOR: %q", name, f.key, got)
			}
		}
		if !th.Selected.GetReverse() {
			// Bold alone hardly tells the cursor row from the others.
			t.Errorf("%s: cursor row not in reverse video under NO_COLOR", name)
		}
		if !th.Header.GetBold() || !th.ReadOnly.GetReverse() {
			t.Errorf("%s: header or READ-ONLY badge lost its attributes under NO_COLOR", name)
		}
	}
}

func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if NoColor() {
		t.Error("empty NO_COLOR must not disable colour")
	}
	t.Setenv("NO_COLOR", "0")
	if !NoColor() {
		t.Error("any non-empty NO_COLOR disables colour")
	}
}
