package layout

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ecdash/ecdash/"

// forbidden lists, for packages under a prefix, the prefixes they must not
// import (non-test files only).
var forbidden = []struct{ from, to, why string }{
	{"cmd/", "views", "cmd wires the dashboard through ui and imports no view"},
	{"views", "ui", "views never import the shell"},
	{"views/components", "views/list", "components are widgets under the list"},
	{"views/components", "views/tabs", "components are widgets under the tabs"},
	{"views/list", "views/tabs", "the list is under the tabs"},
	{"internal/", "views", "the domain and the state never import a screen"},
	{"internal/", "ui", "the domain and the state never import the shell"},
	{"internal/", "cmd", "nothing imports the commands"},
	{"livefeed", "views", "the live feed is below the views"},
	{"livefeed", "ui", "the live feed is below the shell"},
	{"livefeed", "internal/state", "the state merges the feed, not the other way"},
	{"client", "internal/", "the client is the bottom of the house"},
	{"client", "livefeed", "the client is the bottom of the house"},
	{"themes", "views", "themes are below everything that draws"},
	{"internal/fleet", "github.com/charmbracelet", "the dispatch domain draws nothing"},
	{"internal/present", "github.com/charmbracelet", "present writes text, not styles"},
}

func TestArrowsPointOneWay(t *testing.T) {
	root := moduleRoot(t)
	imports := map[string][]string{} // package dir → imports
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.Contains(path, "/testdata/") || strings.Contains(path, "/.git/") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports[filepath.ToSlash(dir)] = append(imports[filepath.ToSlash(dir)], p)
		}
		return nil
	})
	if len(imports) < 20 {
		t.Fatalf("read only %d packages: the walk went wrong", len(imports))
	}
	for dir, ims := range imports {
		for _, im := range ims {
			for _, rule := range forbidden {
				to := rule.to
				if !strings.Contains(to, ".") {
					to = module + to
				}
				if under(dir, rule.from) && under(im, to) && !under(module+dir, to) {
					t.Errorf("%s imports %s: %s", dir, im, rule.why)
				}
			}
		}
	}
}

// under reports whether path is prefix or inside it ("x/" means inside x).
func under(path, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(path, prefix)
	}
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if parent := filepath.Dir(dir); parent != dir {
			dir = parent
			continue
		}
		t.Fatal("no go.mod above the test")
		return ""
	}
}
