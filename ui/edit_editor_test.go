package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editorScript writes a shell script to use as $EDITOR. Each run counts
// itself, keeps a copy of the file it was given (open-N.json) and runs the
// step for its number: steps[0] on the first run, and so on.
func editorScript(t *testing.T, steps ...string) (dir string) {
	t.Helper()
	dir = t.TempDir()
	var b strings.Builder
	b.WriteString("#!/bin/sh\nset -e\nd=" + shellQuote(dir) + "\n")
	b.WriteString("n=$(cat \"$d/count\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$d/count\"\n")
	b.WriteString("cp \"$1\" \"$d/open-$n.json\"; stat -c %a \"$1\" > \"$d/mode-$n\"\n")
	b.WriteString("case $n in\n")
	for i, s := range steps {
		b.WriteString("  " + string(rune('1'+i)) + ") " + s + " ;;\n")
	}
	b.WriteString("  *) exit 3 ;;\nesac\n")
	path := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(path, []byte(b.String()), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", path)
	return dir
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEditorChangesTheYear(t *testing.T) {
	dir := editorScript(t, `sed -i 's/"year": 2020/"year": 2021/' "$1"`)
	tm, api, _ := editApp(t, false)
	send(tm, "E")
	waitFor(t, tm, "updated resource ev-0001")
	r, err := api.GetResource(context.Background(), "ev-0001")
	if err != nil || *r.Metadata.Year != 2021 || r.Metadata.Model != "ID.3" {
		t.Fatalf("server has %+v, %v", r, err)
	}
	opened := readFile(t, filepath.Join(dir, "open-1.json"))
	if !strings.HasPrefix(opened, "// Edit resource ev-0001") || !strings.Contains(opened, `"vin": "WVWZZZE18LT550777"`) {
		t.Errorf("the editor got:\n%s", opened)
	}
	if mode := strings.TrimSpace(readFile(t, filepath.Join(dir, "mode-1"))); mode != "600" {
		t.Errorf("the temporary file has mode %s, want 600", mode)
	}
	finalScreen(t, tm)
}

func TestEditorReopensWithTheErrorOnTop(t *testing.T) {
	dir := editorScript(t,
		`cp "$1" "$d/orig.json"; echo '{ "resourceId": ' > "$1"`,                                              // broken JSON
		`sed 's/"vin": "[A-Z0-9]*"/"vin": "WVWZZZE18LT55077"/' "$d/orig.json" > "$1"`,                         // a 16-character VIN
		`sed 's/"vin": "[A-Z0-9]*"/"vin": "WVWZZZE18LT550778"/; s/"ID.3"/"ID.3 Pure"/' "$d/orig.json" > "$1"`, // valid
	)
	tm, api, _ := editApp(t, false)
	send(tm, "E")
	waitFor(t, tm, "updated resource ev-0001")
	second := readFile(t, filepath.Join(dir, "open-2.json"))
	if !strings.HasPrefix(second, "// error: line ") || !strings.Contains(second, `{ "resourceId":`) {
		t.Errorf("second open:\n%s", second)
	}
	third := readFile(t, filepath.Join(dir, "open-3.json"))
	if !strings.HasPrefix(third, "// error: metadata.vin: needs 17 characters, has 16\n") {
		t.Errorf("third open:\n%s", third)
	}
	r, err := api.GetResource(context.Background(), "ev-0001")
	if err != nil || r.Metadata.VIN != "WVWZZZE18LT550778" || r.Metadata.Model != "ID.3 Pure" {
		t.Fatalf("server has %+v, %v", r, err)
	}
	finalScreen(t, tm)
}

func TestEditorUnchangedFileCancels(t *testing.T) {
	editorScript(t, `true`)
	tm, _, _ := editApp(t, false)
	send(tm, "E")
	waitFor(t, tm, "editor closed without changes: nothing was sent")
	finalScreen(t, tm)
}
