package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/themes"
)

type screenPainters struct {
	title, muted, err, warn themes.Painter
}

func newScreenPainters(th *themes.Theme) screenPainters {
	if th == nil {
		th = themes.Default()
	}
	return screenPainters{
		title: themes.NewPainter(th.Title),
		muted: themes.NewPainter(th.Muted),
		err:   themes.NewPainter(th.Error),
		warn:  themes.NewPainter(th.Warn),
	}
}

// panelLines is how many lines the descriptor panel takes, remembered
// while the descriptors and the width hold.
func (s *Screen) panelLines() int {
	k := panelKey{descs: s.descsV, width: s.width}
	if s.panel.key != k || !s.panel.ok {
		s.panel = panelCount{key: k, lines: len(descriptorPanel(s.descs, max(s.width-1, 1))), ok: true}
	}
	return s.panel.lines
}

type panelKey struct {
	descs uint64
	width int
}

type panelCount struct {
	key   panelKey
	lines int
	ok    bool
}

// relayout recomputes where everything goes and sizes the parts.
func (s *Screen) relayout() {
	shown, _ := s.tbl.Counts()
	panel := s.panelLines()
	s.stripN = len(s.strip(s.ctx.Now()))
	head := len(s.header(headerLines(s.height) + 3 + s.stripN))
	s.lay = planLayout(s.height, head, shown+1, panel, s.showDesc)
	s.chart.SetSize(s.width, s.lay.chart)
	s.tbl.SetSize(s.width, s.lay.table)
	s.tbl.SetOrigin(0, s.lay.tableTop)
	s.json.SetSize(s.width, max(s.height-1, 0))
}

// View draws exactly height lines of width cells.
func (s *Screen) View() string {
	w, h := s.width, s.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if s.compose != nil {
		return s.compose.view()
	}
	lines := make([]string, 0, h)
	lines = append(lines, s.paint.title.Paint(fit(s.titleLine(), w)))
	if s.showRaw {
		body := s.json.View()
		if len(s.ev.Raw) == 0 {
			body = s.paint.muted.Paint(fit(" "+s.noRawText(), w))
		}
		lines = append(lines, strings.Split(body, "\n")...)
		return finish(lines, w, h)
	}
	l := s.lay
	head := s.header(l.header)
	for len(head) < l.header {
		head = append(head, strings.Repeat(" ", w))
	}
	lines = append(lines, head...)
	if l.chart > 0 {
		lines = append(lines, strings.Split(s.chart.View(), "\n")...)
	}
	if l.desc > 0 {
		lines = append(lines, s.paint.muted.Paint(fit(" "+compactDescriptors(s.descs, s.data.loaded), w)))
	}
	if l.table > 0 {
		lines = append(lines, strings.Split(s.tbl.View(), "\n")...)
	}
	if l.panel > 0 {
		panel := descriptorPanel(s.descs, max(w-1, 1))
		for i := 0; i < l.panel; i++ {
			text := ""
			if i < len(panel) {
				text = " " + panel[i]
			}
			lines = append(lines, fit(text, w))
		}
	}
	for len(lines) < h-l.msg {
		lines = append(lines, strings.Repeat(" ", w))
	}
	if l.msg > 0 {
		lines = append(lines[:h-1], s.messageLine())
	}
	return finish(lines, w, h)
}

// titleLine names the event and the screen's keys.
func (s *Screen) titleLine() string {
	keys := "J raw JSON · x export · R report · esc back"
	if s.ctx.ReadOnly {
		keys = "J raw JSON · x export · esc back" // R is a write: absent
	}
	if s.showRaw {
		keys = "raw JSON · J layout · esc back"
	}
	return " " + s.Title() + "  (" + keys + ")"
}

// header is the facts flowed into lines, the compliance line, and any
// problem with the event itself first.
func (s *Screen) header(n int) []string {
	if n <= 0 {
		return nil
	}
	w := s.width
	now := s.ctx.Now()
	var out []string
	if s.gone {
		out = append(out, s.paint.warn.Paint(fit(" ⚠ the API no longer lists this event; shown as last seen", w)))
	}
	if s.note != "" {
		out = append(out, s.paint.warn.Paint(fit(" ⚠ "+s.note, w)))
	}
	if o := overlapNote(s.overlaps, s.ctx.Location); o != "" {
		out = append(out, s.paint.warn.Paint(fit(" ⚠ "+o, w)))
	}
	strip := s.strip(now)
	factLines := headerLines(s.height)
	if len(strip) > 0 && s.height < 30 {
		factLines-- // the strip says what matters most while the event runs
	}
	facts := flow(headerFacts(s.ev, s.a, now, s.ctx.Location), max(w-1, 1), min(max(n-1-len(out)-len(strip), 1), max(factLines, 1)))
	for _, f := range facts {
		out = append(out, fit(" "+f, w))
	}
	st, _ := fleet.StatusOf(s.ev, now)
	counts := len(strip) == 0
	line := " " + complianceLine(s.a, s.headline, s.afterWindow, true, counts, st, s.data.loaded, s.ctx.Location)
	if ansi.StringWidth(line) > w { // the counts matter more than the second figure
		line = " " + complianceLine(s.a, s.headline, s.afterWindow, false, counts, st, s.data.loaded, s.ctx.Location)
	}
	// The strip and the compliance line come last and stay: the facts
	// before them go first when the lines run short.
	tail := append(strip, fit(line, w))
	if len(tail) > n {
		tail = append(tail[:n-1], tail[len(tail)-1])
	}
	if keep := n - len(tail); len(out) > keep {
		out = out[:keep]
	}
	return append(out, tail...)
}

// strip is the "right now" lines while the event runs (nil otherwise):
// the level, its bar, the ramp, the counts and the projection flowed
// into two lines, then the vehicles needing attention.
func (s *Screen) strip(now time.Time) []string {
	if st, _ := fleet.StatusOf(s.ev, now); st != fleet.EventActive || !s.data.loaded {
		return nil
	}
	w := s.width
	p := momentParts(s.moment, barFor(w), s.ctx.Location)
	lines := flow(nonEmpty(p.level+" "+p.bar, p.ramp, p.counts, p.projection+" "+p.holds), max(w-1, 1), stripLinesFor(w))
	for i, l := range lines {
		lines[i] = fit(" "+l, w)
	}
	if p.attention != "" {
		lines = append(lines, s.paint.warn.Paint(fit(" "+p.attention, w)))
	}
	return lines
}

// messageLine is the latest note (an export), else where the reports come from.
func (s *Screen) messageLine() string {
	w := s.width
	if s.message != "" {
		p := s.paint.muted
		if s.msgError {
			p = s.paint.err
		}
		return p.Paint(fit(" "+s.message, w))
	}
	d := s.data
	var text string
	switch {
	case d.loaded:
		text = s.reportsSummary()
	case d.err == "":
		return s.paint.muted.Paint(fit(" fetching the event's reports…", w))
	}
	if d.err != "" {
		retry := " · retrying every " + present.Duration(s.poll)
		if d.stopped || s.poll <= 0 {
			retry = ""
		}
		if text != "" {
			text = " ·" + text
		}
		return s.paint.err.Paint(fit(" ⚠ "+d.err+retry+text, w))
	}
	if s.poll > 0 {
		text += " · every " + present.Duration(s.poll)
	}
	return s.paint.muted.Paint(fit(text, w))
}

// reportsSummary says how many reports there are and where they came from.
func (s *Screen) reportsSummary() string {
	d := s.data
	text := " reports: " + strconv.Itoa(len(d.reports()))
	switch {
	case d.listed && d.fromRecord > 0:
		text += " (" + strconv.Itoa(d.fromServer) + " listed by the server, " + strconv.Itoa(d.fromRecord) + " only in the local record)"
	case d.listed:
		text += " listed by the server"
	default:
		text += " from the local record (this server does not list reports)"
	}
	text += " · " + strconv.Itoa(s.a.Actions) + " actions · updated " + d.at.In(s.loc()).Format("15:04:05")
	if d.skipped > 0 {
		text += " · " + plural(d.skipped, "unreadable record line")
	}
	if n := len(s.a.Anomalies); n > 0 {
		text += " · " + strconv.Itoa(n) + " anomalies"
	}
	return text
}

func (s *Screen) loc() *time.Location {
	if s.ctx.Location == nil {
		return time.Local
	}
	return s.ctx.Location
}

// fit cuts or pads a plain line to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// finish makes exactly h lines.
func finish(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

// noRawText says why the raw JSON is not shown: the lists keep none, so it
// arrives with the screen's first fetch of the event.
func (s *Screen) noRawText() string {
	switch {
	case s.note != "":
		return "no raw JSON: " + s.note
	case !s.data.loaded && !s.data.stopped:
		return "fetching the event's raw JSON…"
	}
	return "no raw JSON: this event was built by the dashboard, not received"
}
