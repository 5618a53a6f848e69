package list

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
)

// pendingDelete is the confirmation before a delete.
type pendingDelete[T any] struct {
	item T
	key  string
	dlg  *form.Confirm
}

// askDelete opens the confirmation that names the object; it defaults to No.
func (t *Editable[T]) askDelete(it T) tea.Cmd {
	key := t.spec.List.Key(it)
	lines := []string{t.spec.Noun + " " + key}
	if t.spec.Describe != nil {
		lines = t.spec.Describe(it)
	}
	dlg := form.NewConfirm(t.ctx.Theme, "Delete "+t.spec.Noun+" "+key+"?", lines,
		"Delete it from the server? This cannot be undone.")
	return t.List.Push(&confirmScreen[T]{t: t, p: &pendingDelete[T]{item: it, key: key, dlg: dlg}})
}

// answerDelete deletes on y and keeps the object on any other key.
func (t *Editable[T]) answerDelete(dlg *confirmScreen[T], k tea.KeyMsg) tea.Cmd {
	p := dlg.p
	answered, yes := p.dlg.Update(k)
	if !answered {
		return nil
	}
	t.List.Remove(dlg)
	if !yes || t.ctx.ReadOnly {
		t.flash = "kept " + t.spec.Noun + " " + p.key + " (only y deletes)"
		return nil
	}
	c := t.over.add(&change[T]{oldKey: p.key})
	for t.List.InScreen() { // a detail of the object goes with it
		t.List.Pop()
	}
	t.resync()
	t.flash = "deleting " + t.spec.Noun + " " + p.key + "…"
	key := p.key
	return t.call(&op[T]{kind: opDelete, change: c, key: key}, "Delete"+t.spec.Op, true,
		func(ctx context.Context, api client.API) (T, error) {
			var none T
			return none, t.spec.Delete(ctx, api, key)
		})
}

// onDeleted confirms the removal or puts the row back.
func (t *Editable[T]) onDeleted(o *op[T], msg views.Result[T]) tea.Cmd {
	gone := client.IsNotFound(msg.Err)
	if msg.Err != nil && !gone {
		t.over.rollback(o.change)
		t.resync()
		t.flash = "could not delete " + t.spec.Noun + " " + o.key + ": " + oneLine(msg.Err.Error())
		return nil
	}
	t.over.confirm(o.change, nil, t.ctx.Now())
	t.resync()
	t.flash = "deleted " + t.spec.Noun + " " + o.key
	if gone {
		t.flash = t.spec.Noun + " " + o.key + " was already gone from the server"
	}
	if err := t.drafts.Delete(t.spec.DraftKind + "-" + o.key); err != nil {
		t.flash += " (" + oneLine(err.Error()) + ")"
	}
	return views.Refresh(t.spec.List.Kind)
}
