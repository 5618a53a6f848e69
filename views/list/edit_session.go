package list

import (
	"github.com/ecdash/ecdash/internal/drafts"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// phase is where an open form is in its life.
type phase int

const (
	phaseEditing  phase = iota
	phasePrompt         // offering a draft: restore it?
	phaseChecking       // fetching the server's copy before a PUT
	phaseSaving         // the create or update is in flight
	phaseConflict       // the server's copy changed since the form opened
)

// session is one open form over the list.
type session[T any] struct {
	create   bool
	key      string // the object's key when the form opened ("" for a new one)
	draftKey string
	prev     *T // the object when the form opened (nil for a new one)
	// base holds the values the form started from: a PUT first checks that
	// the server's copy still has them. fresh is what "start over" loads.
	base, fresh form.Values
	names       []string // the editable field names: what base is compared on
	form        *form.Model
	phase       phase
	prompt      *form.Confirm // the draft offer
	offered     drafts.Draft
	restored    bool // a draft (or the editor's file) filled the form
	conflict    *conflict[T]
	lastDraft   form.Values // what the draft file holds now (nil: not written)
	screen      *formScreen[T]
}

func (s *session[T]) setSize(w, h int) {
	s.form.SetSize(w, h)
	if s.prompt != nil {
		s.prompt.SetSize(w, h)
	}
	if s.conflict != nil {
		s.conflict.width, s.conflict.height = w, h
	}
}

func (s *session[T]) setTheme(th *themes.Theme) {
	s.form.SetTheme(th)
	if s.prompt != nil {
		s.prompt.SetTheme(th)
	}
	if s.conflict != nil {
		s.conflict.th = th
	}
}

func (s *session[T]) view() string {
	switch s.phase {
	case phasePrompt:
		return s.prompt.View()
	case phaseConflict:
		return s.conflict.view()
	}
	return s.form.View()
}

func (s *session[T]) keyMap() keys.Map {
	switch s.phase {
	case phasePrompt:
		return s.prompt.KeyMap()
	case phaseConflict:
		return s.conflict.keys.list()
	}
	return s.form.KeyMap()
}

// busy reports whether a request of the form is in flight.
func (s *session[T]) busy() bool { return s.phase == phaseChecking || s.phase == phaseSaving }

// setPhase moves the form on and says what it is doing.
func (s *session[T]) setPhase(p phase, note string) {
	s.phase = p
	s.form.SetBusy(s.busy())
	s.form.SetNote(note)
}
