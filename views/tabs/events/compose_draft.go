package events

import (
	"strings"
	"time"

	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views/components/form"
)

// draftVehicles is the Base key under which a report draft names its
// vehicles, in slot order: the payload fields are named by slot, so a
// draft's payloads fit only a composer with the same vehicles.
const draftVehicles = "vehicles"

func (c *composer) vehicleList() string {
	ids := make([]string, len(c.slots))
	for i, s := range c.slots {
		ids[i] = s.resourceID
	}
	return strings.Join(ids, ",")
}

// offerDraft asks whether to restore the draft left for this event's report.
func (c *composer) offerDraft() {
	d, ok, err := c.drafts.Load(c.draftKey)
	if err != nil {
		c.form.SetNote(oneLine(err.Error()))
		return
	}
	if !ok {
		return
	}
	c.offered = d
	at := c.stamp(d.SavedAt)
	lines := []string{"You left the report for this event without sending it at " + at + "."}
	if d.Base[draftVehicles] != c.vehicleList() {
		lines = append(lines, "The event's vehicles changed since: only the report's name can be restored.")
	}
	lines = append(lines, "No keeps the draft until you change something in the form.")
	c.prompt = newDraftPrompt(c, "Restore draft from "+at+"?", lines)
	c.answer = func(yes bool) composeAction {
		c.answerDraft(yes)
		return composeNone
	}
}

// answerDraft fills the form from the offered draft (yes) or starts from
// the prefill (no).
func (c *composer) answerDraft(yes bool) {
	if !yes {
		c.form.SetNote("started from the event; the draft is kept until you change something")
		return
	}
	same := c.offered.Base[draftVehicles] == c.vehicleList()
	for _, n := range c.names {
		if v, ok := c.offered.Values[n]; ok && (same || n == cfName) {
			c.vals[n] = v
		}
	}
	c.saved = c.vals.Clone()
	c.rebuild("")
	c.form.SetNote("draft restored")
	if !same {
		c.form.SetNote("draft restored: its name only, since the event's vehicles changed")
	}
}

// saveDraft writes every value (left-out vehicles' included) to the draft.
func (c *composer) saveDraft() error {
	vals := make(map[string]string, len(c.names))
	for _, n := range c.names {
		vals[n] = c.vals[n]
	}
	d := drafts.Draft{Key: c.draftKey, SavedAt: c.ctx.Now(), Values: vals,
		Base: map[string]string{draftVehicles: c.vehicleList()}}
	if err := c.drafts.Save(d); err != nil {
		return err
	}
	c.saved = c.vals.Clone()
	return nil
}

// autosave keeps the draft of a changed composer current, at most once a
// tick, so the input survives the dashboard ending while it is open.
func (c *composer) autosave() {
	if err := c.keep(); err != nil {
		c.form.SetNote("the draft could not be kept: " + oneLine(err.Error()))
	}
}

// keep writes the draft if the composer changed since the last one.
func (c *composer) keep() error {
	if c.drafts == nil || c.prompt != nil || !c.dirty() {
		return nil
	}
	if c.saved != nil && form.Equal(c.vals, c.saved, c.names) {
		return nil
	}
	return c.saveDraft()
}

// leave says what leaving did: a changed composer is kept as a draft.
func (c *composer) leave() (text string, isErr bool) {
	going := ""
	if c.sending {
		going = "; the report already sent goes on"
	}
	switch {
	case !c.dirty():
		return "left the report without sending it" + going, false
	case c.drafts == nil:
		return "left the report without sending it: no state directory, so no draft was kept" + going, false
	}
	if err := c.saveDraft(); err != nil {
		return "left the report, and its draft could not be kept: " + oneLine(err.Error()), true
	}
	return "left the report without sending it: draft kept (R offers it again)" + going, false
}

// forget deletes the draft of a report that was sent.
func (c *composer) forget() error {
	c.saved = nil
	return c.drafts.Delete(c.draftKey)
}

// stamp formats when a draft was saved, for the offer.
func (c *composer) stamp(at time.Time) string {
	return present.Stamp(at, c.ctx.Now(), c.ctx.Location)
}

func newDraftPrompt(c *composer, title string, lines []string) *form.Confirm {
	p := form.NewConfirm(c.ctx.Theme, title, lines, "Restore it?")
	p.SetSize(c.width, c.height)
	return p
}
