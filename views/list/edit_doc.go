// Editing (Editable, EditSpec): a list whose objects are created, edited
// and deleted from the dashboard, safely: n opens an empty form, e the
// selected object's, E its JSON in $VISUAL/$EDITOR, d a confirmation that
// names it and defaults to No; the form and the confirmation are screens
// on the list's stack. Every action that changes server data is a
// Dangerous binding (gone in read-only mode) and a Mutating request (never
// retried). Before an update the server's copy is fetched again; if it
// changed since the form opened, a diff lets the operator overwrite, take
// theirs or go back. The list shows a change at once and rolls it back
// when the server refuses it; a refused save keeps the form open with the
// server's problem+json beside the fields; a form left unsaved is kept as
// a draft (secrets left out) and offered the next time it opens.
//
// A tab package supplies an EditSpec: the list, the form's fields, how an
// object becomes form values and how values are sent.

package list
