// Package jsonview shows a raw JSON document pretty-printed (indent 2),
// syntax-coloured with the theme's JSON styles and scrollable. It keeps the
// document exactly as sent — key order, number text, string escapes — so an
// operator sees what the API answered, not a re-encoding of it. Invalid JSON
// is shown as plain text under an error line.
package jsonview
