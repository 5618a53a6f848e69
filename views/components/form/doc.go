// Package form is the dashboard's reusable edit form: a column of labelled
// fields (one-line text, masked secret, multi-select, single choice,
// read-only display, headings) with focus movement, validation as the
// operator types shown beside each field, a form-level area for the
// server's problem+json with its field errors placed beside the matching
// fields, and a submit that is refused while a field is invalid. It also
// holds the small pieces every editing screen needs: a yes/no confirmation
// that defaults to No, and a line diff for "what changed" views.
//
// The form never talks to the network or the disk: its owner reads
// Values, sends them, and feeds the answer back with SetServerError.
// internal/drafts keeps unsaved values on disk; views/list builds list
// tabs whose items are created, edited and deleted through forms.
package form
