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

// segment is one piece of the status bar. When the bar is too narrow,
// segments give up their long text for short at rank shortAt, and go at
// rank dropAt, lowest rank first (0: never); the host, the connection
// state and the last error always stay.
type segment struct {
	text, short     string
	w               int // text's width, kept by fitSegments
	paint           themes.Painter
	shortAt, dropAt int
	right           bool // drawn at the right end
}

// The order in which the bar gives way, least missed first.
const (
	rankWho       = iota + 1 // "profile · host" → the host; "⇄ polling only (webhooks: tab 5)" → "⇄ polling only"
	rankRows                 // the row count goes
	rankHelp                 // "? help" goes
	rankFeed                 // the feed's source → "⇄ 12 s ago"
	rankFreshness            // "Events updated 12 s ago" → "updated 12 s ago"
	rankConn                 // "✗ offline · retrying in 2 s" → "✗ offline, retry 2 s"; READ-ONLY → RO
	rankFeedGone             // the feed goes
	rankFreshGone            // the freshness goes
)

// errRoom is the least room kept for the last error: enough to say what
// failed, the rest cut with "…".
const errRoom = 24

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
	var segs []segment
	if who := m.who(); who != "" {
		segs = append(segs, segment{text: " " + who + " ", short: " " + m.host() + " ", paint: s.barKey, shortAt: rankWho})
	}
	long, short := connTexts(st, retry)
	segs = append(segs, segment{text: " " + long + " ", short: " " + short + " ", paint: statePaint, shortAt: rankConn})
	if m.feed.src != nil {
		paint := s.bar
		if m.feedProblem() {
			paint = s.barWarn
		}
		segs = append(segs, segment{text: " " + m.feedText() + " ", short: " " + m.feedShort() + " ", paint: paint, shortAt: rankFeed, dropAt: rankFeedGone})
	} else {
		// No receiver, no relay: every number is as fresh as the last poll.
		segs = append(segs, segment{text: " ⇄ polling only (webhooks: tab 5) ", short: " ⇄ polling only ", paint: s.barMuted, shortAt: rankWho, dropAt: rankFeedGone})
	}
	if m.active != state.Feed {
		if f := m.freshness(); f != "" {
			segs = append(segs, segment{text: " " + f + " ", short: " " + m.freshnessShort() + " ", paint: s.bar, shortAt: rankFreshness, dropAt: rankFreshGone})
		}
		shown, total := m.activeTab().Counts()
		rows := strconv.Itoa(total) + " rows"
		if shown != total {
			rows = strconv.Itoa(shown) + "/" + rows
		}
		segs = append(segs, segment{text: " " + rows + " ", paint: s.bar, dropAt: rankRows})
	}
	if m.ctx.ReadOnly {
		segs = append(segs, segment{text: " READ-ONLY ", short: " RO ", paint: s.barRO, shortAt: rankConn})
	}
	segs = append(segs, segment{text: " ? help ", paint: s.barMuted, dropAt: rankHelp, right: true})

	reserve := 0
	if m.lastErr != "" {
		reserve = min(ansi.StringWidth(m.lastErr)+2, errRoom)
	}
	segs = fitSegments(segs, m.width-reserve)
	var right []segment
	segs = slices.DeleteFunc(segs, func(g segment) bool {
		if g.right {
			right = append(right, g)
		}
		return g.right
	})

	var b strings.Builder
	room := m.width
	for _, g := range slices.Concat(segs, right) {
		room -= g.w
	}
	for _, g := range segs {
		b.WriteString(g.paint.Paint(g.text))
	}
	if room > 0 {
		gap := ""
		if m.lastErr != "" && room > 2 {
			gap = ansi.Truncate(" "+m.lastErr, room-1, "…") + " "
			b.WriteString(s.barErr.Paint(gap))
		}
		if pad := room - ansi.StringWidth(gap); pad > 0 {
			b.WriteString(s.bar.Paint(strings.Repeat(" ", pad)))
		}
	}
	for _, g := range right {
		b.WriteString(g.paint.Paint(g.text))
	}
	line := b.String()
	if room < 0 { // what cannot give way is wider than the terminal
		line = ansi.Truncate(line, m.width, "")
	}
	return line
}

// fitSegments makes segs fit in width by their ranks (see segment): the
// steps are taken in rank order until the bar fits, then each is undone
// again, most valued first, where the room allows it. What cannot give way
// stays even if it does not fit (the bar is then cut).
func fitSegments(segs []segment, width int) []segment {
	used := 0
	for i := range segs {
		segs[i].w = ansi.StringWidth(segs[i].text)
		used += segs[i].w
	}
	// set gives segment i a text and says what it had.
	set := func(i int, text string) (was string, wasW int) {
		g := &segs[i]
		was, wasW = g.text, g.w
		g.text, g.w = text, ansi.StringWidth(text)
		used += g.w - wasW
		return was, wasW
	}
	type step struct {
		i    int
		text string
		w    int
	}
	var taken []step
	for rank := rankWho; rank <= rankFreshGone && used > width; rank++ {
		for i, g := range segs {
			var text string
			switch {
			case g.shortAt == rank && g.short != "":
				text = g.short
			case g.dropAt == rank:
			default:
				continue
			}
			was, wasW := set(i, text)
			taken = append(taken, step{i, was, wasW})
		}
	}
	for k := len(taken) - 1; k >= 0; k-- {
		st := taken[k]
		g := &segs[st.i]
		if used+st.w-g.w <= width {
			used += st.w - g.w
			g.text, g.w = st.text, st.w
		}
	}
	return slices.DeleteFunc(segs, func(g segment) bool { return g.text == "" })
}

// host is the API's host, else the profile: what the bar always names.
func (m *Model) host() string {
	if m.opts.APIHost != "" {
		return m.opts.APIHost
	}
	return m.opts.Profile
}

// freshnessShort is freshness without the tab's name: "updated 12 s ago".
func (m *Model) freshnessShort() string {
	return strings.TrimPrefix(m.freshness(), m.active.String()+" ")
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
