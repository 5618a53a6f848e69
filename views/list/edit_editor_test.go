package list

import (
	"testing"
)

func TestStripCommentsAndPosition(t *testing.T) {
	in := "// error: x\n  // indented comment\n{\n  \"a\": \"http://x//y\"\n}\n"
	got := string(stripComments([]byte(in)))
	if got != "{\n  \"a\": \"http://x//y\"\n}\n" {
		t.Errorf("stripped %q", got)
	}
	for _, c := range []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {5, 2, 4}, {99, 4, 1}} {
		if l, col := position([]byte("{\n  \"a\"\n}\n"), c.off); l != c.line || col != c.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

func TestEditorCommand(t *testing.T) {
	for _, c := range []struct {
		visual, editor string
		want           string
	}{{"", "", "vi"}, {"", "nano", "nano"}, {"code --wait", "nano", "code|--wait"}, {"  ", "ed", "ed"}} {
		t.Setenv("VISUAL", c.visual)
		t.Setenv("EDITOR", c.editor)
		got := ""
		for i, a := range editorCommand() {
			if i > 0 {
				got += "|"
			}
			got += a
		}
		if got != c.want {
			t.Errorf("VISUAL=%q EDITOR=%q: %q, want %q", c.visual, c.editor, got, c.want)
		}
	}
}
