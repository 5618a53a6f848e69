package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/themes"
)

// segment is one piece of the status bar; lower prio is dropped first
// when the bar is too narrow.
type segment struct {
	text  string
	paint themes.Painter
	prio  int
}

// statusBar renders the bottom line, exactly m.width cells wide.
func (m *Model) statusBar() string {
	s := m.styles
	st, retry := m.connection()
	statePaint := s.barOK
	switch st {
	case state.ConnLoading, state.ConnRetrying:
		statePaint = s.barWarn
	case state.ConnOffline, state.ConnAuth:
		statePaint = s.barErr
	}
	segs := []segment{}
	if who := m.who(); who != "" {
		segs = append(segs, segment{" " + who + " ", s.barKey, 4})
	}
	segs = append(segs, segment{" " + connText(st, retry) + " ", statePaint, 9})
	if m.feed.src != nil {
		paint := s.bar
		if m.feedProblem() {
			paint = s.barWarn
		}
		segs = append(segs, segment{" " + m.feedText() + " ", paint, 6})
	}
	if m.active != state.Feed {
		segs = append(segs, segment{" " + m.freshness() + " ", s.bar, 7})
		shown, total := m.activeTab().Counts()
		rows := strconv.Itoa(total) + " rows"
		if shown != total {
			rows = strconv.Itoa(shown) + "/" + strconv.Itoa(total) + " rows"
		}
		segs = append(segs, segment{" " + rows + " ", s.bar, 6})
	}
	if m.ctx.ReadOnly {
		segs = append(segs, segment{" READ-ONLY ", s.barRO, 8})
	}
	right := segment{" ? help ", s.barMuted, 5}

	// Drop the least important segments until the fixed ones fit with room
	// for at least a short error.
	used := func() int {
		n := ansi.StringWidth(right.text)
		for _, g := range segs {
			n += ansi.StringWidth(g.text)
		}
		return n
	}
	for used() > m.width && len(segs) > 1 {
		low := 0
		for i, g := range segs {
			if g.prio < segs[low].prio {
				low = i
			}
		}
		if right.prio < segs[low].prio && right.text != "" {
			right.text = ""
			continue
		}
		segs = append(segs[:low], segs[low+1:]...)
	}
	var b strings.Builder
	for _, g := range segs {
		b.WriteString(g.paint.Paint(g.text))
	}
	room := m.width - used()
	if room > 0 {
		gap := ""
		if m.lastErr != "" && room > 8 {
			gap = ansi.Truncate(" "+m.lastErr, room-1, "…") + " "
			b.WriteString(s.barErr.Paint(gap))
		}
		if pad := room - ansi.StringWidth(gap); pad > 0 {
			b.WriteString(s.bar.Paint(strings.Repeat(" ", pad)))
		}
	}
	b.WriteString(right.paint.Paint(right.text))
	line := b.String()
	if used() > m.width {
		line = ansi.Truncate(line, m.width, "")
	}
	return line
}

// who is "profile · host", whichever is set.
func (m *Model) who() string {
	parts := make([]string, 0, 2)
	if m.opts.Profile != "" {
		parts = append(parts, m.opts.Profile)
	}
	if m.opts.APIHost != "" {
		parts = append(parts, m.opts.APIHost)
	}
	return strings.Join(parts, " · ")
}

// freshness is "Events updated 12 s ago" for the active tab.
func (m *Model) freshness() string {
	if !slices.Contains(state.Polled, m.active) {
		return ""
	}
	lp := m.polls.Of(m.active)
	if lp.Updated.IsZero() && lp.Inflight != 0 {
		return m.active.String() + " loading…"
	}
	return m.active.String() + " updated " + present.Staleness(lp.Updated, m.ctx.Now())
}

// noteError keeps the last error as one secret-free line for the status bar.
func (m *Model) noteError(what string, err error) {
	m.lastErr = oneLine(what + ": " + err.Error())
}

// oneLine folds whitespace (newlines included) so text stays on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
