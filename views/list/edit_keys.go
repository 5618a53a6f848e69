package list

import (
	"github.com/ecdash/ecdash/views/components/keys"
)

// tabKeys are the list's editing keys; each changes server data, so each
// is Dangerous and disabled in read-only mode.
type tabKeys struct {
	New, Edit, EditJSON, Delete keys.Binding
}

func newTabKeys(noun string, editor, readOnly bool) tabKeys {
	const g = "Edit"
	k := tabKeys{
		New:    keys.NewDangerous(g, "n", "new "+noun, "n"),
		Edit:   keys.NewDangerous(g, "e", "edit the selected "+noun+" in a form", "e"),
		Delete: keys.NewDangerous(g, "d", "delete the selected "+noun+" (asks first)", "d"),
	}
	if editor {
		k.EditJSON = keys.NewDangerous(g, "E", "edit the selected "+noun+" as JSON in $VISUAL/$EDITOR", "E")
	}
	k.New = k.New.ForMode(readOnly)
	k.Edit = k.Edit.ForMode(readOnly)
	k.Delete = k.Delete.ForMode(readOnly)
	k.EditJSON = k.EditJSON.ForMode(readOnly)
	return k
}

// list returns the bindings in help order (a zero EditJSON is left out).
func (k tabKeys) list() keys.Map {
	out := keys.Map{k.New, k.Edit}
	if len(k.EditJSON.Keys()) > 0 {
		out = append(out, k.EditJSON)
	}
	return append(out, k.Delete)
}
