package list

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
)

// EditSpec describes how objects of type T are listed and edited. List.Key
// and List.Get are required (Get fetches the server's copy before a PUT).
type EditSpec[T any] struct {
	List Spec[T]
	// Noun is the singular name shown to the operator ("resource"); Op
	// names requests after it ("Resource": CreateResource).
	Noun, Op string
	// DraftKind prefixes draft files: <DraftKind>-<key or new>.json.
	DraftKind string
	// Fields lays the form out; item is nil for a new object.
	Fields func(ctx *views.Context, item *T) []form.Field
	// Values is what the form shows for item (nil: a new object's defaults).
	Values func(ctx *views.Context, item *T) form.Values
	// Describe names an object in the delete confirmation, one fact a line.
	Describe func(item T) []string
	Create   func(ctx context.Context, api client.API, v form.Values) (T, error)
	// Update replaces the object addressed by key. base holds the values
	// the form started from, so fields the operator left alone (a secret)
	// can be left out of the request.
	Update func(ctx context.Context, api client.API, key string, v, base form.Values) (T, error)
	Delete func(ctx context.Context, api client.API, key string) error
	// Preview is the row shown while a save is in flight; prev is the
	// object being replaced (nil for a new one).
	Preview func(v form.Values, prev *T) T
	// Editor enables E (edit as JSON in $VISUAL/$EDITOR); nil leaves it out.
	Editor *Editor
	// Extra are more list keys, e.g. "subscribe this dashboard".
	Extra []Action
	// Clipboard receives copied secrets (nil: the terminal, on stderr).
	Clipboard io.Writer
}

// Editor turns form values into the JSON the operator edits and back.
// Decode's errors name the field ("metadata.year: must be a whole number").
type Editor struct {
	Encode func(v form.Values) ([]byte, error)
	Decode func(b []byte) (form.Values, error)
}

// Action is an extra key on the list.
type Action struct {
	Binding keys.Binding
	Run     func() tea.Cmd
}
