package list

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// conflictKeys are the operator's choices when the server's copy changed.
type conflictKeys struct {
	Overwrite, Theirs, Back keys.Binding
}

func (k conflictKeys) list() keys.Map { return keys.Map{k.Overwrite, k.Theirs, k.Back} }

func newConflictKeys(readOnly bool) conflictKeys {
	const g = "Conflict"
	return conflictKeys{
		Overwrite: keys.NewDangerous(g, "o", "overwrite the server's copy with mine", "o").ForMode(readOnly),
		Theirs:    keys.New(g, "t", "take theirs: reload the form from the server (mine kept as a draft)", "t"),
		Back:      keys.New(g, "esc/b", "back to the form", "esc", "b"),
	}
}

// conflict shows how the server's copy, the copy the form opened with and
// the form differ: three line diffs over the fields the form edits.
type conflict[T any] struct {
	title         string
	server        T
	serverVals    form.Values
	theirs, mine  []form.DiffLine // at open → server now; at open → mine
	effect        []form.DiffLine // server now → what overwriting sends
	th            *themes.Theme
	keys          conflictKeys
	width, height int
}

func newConflict[T any](title string, fields []form.Field, base, server, mine form.Values, item T, th *themes.Theme, readOnly bool) *conflict[T] {
	atOpen := lines(fields, base, base, "")
	now := lines(fields, server, base, "changed on the server")
	yours := lines(fields, mine, base, "changed by you")
	// A secret left alone is not sent, so overwriting keeps the server's.
	sent := mine.Clone()
	for _, f := range fields {
		if f.Kind == form.Secret && mine[f.Name] == base[f.Name] {
			sent[f.Name] = server[f.Name]
		}
	}
	return &conflict[T]{
		title: title, server: item, serverVals: server, th: th, keys: newConflictKeys(readOnly),
		theirs: form.Diff(atOpen, now),
		mine:   form.Diff(atOpen, yours),
		effect: form.Diff(now, lines(fields, sent, base, "changed by you")),
	}
}

// lines renders values one field a line ("label: value") for a diff.
// Secrets are masked; one that differs from base says so with tag.
func lines(fields []form.Field, v, base form.Values, tag string) []string {
	var out []string
	for _, f := range fields {
		var text string
		switch f.Kind {
		case form.Display, form.Heading:
			continue
		case form.Secret:
			text = client.MaskSecret(v[f.Name])
			if text == "" {
				text = "(none)"
			}
			if v[f.Name] != base[f.Name] && tag != "" {
				text += " (" + tag + ")"
			}
		case form.Multi:
			text = strings.Join(form.SplitList(v[f.Name]), ", ")
			if text == "" {
				text = "(none)"
			}
		default:
			text = v[f.Name]
			if text == "" {
				text = "(empty)"
			}
		}
		out = append(out, f.Label+": "+text)
	}
	return out
}

func (c *conflict[T]) view() string {
	if c.width <= 0 || c.height <= 0 {
		return ""
	}
	w := c.width
	title := themes.NewPainter(c.th.Title)
	muted := themes.NewPainter(c.th.Muted)
	warn := themes.NewPainter(c.th.Warn)
	out := []string{
		title.Paint(fit(" "+c.title, w)),
		"",
		warn.Paint(fit(" The server's copy changed after you opened this form. Nothing was sent.", w)),
		"",
	}
	section := func(head string, d []form.DiffLine, none string) {
		out = append(out, title.Paint(fit(" "+head, w)))
		body := form.RenderDiff(c.th, d, max(w-3, 1), false)
		if len(body) == 0 {
			out = append(out, muted.Paint(fit("   "+none, w)))
		}
		for _, l := range body {
			out = append(out, "   "+l)
		}
		out = append(out, "")
	}
	section("On the server since you opened the form (- then, + now)", c.theirs, "no change")
	section("Your edits (- then, + yours)", c.mine, "no change")
	section("Overwriting would change the server's copy (- now, + sent)", c.effect, "nothing: your form matches the server's copy")
	hint := " o overwrite with mine · t take theirs (mine kept as a draft) · esc back to the form"
	if !c.keys.Overwrite.Enabled() {
		hint = " read-only: overwriting is disabled · t take theirs · esc back to the form"
	}
	foot := muted.Paint(fit(hint, w))
	if len(out) > c.height-1 {
		out = out[:max(c.height-1, 0)]
		if len(out) > 0 {
			out[len(out)-1] = muted.Paint(fit(" … (enlarge the terminal to see every change)", w))
		}
	}
	for len(out) < c.height-1 {
		out = append(out, "")
	}
	out = append(out, foot)
	if len(out) > c.height {
		out = out[len(out)-c.height:]
	}
	for i, l := range out {
		out[i] = fit(l, w)
	}
	return strings.Join(out, "\n")
}

// fit pads or cuts s (escape sequences allowed) to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
}

// conflictKey acts on the operator's choice in the conflict view.
func (t *Editable[T]) conflictKey(s *session[T], k tea.KeyMsg) tea.Cmd {
	c := s.conflict
	switch {
	case c.keys.Overwrite.Matches(k):
		s.conflict = nil
		server := c.server
		return t.send(s, &server)
	case c.keys.Theirs.Matches(k):
		mine := s.form.Values()
		err := t.saveDraftValues(s, mine)
		server := c.server
		s.conflict, s.prev = nil, &server
		s.fresh, s.base = c.serverVals, c.serverVals
		s.form.SetValues(c.serverVals)
		s.restored = false
		note := "loaded the server's copy; yours is kept as a draft (leave and reopen this form to get it back)"
		if err != nil || t.drafts == nil {
			note = "loaded the server's copy; yours could NOT be kept as a draft"
		}
		s.setPhase(phaseEditing, note)
	case c.keys.Back.Matches(k):
		s.conflict = nil
		s.setPhase(phaseEditing, "back to your form: saving checks the server's copy again")
	}
	return nil
}
