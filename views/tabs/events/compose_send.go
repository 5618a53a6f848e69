package events

import (
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
)

// reportSend is a report in flight and what its answer applies to.
type reportSend struct {
	c    *composer // the composer that sent it (it may have been left since)
	req  client.ReportRequest
	sent []int // the slot of each payload
}

// request is the report the composer's values describe, checked once more
// the way `ecdash report send` checks a file (one payload per vehicle,
// among others); problems go to the form's error area, nothing is sent.
func (c *composer) request() (client.ReportRequest, []int, bool) {
	req, sent := composeRequest(c.ev.ID, c.slots, c.vals)
	data, err := json.Marshal(req)
	if err == nil {
		_, err = sentreports.DecodeRequest("the report", data)
	}
	var inv *sentreports.InvalidError
	switch {
	case errors.As(err, &inv):
		lines := []string{"not sent: fix the report first"}
		for _, p := range inv.Problems {
			lines = append(lines, slotPath(p.Path, sent, c.slots)+": "+p.Message)
		}
		c.form.SetFormError(lines...)
		return req, sent, false
	case err != nil:
		c.form.SetFormError("not sent: " + oneLine(err.Error()))
		return req, sent, false
	}
	return req, sent, true
}

// sendReport posts the composer's report once (Mutating: refused in
// read-only mode, never retried) and records it with its answer in the
// local record of sent reports.
func (s *Screen) sendReport(c *composer) tea.Cmd {
	req, sent, ok := c.request()
	if !ok {
		return nil
	}
	if s.ctx.Backend == nil {
		c.form.SetFormError("not sent: no API connection in this view")
		return nil
	}
	rec, now, store, key := s.ctx.SentReports, s.ctx.Now, c.drafts, c.draftKey
	id, cmd := views.Call(s.ctx.Backend, state.Events, "CreateReport", true,
		func(ctx context.Context, api client.API) (client.Report, error) {
			rep, err := sentreports.Send(ctx, api, rec, req, sentreports.SendOptions{Now: now})
			var notRecorded *sentreports.NotRecordedError
			if err == nil || errors.As(err, &notRecorded) {
				// The draft of a sent report goes even if the screen
				// that would have dropped it was closed meanwhile.
				_ = store.Delete(key)
			}
			return rep, err
		})
	s.sendID, s.sending = id, &reportSend{c: c, req: req, sent: sent}
	c.setBusy(true, "sending the report…")
	return cmd
}

// onReportSent takes the answer: on success (recorded or not) the
// composer closes, the screen says so and fetches the event's reports at
// once so the new actions are on the chart; on failure an open composer
// shows the error beside the fields, with the input as typed.
func (s *Screen) onReportSent(msg views.Result[client.Report]) tea.Cmd {
	rs := s.sending
	s.sendID, s.sending = 0, nil
	if rs == nil {
		return nil
	}
	c, open := rs.c, rs.c == s.compose
	now := s.ctx.Now()
	var notRecorded *sentreports.NotRecordedError
	if msg.Err != nil && !errors.As(msg.Err, &notRecorded) {
		if open {
			c.setBusy(false, "")
			c.form.SetServerError(slotErrors(msg.Err, rs.sent, c.slots))
			return nil
		}
		kept := ""
		if c.saved != nil {
			kept = " (your input is kept as a draft: R offers it)"
		}
		s.setMessage("sending the report failed: "+oneLine(msg.Err.Error())+kept, true, now)
		return nil
	}
	rep := msg.Value
	if open {
		s.compose = nil
	}
	text, isErr := "report "+orNone(rep.ID)+" sent, "+sentSummary(rs.req), false
	if s.ctx.SentReports == nil {
		text += " (not recorded locally: no state directory)"
	}
	if notRecorded != nil {
		text, isErr = oneLine(notRecorded.Error()), true
	}
	if err := c.forget(); err != nil {
		text += "; " + oneLine(err.Error())
	}
	s.setMessage(text, isErr, now)
	s.refreshSoon()
	return views.Refresh(state.Reports)
}

// reportIndex finds the report's payload index in a server's field name:
// "payloads[2].location.latitude", "$.payloads[2]", "payloads.2.power".
var reportIndex = regexp.MustCompile(`^(\$\.)?payloads(\[(\d+)\]|\.(\d+))`)

// slotPath renames a report path to the composer's field name: payload k
// of the report sent is the field of slot sent[k].
func slotPath(path string, sent []int, slots []slot) string {
	m := reportIndex.FindStringSubmatchIndex(path)
	if m == nil {
		return path
	}
	var digits string
	if m[6] >= 0 {
		digits = path[m[6]:m[7]]
	} else {
		digits = path[m[8]:m[9]]
	}
	k, err := strconv.Atoi(digits)
	if err != nil || k < 0 || k >= len(sent) || sent[k] >= len(slots) {
		return path
	}
	return "payloads." + strconv.Itoa(sent[k]) + path[m[1]:]
}

// slotErrors is err with the field errors of its problem renamed to the
// composer's fields (err itself is left as it is).
func slotErrors(err error, sent []int, slots []slot) error {
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Problem == nil || len(ce.Problem.Errors) == 0 {
		return err
	}
	p := *ce.Problem
	p.Errors = make(map[string][]string, len(ce.Problem.Errors))
	for name, msgs := range ce.Problem.Errors {
		n := slotPath(name, sent, slots)
		p.Errors[n] = append(p.Errors[n], msgs...)
	}
	cp := *ce
	cp.Problem = &p
	return &cp
}

// confirmSend asks before a report goes: what it says, to which event;
// No is the default.
func (c *composer) confirmSend(req client.ReportRequest) {
	lines := []string{
		"To event " + present.EventLabel(c.ev.Name, c.ev.ID, c.ev.IntervalPeriod.Start, c.ctx.Location) + ":",
		plural(len(req.Payloads), "payload") + ": " + actionCounts(req),
		sentSummary(req),
	}
	c.prompt = form.NewConfirm(c.ctx.Theme, "Send this report?", lines, "Send it now? A sent report cannot be taken back.")
	c.prompt.SetSize(c.width, c.height)
	c.answer = func(yes bool) composeAction {
		if !yes {
			c.form.SetNote("not sent: the report is still here")
			return composeNone
		}
		return composeSend
	}
}

// actionCounts is "4 Stop, 1 Start": the payloads by action, most first.
func actionCounts(req client.ReportRequest) string {
	n := map[client.ActionType]int{}
	var order []client.ActionType
	for _, p := range req.Payloads {
		if n[p.ActionType] == 0 {
			order = append(order, p.ActionType)
		}
		n[p.ActionType]++
	}
	slices.SortStableFunc(order, func(a, b client.ActionType) int { return n[b] - n[a] })
	parts := make([]string, len(order))
	for i, a := range order {
		parts[i] = strconv.Itoa(n[a]) + " " + string(a)
	}
	return strings.Join(parts, ", ")
}
