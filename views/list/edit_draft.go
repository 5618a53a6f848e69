package list

import (
	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/views/components/form"
)

// offerDraft asks whether to restore a draft left for this form.
func (t *Editable[T]) offerDraft(s *session[T]) {
	d, ok, err := t.drafts.Load(s.draftKey)
	if err != nil {
		s.form.SetNote(oneLine(err.Error()))
		return
	}
	if !ok {
		return
	}
	s.offered = d
	lines := []string{"You left this form without saving at " + t.stamp(d.SavedAt) + "."}
	if len(d.Dropped) > 0 {
		if s.create {
			lines = append(lines, "The secret was not written to disk: a new one is generated.")
		} else {
			lines = append(lines, "The secret was not written to disk: the stored secret is kept.")
		}
	}
	lines = append(lines, "No keeps the draft until you change something in the form.")
	s.prompt = newDraftPrompt(t, "Restore draft from "+t.stamp(d.SavedAt)+"?", lines)
	s.phase = phasePrompt
}

// answerDraft fills the form from the offered draft (yes) or starts from
// the object as it is (no).
func (t *Editable[T]) answerDraft(s *session[T], yes bool) {
	s.phase = phaseEditing
	s.prompt = nil
	s.form.SetValues(s.fresh)
	if !yes {
		from := "started from the " + t.spec.Noun + " as it is"
		if s.create {
			from = "started a new form"
		}
		s.form.SetNote(from + "; the draft is kept until you change something")
		return
	}
	restore := form.Values{}
	for _, f := range s.form.Fields() {
		if v, ok := s.offered.Values[f.Name]; ok && f.Kind != form.Secret && f.Kind != form.Display {
			restore[f.Name] = v
		}
	}
	s.form.ApplyValues(restore)
	if !s.create && s.offered.Base != nil {
		// The check before saving compares against what the draft was
		// based on; values the draft left out (secrets) come from now.
		base := s.fresh.Clone()
		for k, v := range s.offered.Base {
			base[k] = v
		}
		s.base = base
	}
	s.restored = true
	s.lastDraft = s.form.Values()
	s.form.SetNote("draft restored")
}

// draftOf is what a draft keeps of values: editable fields, secrets left out.
func draftOf(fields []form.Field, v form.Values) (kept map[string]string, dropped []string) {
	kept = map[string]string{}
	for _, f := range fields {
		switch f.Kind {
		case form.Display, form.Heading:
		case form.Secret:
			dropped = append(dropped, f.Name)
		default:
			kept[f.Name] = v[f.Name]
		}
	}
	return kept, dropped
}

// saveDraft writes the form's values (and what they were based on) to the
// form's draft file. The error is also left in the hint.
func (t *Editable[T]) saveDraft(s *session[T]) error {
	return t.saveDraftValues(s, s.form.Values())
}

func (t *Editable[T]) saveDraftValues(s *session[T], v form.Values) error {
	fields := s.form.Fields()
	vals, dropped := draftOf(fields, v)
	d := drafts.Draft{Key: s.draftKey, SavedAt: t.ctx.Now(), Values: vals, Dropped: dropped}
	if !s.create {
		d.Base, _ = draftOf(fields, s.base)
	}
	if err := t.drafts.Save(d); err != nil {
		t.flash = oneLine(err.Error())
		return err
	}
	s.lastDraft = v.Clone()
	return nil
}

// autosave keeps the draft of a changed form current, at most once a
// tick, so a form is not lost when the dashboard ends while it is open.
func (t *Editable[T]) autosave() {
	if s := t.sess; s != nil {
		if err := t.keepDraft(s); err != nil {
			s.form.SetNote("the draft could not be kept: " + oneLine(err.Error()))
		}
	}
}

// keepDraft writes s's draft now if it changed since the last one.
func (t *Editable[T]) keepDraft(s *session[T]) error {
	if t.drafts == nil || s.phase == phasePrompt || !s.form.Dirty() {
		return nil
	}
	v := s.form.Values()
	if s.lastDraft != nil && form.Equal(v, s.lastDraft, s.names) {
		return nil
	}
	return t.saveDraftValues(s, v)
}

func newDraftPrompt[T any](t *Editable[T], title string, lines []string) *form.Confirm {
	p := form.NewConfirm(t.ctx.Theme, title, lines, "Restore it?")
	p.SetSize(t.width, t.height)
	return p
}
