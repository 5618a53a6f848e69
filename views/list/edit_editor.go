package list

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views/components/form"
)

// editorRun is an object being edited as JSON in the operator's editor.
type editorRun[T any] struct {
	item    T
	key     string
	path    string // the temporary file (0600)
	written []byte // what the file held when the editor opened it
	errored bool   // the file was reopened with errors at its top
}

// editorDoneMsg is the editor's exit, routed by the shell to the active tab.
type editorDoneMsg struct {
	owner state.Kind
	err   error
}

// editorCommand is $VISUAL, else $EDITOR, else vi, split on spaces so
// "code --wait" works (quoted arguments are not supported).
func editorCommand() []string {
	for _, env := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(env)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

const editorHelp = "// Lines starting with // are ignored. Save and quit to send; quit without saving to cancel.\n"

// startEditor writes the object's JSON to a private temporary file and
// opens it in the editor.
func (t *Editable[T]) startEditor(it T) tea.Cmd {
	key := t.spec.List.Key(it)
	body, err := t.spec.Editor.Encode(t.spec.Values(t.ctx, &it))
	if err != nil {
		t.flash = "cannot edit as JSON: " + oneLine(err.Error())
		return nil
	}
	f, err := os.CreateTemp("", "ecdash-"+t.spec.DraftKind+"-*.json") // mode 0600
	if err != nil {
		t.flash = "cannot edit as JSON: " + oneLine(err.Error())
		return nil
	}
	f.Close()
	e := &editorRun[T]{item: it, key: key, path: f.Name()}
	head := "// Edit " + t.spec.Noun + " " + key + " (sent with PUT after a check that nobody changed it meanwhile).\n" + editorHelp
	if err := e.write([]byte(head), body); err != nil {
		os.Remove(e.path)
		t.flash = "cannot edit as JSON: " + oneLine(err.Error())
		return nil
	}
	t.editor = e
	return t.launch(e)
}

func (e *editorRun[T]) write(head, body []byte) error {
	content := append(append([]byte{}, head...), body...)
	if len(content) > 0 && content[len(content)-1] != '\n' {
		content = append(content, '\n')
	}
	if err := os.WriteFile(e.path, content, 0o600); err != nil {
		return err
	}
	e.written = content
	return nil
}

func (t *Editable[T]) launch(e *editorRun[T]) tea.Cmd {
	args := editorCommand()
	cmd := exec.Command(args[0], append(args[1:], e.path)...)
	kind := t.spec.List.Kind
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editorDoneMsg{owner: kind, err: err} })
}

// onEditorDone reads the file back: unchanged is a cancel; invalid JSON or
// values reopen the editor with the errors on top; valid values open the
// form with them and save (the same check and PUT as the form).
func (t *Editable[T]) onEditorDone(msg editorDoneMsg) tea.Cmd {
	e := t.editor
	if e == nil {
		return nil
	}
	if msg.err != nil {
		t.editor = nil
		os.Remove(e.path)
		t.flash = "the editor " + strings.Join(editorCommand(), " ") + " failed: " + oneLine(msg.err.Error()) + "; nothing was sent (set $VISUAL or $EDITOR)"
		return nil
	}
	b, err := os.ReadFile(e.path)
	if err != nil {
		t.editor = nil
		t.flash = "cannot read the edited file: " + oneLine(err.Error()) + "; nothing was sent"
		return nil
	}
	if bytes.Equal(b, e.written) {
		t.editor = nil
		if e.errored {
			t.flash = "editor closed without changes: nothing was sent; your text is kept in " + e.path
			return nil
		}
		os.Remove(e.path)
		t.flash = "editor closed without changes: nothing was sent"
		return nil
	}
	body := stripComments(b)
	fields := t.spec.Fields(t.ctx, &e.item)
	vals, problems := t.decode(fields, body)
	if len(problems) > 0 {
		head := ""
		for _, p := range problems {
			head += "// error: " + strings.ReplaceAll(p, "\n", " ") + "\n"
		}
		head += "// Fix the errors above. " + strings.TrimPrefix(editorHelp, "// ")
		e.errored = true
		if err := e.write([]byte(head), body); err != nil {
			t.editor = nil
			t.flash = "cannot write the edited file: " + oneLine(err.Error())
			return nil
		}
		return t.launch(e)
	}
	t.editor = nil
	os.Remove(e.path)
	old := t.spec.Values(t.ctx, &e.item)
	if form.Equal(vals, old, form.EditableNames(fields)) {
		t.flash = "no change to send"
		return nil
	}
	cmd := t.openForm(&e.item, false)
	s := t.sess
	s.form.ApplyValues(vals)
	s.restored = true
	return tea.Batch(cmd, t.submit(s))
}

// decode parses the edited JSON and applies the form's own checks.
func (t *Editable[T]) decode(fields []form.Field, body []byte) (form.Values, []string) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, []string{"the file holds no JSON object"}
	}
	vals, err := t.spec.Editor.Decode(body)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// The file reopens with this error and one more comment line
			// above the JSON: count them so the line matches the editor's.
			line, col := position(body, se.Offset)
			return nil, []string{fmt.Sprintf("line %d, column %d: %v", line+2, col, se)}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			line, _ := position(body, int64(len(bytes.TrimRight(body, " \t\r\n"))))
			return nil, []string{fmt.Sprintf("line %d: the JSON ends before the object is complete", line+2)}
		}
		return nil, []string{oneLine(err.Error())}
	}
	errs := form.Check(fields, vals)
	names := make([]string, 0, len(errs))
	for n := range errs {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		out = append(out, n+": "+errs[n])
	}
	return vals, out
}

// stripComments drops the lines that start with // (after blanks).
func stripComments(b []byte) []byte {
	var out [][]byte
	for _, l := range bytes.Split(b, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimSpace(l), []byte("//")) {
			continue
		}
		out = append(out, l)
	}
	return bytes.Join(out, []byte("\n"))
}

// position turns a byte offset into a 1-based line and column (of the JSON
// without the comment lines).
func position(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}
