package list

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
)

// openForm opens the form for item (nil: a new object). With offerDraft, a
// draft left for this form is offered first. Editing also fetches the
// server's copy: until the operator changes something it replaces the
// list's (possibly older) copy as the form's starting point.
func (t *Editable[T]) openForm(item *T, offerDraft bool) tea.Cmd {
	s := &session[T]{create: item == nil}
	title := "New " + t.spec.Noun
	key := "new"
	if item != nil {
		cp := *item
		s.prev, s.key = &cp, t.spec.List.Key(cp)
		key = s.key
		title = "Edit " + t.spec.Noun + " " + s.key
	}
	s.draftKey = t.spec.DraftKind + "-" + key
	fields := t.spec.Fields(t.ctx, item)
	s.names = form.EditableNames(fields)
	s.form = form.New(title, t.ctx.Theme, fields)
	s.form.Clipboard = t.spec.Clipboard
	if s.form.Clipboard == nil {
		s.form.Clipboard = t.ctx.Clipboard
	}
	s.form.SetReadOnly(t.ctx.ReadOnly)
	s.form.SetLeaveHint(t.leaveHint())
	s.fresh = t.spec.Values(t.ctx, item)
	s.base = s.fresh
	s.form.SetValues(s.fresh)
	t.sess = s
	s.screen = &formScreen[T]{t: t, s: s}
	t.List.Push(s.screen)
	if offerDraft {
		t.offerDraft(s)
	}
	if s.create {
		return nil
	}
	return t.call(&op[T]{kind: opFetch, sess: s}, "Get"+t.spec.Op, false,
		func(ctx context.Context, api client.API) (T, error) { return t.spec.List.Get(ctx, api, s.key) })
}

func (t *Editable[T]) leaveHint() string {
	if t.drafts == nil {
		return "esc leave (no state directory: drafts are not kept)"
	}
	return "esc leave (a draft is kept)"
}

// onFetched takes the server's copy as the starting point of a form the
// operator has not changed yet; a changed form keeps the copy it opened
// with, so the check before saving compares against what they saw.
func (t *Editable[T]) onFetched(s *session[T], msg views.Result[T]) {
	if s != t.sess {
		return
	}
	if msg.Err != nil {
		if client.IsNotFound(msg.Err) {
			s.form.SetNote("the server no longer has this " + t.spec.Noun + ": saving it will fail (esc leaves)")
		}
		return
	}
	it := msg.Value
	v := t.spec.Values(t.ctx, &it)
	switch {
	case s.phase == phasePrompt:
		s.fresh, s.base, s.prev = v, v, &it
	case s.phase == phaseEditing && !s.restored && !s.form.Dirty():
		s.fresh, s.base, s.prev = v, v, &it
		s.form.SetValues(v)
	}
}

// sessionUpdate hands a message to the open form, prompt or conflict
// view: keys by phase, anything else (a paste) to the form while editing.
func (t *Editable[T]) sessionUpdate(s *session[T], msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		if s.phase == phaseEditing {
			_, cmd := s.form.Update(msg)
			return cmd
		}
		return nil
	}
	switch s.phase {
	case phasePrompt:
		if answered, yes := s.prompt.Update(k); answered {
			t.answerDraft(s, yes)
		}
		return nil
	case phaseConflict:
		return t.conflictKey(s, k)
	}
	res, cmd := s.form.Update(k)
	switch res {
	case form.Submit:
		return t.submit(s)
	case form.Cancel:
		t.leave(s)
	}
	return cmd
}

// leave closes the form; unsaved changes are kept as a draft.
func (t *Editable[T]) leave(s *session[T]) {
	t.List.Remove(s.screen)
	saving := ""
	switch s.phase {
	case phaseSaving:
		saving = "; the save already sent goes on"
	case phaseChecking:
		saving = "; nothing was sent"
	}
	if !s.form.Dirty() {
		t.flash = "left the form" + saving
		return
	}
	switch {
	case t.drafts == nil:
		t.flash = "left without saving: no state directory, so no draft was kept" + saving
	case t.saveDraft(s) != nil:
		t.flash = "left without saving, and the draft could not be kept: " + t.flash
	default:
		t.flash = "left without saving: draft kept (offered when you open this form again)" + saving
	}
}

// submit saves a valid form: a create at once; an update after checking
// that the server's copy is still the one the form opened with.
func (t *Editable[T]) submit(s *session[T]) tea.Cmd {
	if s.create {
		return t.send(s, nil)
	}
	s.setPhase(phaseChecking, "checking the server's copy before saving…")
	return t.call(&op[T]{kind: opCheck, sess: s}, "Get"+t.spec.Op, false,
		func(ctx context.Context, api client.API) (T, error) { return t.spec.List.Get(ctx, api, s.key) })
}

// onChecked compares the server's copy with the form's starting point:
// unchanged, the update is sent; changed, the conflict view opens.
func (t *Editable[T]) onChecked(s *session[T], msg views.Result[T]) tea.Cmd {
	if s != t.sess {
		return nil // the form was left before anything was sent
	}
	if msg.Err != nil {
		s.setPhase(phaseEditing, "")
		s.form.SetServerError(msg.Err)
		head := "nothing was sent: fetching the server's copy before saving failed"
		if client.IsNotFound(msg.Err) {
			head = "nothing was sent: the server no longer has this " + t.spec.Noun + " (deleted since you opened the form?)"
		}
		s.form.SetFormError(append([]string{head}, s.form.FormError()...)...)
		return nil
	}
	it := msg.Value
	sv := t.spec.Values(t.ctx, &it)
	if form.Equal(sv, s.base, s.names) {
		return t.send(s, &it)
	}
	title := "Edit " + t.spec.Noun + " " + s.key + ": changed on the server"
	s.conflict = newConflict(title, s.form.Fields(), s.base, sv, s.form.Values(), it, t.ctx.Theme, t.ctx.ReadOnly)
	s.conflict.width, s.conflict.height = t.width, t.height
	s.setPhase(phaseConflict, "")
	return nil
}

// send creates or updates with the form's values, showing the change in
// the list at once. server is the server's copy being replaced, if known.
func (t *Editable[T]) send(s *session[T], server *T) tea.Cmd {
	v, base := s.form.Values(), s.base
	prev := s.prev
	if server != nil {
		prev = server
	}
	preview := t.spec.Preview(v, prev)
	c := &change[T]{item: &preview, mark: markNew}
	if !s.create {
		c.oldKey, c.mark = s.key, markChanged
	}
	t.over.add(c)
	t.resync()
	s.setPhase(phaseSaving, "saving…")
	o := &op[T]{kind: opSave, sess: s, change: c, key: s.key}
	if s.create {
		return t.call(o, "Create"+t.spec.Op, true, func(ctx context.Context, api client.API) (T, error) {
			return t.spec.Create(ctx, api, v)
		})
	}
	key := s.key
	return t.call(o, "Update"+t.spec.Op, true, func(ctx context.Context, api client.API) (T, error) {
		return t.spec.Update(ctx, api, key, v, base)
	})
}

// onSaved confirms or rolls back the list's change. A refused save leaves
// the form open with the server's problem beside the fields; a save of a
// form already left is reported in the hint (its draft is on disk).
func (t *Editable[T]) onSaved(o *op[T], msg views.Result[T]) tea.Cmd {
	s := o.sess
	open := s == t.sess
	if msg.Err != nil {
		t.over.rollback(o.change)
		t.resync()
		if open {
			s.setPhase(phaseEditing, "")
			s.form.SetServerError(msg.Err)
			return nil
		}
		t.flash = "saving the " + t.spec.Noun + " failed: " + s.form.MaskSecrets(oneLine(msg.Err.Error())) + " (your input is kept as a draft)"
		return nil
	}
	saved := msg.Value
	t.over.confirm(o.change, &saved, t.ctx.Now())
	t.resync()
	if s.create {
		t.List.SelectKey(t.spec.List.Key(saved)) // the operator's eyes follow what they made
	}
	// The draft is this save's, unless another form with the same key
	// (a second new object) is open now and keeps its own there.
	if other := t.sess; other == nil || other == s || other.draftKey != s.draftKey {
		if err := t.drafts.Delete(s.draftKey); err != nil {
			t.flash = oneLine(err.Error())
		}
	}
	if open {
		t.List.Remove(s.screen)
	}
	verb := "updated "
	if s.create {
		verb = "created "
	}
	if t.flash == "" {
		t.flash = verb + t.spec.Noun + " " + t.spec.List.Key(saved)
	}
	return views.Refresh(t.spec.List.Kind)
}

// stamp formats when a draft was saved, for the offer.
func (t *Editable[T]) stamp(at time.Time) string {
	return present.Stamp(at, t.ctx.Now(), t.ctx.Location)
}
