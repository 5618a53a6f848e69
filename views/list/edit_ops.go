package list

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
)

// opKind is what a request of this tab was for.
type opKind int

const (
	opFetch opKind = iota // the server's copy when a form opens
	opCheck               // the server's copy just before a PUT
	opSave                // create or update
	opDelete
)

// op is a request in flight and what its answer applies to.
type op[T any] struct {
	kind   opKind
	sess   *session[T] // the form that asked (it may have been left since)
	change *change[T]  // the optimistic change to confirm or roll back
	key    string      // the object's key (delete)
}

// call starts run and remembers what its answer is for. Mutating requests
// are refused by the shell in read-only mode and never retried.
func (t *Editable[T]) call(o *op[T], name string, mutating bool, run func(context.Context, client.API) (T, error)) tea.Cmd {
	id, cmd := views.Call(t.ctx.Backend, t.spec.List.Kind, name, mutating, run)
	t.ops[id] = o
	return cmd
}

// onResult applies an answer to the form, the list and the drafts.
func (t *Editable[T]) onResult(o *op[T], msg views.Result[T]) tea.Cmd {
	if errors.Is(msg.Err, context.Canceled) && o.kind != opSave && o.kind != opDelete {
		return nil // the dashboard is closing
	}
	switch o.kind {
	case opFetch:
		t.onFetched(o.sess, msg)
	case opCheck:
		return t.onChecked(o.sess, msg)
	case opSave:
		return t.onSaved(o, msg)
	case opDelete:
		return t.onDeleted(o, msg)
	}
	return nil
}
