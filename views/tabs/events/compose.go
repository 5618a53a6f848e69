package events

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// composer is the report form R opens over an event's dispatch screen: the
// report's name and one VehicleChargeAction payload per vehicle the event
// asks reports of, prefilled from the event and from what each vehicle
// last reported, everything editable and checked as it is typed. Each
// vehicle has a "Report it" choice: "no" takes its fields out of the form
// (and out of the checks) so only some vehicles are reported; its values
// are kept and come back with "yes". Left without sending, the input is
// kept as a draft (report-<eventId>) and offered the next time.
type composer struct {
	ctx   *views.Context
	ev    client.Event
	slots []slot
	names []string    // every value the composer holds, hidden vehicles' included
	fresh form.Values // the prefill: what "not dirty" means
	vals  form.Values // every value now, hidden vehicles' included
	in    []bool      // per slot, whether the form shows its payload fields

	form     *form.Model
	prompt   *form.Confirm                // the draft offer, or the send confirmation
	answer   func(yes bool) composeAction // what the prompt's answer does
	offered  drafts.Draft
	drafts   *drafts.Store
	draftKey string
	saved    form.Values // what the draft file holds now (nil: not written by us)
	sending  bool

	width, height int
}

// composeAction is what a key did to the composer, for the screen.
type composeAction int

const (
	composeNone  composeAction = iota
	composeSend                // the operator sent a valid report
	composeLeave               // the operator left without sending
)

// errNoVehicles: an event that names no vehicle has nothing to report.
var errNoVehicles = errors.New("nothing to report: the event names no vehicles (no targets, no report descriptors)")

func newComposer(ctx *views.Context, ev client.Event, k composeKnown) (*composer, error) {
	slots, fresh := prefill(ev, k)
	if len(slots) == 0 {
		return nil, errNoVehicles
	}
	c := &composer{ctx: ctx, ev: ev, slots: slots, fresh: fresh, vals: fresh.Clone(), draftKey: "report-" + ev.ID}
	c.names = allComposeNames(ev, slots)
	if ctx.StateDir != "" {
		c.drafts = drafts.New(filepath.Join(ctx.StateDir, "drafts"))
	}
	c.rebuild("")
	c.offerDraft()
	return c, nil
}

// title names the form.
func (c *composer) title() string {
	return "Report for event " + orNone(c.ev.Name) + " (" + plural(len(c.slots), "vehicle") + ")"
}

// rebuild makes the form for the current values (a vehicle left out has
// no fields), keeping what was typed, and focuses the named field.
func (c *composer) rebuild(focus string) {
	fields := composeFields(c.ev, c.slots, c.vals)
	f := form.New(c.title(), c.ctx.Theme, fields)
	f.SetSaveLabel("Send")
	f.SetRefusedText("not sent")
	f.SetReadOnly(c.ctx.ReadOnly)
	f.SetLeaveHint(c.leaveHint())
	f.SetValues(c.fresh)
	changed := form.Values{}
	for _, n := range form.EditableNames(fields) {
		if c.vals[n] != c.fresh[n] {
			changed[n] = c.vals[n]
		}
	}
	f.ApplyValues(changed)
	if c.form != nil {
		f.SetNote(c.form.Note())
	}
	f.SetSize(c.width, c.height)
	if focus != "" {
		f.FocusField(focus)
	}
	c.form = f
	c.in = make([]bool, len(c.slots))
	for i := range c.slots {
		c.in[i] = c.vals[pf(i, pfInclude)] != includeNo
	}
}

func (c *composer) leaveHint() string {
	if c.drafts == nil {
		return "esc leave (no state directory: drafts are not kept)"
	}
	return "esc leave (a draft is kept)"
}

// update handles a key or a paste.
func (c *composer) update(msg tea.Msg) (composeAction, tea.Cmd) {
	if c.prompt != nil {
		if answered, yes := c.prompt.Update(msg); answered {
			c.prompt = nil
			return c.answer(yes), nil
		}
		return composeNone, nil
	}
	res, cmd := c.form.Update(msg)
	for n, v := range c.form.Values() {
		c.vals[n] = v
	}
	for i := range c.slots {
		if now := c.vals[pf(i, pfInclude)] != includeNo; now != c.in[i] {
			c.rebuild(pf(i, pfInclude))
			break
		}
	}
	switch res {
	case form.Submit:
		if !c.anyIncluded() {
			c.form.SetFormError("not sent: no vehicle is in the report; set “Report it” to yes for each one to report")
			return composeNone, cmd
		}
		if req, _, ok := c.request(); ok {
			c.confirmSend(req)
		}
		return composeNone, cmd
	case form.Cancel:
		return composeLeave, cmd
	}
	return composeNone, cmd
}

func (c *composer) anyIncluded() bool {
	for _, in := range c.in {
		if in {
			return true
		}
	}
	return false
}

// dirty reports whether any value differs from the prefill.
func (c *composer) dirty() bool { return !form.Equal(c.vals, c.fresh, c.names) }

// setBusy pauses editing while the report is sent.
func (c *composer) setBusy(b bool, note string) {
	c.sending = b
	c.form.SetBusy(b)
	c.form.SetNote(note)
}

func (c *composer) setSize(w, h int) {
	c.width, c.height = w, h
	c.form.SetSize(w, h)
	if c.prompt != nil {
		c.prompt.SetSize(w, h)
	}
}

func (c *composer) setTheme(th *themes.Theme) {
	c.form.SetTheme(th)
	if c.prompt != nil {
		c.prompt.SetTheme(th)
	}
}

func (c *composer) view() string {
	if c.prompt != nil {
		return c.prompt.View()
	}
	return c.form.View()
}

func (c *composer) keyMap() keys.Map {
	if c.prompt != nil {
		return c.prompt.KeyMap()
	}
	return c.form.KeyMap()
}

// sentSummary says what a report holds, for the screen's message line:
// "2 vehicles: ev-0021 Start, ev-0024 Stop".
func sentSummary(req client.ReportRequest) string {
	parts := make([]string, 0, len(req.Payloads))
	for i, p := range req.Payloads {
		if i == 3 {
			parts = append(parts, "and "+strconv.Itoa(len(req.Payloads)-i)+" more")
			break
		}
		parts = append(parts, p.ResourceID+" "+string(p.ActionType))
	}
	return plural(len(req.Payloads), "vehicle") + ": " + strings.Join(parts, ", ")
}
