package ui

import (
	"net/http/httptest"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/ecdash/ecdash/client"
)

// editApp runs the dashboard against a fresh sandbox with drafts kept in a
// temporary state directory, and returns the program, a client of the same
// sandbox (to check what it stored or change it behind the dashboard's
// back) and the state directory.
func editApp(t *testing.T, readOnly bool) (*teatest.TestModel, *client.Client, string) {
	t.Helper()
	srv := newSandbox(t)
	return editAppOn(t, srv, readOnly)
}

func editAppOn(t *testing.T, srv *httptest.Server, readOnly bool) (*teatest.TestModel, *client.Client, string) {
	t.Helper()
	opts := testOptions(newClient(t, srv.URL, testToken, nil))
	opts.ReadOnly = readOnly
	opts.StateDir = t.TempDir()
	m := New(opts)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(testWidth, testHeight))
	t.Cleanup(func() { tm.Quit() })
	waitFor(t, tm, "FFR activation", "13 rows")
	// Every first load done, so none lands (and clears an error note)
	// while a test edits: visit each list once.
	send(tm, "3")
	waitFor(t, tm, "Reports updated")
	send(tm, "4")
	waitFor(t, tm, "Subscriptions updated")
	send(tm, "2")
	waitFor(t, tm, "Resources updated", "40 rows")
	return tm, newClient(t, srv.URL, testToken, nil), opts.StateDir
}

// ctrl is a control key by letter.
func ctrl(r rune) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyCtrlA + tea.KeyType(r-'a')}
}

// typeInto types s, one key per rune.
func typeInto(tm *teatest.TestModel, s string) { tm.Type(s) }

// fields types values into the open form, one field after another.
func fields(tm *teatest.TestModel, values ...string) {
	for _, v := range values {
		typeInto(tm, v)
		send(tm, "tab")
	}
}
