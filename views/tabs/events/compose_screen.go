package events

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// openComposer is R: the report composer over the screen, prefilled from
// the event and what its vehicles reported so far.
func (s *Screen) openComposer() tea.Cmd {
	now := s.ctx.Now()
	switch {
	case s.ctx.ReadOnly: // the binding is disabled; this is the second lock
		s.setMessage("read-only: reports cannot be sent (--readonly)", true, now)
		return nil
	case s.sending != nil:
		s.setMessage("a report is being sent: wait for its answer", true, now)
		return nil
	case !s.data.loaded && s.data.err == "":
		s.setMessage("the event's reports are still loading: R prefills from them, press it again in a moment", true, now)
		return nil
	}
	s.analyse(now)
	c, err := newComposer(s.ctx, s.ev, composeKnown{a: s.a, vehicles: s.vehicles, locations: s.data.locations()})
	if err != nil {
		s.setMessage(err.Error(), true, now)
		return nil
	}
	c.setSize(s.width, s.height)
	s.compose = c
	s.message, s.msgUntil = "", time.Time{}
	return nil
}

// composeUpdate hands a message to the open composer and acts on what
// the operator did: send, or leave (keeping a draft).
func (s *Screen) composeUpdate(msg tea.Msg) tea.Cmd {
	c := s.compose
	act, cmd := c.update(msg)
	switch act {
	case composeSend:
		return tea.Batch(cmd, s.sendReport(c))
	case composeLeave:
		s.compose = nil
		text, isErr := c.leave()
		s.setMessage(text, isErr, s.ctx.Now())
	}
	return cmd
}

// Capturing is true while the composer is open: it takes every key as
// text, and esc leaves it rather than the screen.
func (s *Screen) Capturing() bool { return s.compose != nil }
