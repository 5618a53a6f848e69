package feed

import (
	"strconv"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/jsonview"
	"github.com/ecdash/ecdash/views/components/keys"
)

// bodyScreen shows one notification: a few lines of what arrived with it
// (time, verdict, signature header, ids) above its raw body, pretty-printed
// but otherwise exactly as received.
type bodyScreen struct {
	item          Item
	ctx           *views.Context
	head, text    themes.Painter
	bad           themes.Painter
	json          jsonview.Model
	width, height int
}

// headerLines is how many lines the screen uses above the body.
const headerLines = 4

func newBodyScreen(it Item, ctx *views.Context) *bodyScreen {
	s := &bodyScreen{item: it, ctx: ctx, json: jsonview.New(ctx.Theme)}
	s.SetTheme(ctx.Theme)
	s.json.SetJSON(it.Body)
	return s
}

func (s *bodyScreen) Title() string {
	return "notification #" + strconv.FormatUint(s.item.Seq, 10)
}

func (s *bodyScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.json.SetSize(w, max(h-headerLines, 0))
}

func (s *bodyScreen) SetTheme(th *themes.Theme) {
	s.head, s.text, s.bad = themes.NewPainter(th.Title), themes.NewPainter(th.Muted), themes.NewPainter(th.Error)
	s.json.SetTheme(th)
}

func (s *bodyScreen) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.json, cmd = s.json.Update(msg)
	return cmd
}

func (s *bodyScreen) KeyMap() keys.Map {
	out := keys.Map{}
	for _, b := range s.json.KeyMap() {
		out = append(out, keys.Binding{Binding: b, Group: "Notification"})
	}
	return append(out, keys.New("Notification", "esc", "back to the feed", "esc"))
}

// View draws the header lines and the body, exactly height lines.
func (s *bodyScreen) View() string {
	if s.height <= 0 || s.width <= 0 {
		return ""
	}
	it := s.item
	verdict, paint := "signature verified ✓", s.text
	if !it.Verified {
		verdict, paint = "signature NOT verified ✗", s.bad
	}
	lines := []string{
		s.head.Paint(s.fit(s.Title() + " · " + present.Or(it.Operation) + " · " + present.Or(it.EventName) + "  (raw body · ↑/↓ scroll · esc back)")),
		paint.Paint(s.fit("received " + present.LocalTime(it.Received, s.ctx.Location) + " · " + verdict +
			" · duplicates " + strconv.Itoa(it.Duplicates) + " · " + present.Or(it.Kind) + " envelope")),
		s.text.Paint(s.fit("X-Payload-Signature: " + present.Or(it.Signature))),
		s.text.Paint(s.fit("notification " + present.Or(it.NotificationID) + " · event " + present.Or(it.EventID) +
			" · payload " + present.Or(it.PayloadType) + " · " + strconv.Itoa(len(it.Body)) + " bytes")),
	}
	if s.height <= headerLines {
		return strings.Join(lines[:s.height], "\n")
	}
	return strings.Join(lines, "\n") + "\n" + s.json.View()
}

// fit makes one safe line of exactly the screen's width: text that came over
// the network cannot carry control characters to the terminal.
func (s *bodyScreen) fit(line string) string {
	line = ansi.Truncate(" "+safe(line), s.width, "…")
	return line + strings.Repeat(" ", max(s.width-ansi.StringWidth(line), 0))
}

// safe replaces control and invisible format characters with '?'.
func safe(str string) string {
	return strings.Map(func(r rune) rune {
		if r == unicode.ReplacementChar || unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != '\u200d') {
			return '?'
		}
		return r
	}, str)
}
