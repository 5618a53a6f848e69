package themes

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxThemeFile bounds what Load reads: a theme is a few hundred bytes.
const maxThemeFile = 1 << 20

// Load reads a custom theme from a YAML file:
//
//	name: ocean        # optional, defaults to the file name
//	base: dark         # optional built-in to start from (default "dark")
//	accent: {fg: "#00afff", bold: true}
//	selected:
//	  fg: "#000000"
//	  bg: {light: "#0550ae", dark: "#58a6ff"}   # adapts to the terminal background
//
// Every other top-level key is a style (see StyleKeys) with the properties
// fg, bg, border_fg (a colour: "#rgb", "#rrggbb", an ANSI number 0-255,
// {light, dark}, or "none" to remove it) and bold, faint, italic, underline,
// reverse, strikethrough, blink (true/false). Errors name the file, line and key.
//
// Under NO_COLOR the base theme is colourless, but colours the file sets
// explicitly are kept: the user asked for them (https://no-color.org).
func Load(path string) (*Theme, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("theme file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxThemeFile+1))
	if err != nil {
		return nil, fmt.Errorf("theme file %s: %w", path, err)
	}
	if len(data) > maxThemeFile {
		return nil, fmt.Errorf("theme file %s: larger than %d bytes; is it really a theme?", path, maxThemeFile)
	}
	th, err := parse(data, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if err != nil {
		return nil, fmt.Errorf("theme file %s%w", path, err)
	}
	return th, nil
}

// posError is an error at a position in the file; its text starts with ":"
// so that Load can prefix the file name (file:line:col: message).
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf(":%d:%d: %s", e.line, e.col, e.msg) }

func errAt(n *yaml.Node, format string, args ...any) error {
	return &posError{line: n.Line, col: n.Column, msg: fmt.Sprintf(format, args...)}
}

func parse(data []byte, defaultName string) (*Theme, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf(": invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, errors.New(": empty file: expected a mapping with name, base and styles")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errAt(root, "expected a mapping of name, base and styles, found %s", kindName(root))
	}
	seen := map[string]bool{}
	pairs := make([][2]*yaml.Node, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := normalizeKey(k.Value)
		if k.Kind != yaml.ScalarNode {
			return nil, errAt(k, "keys must be plain names")
		}
		if seen[key] {
			return nil, errAt(k, "key %q appears twice", k.Value)
		}
		seen[key] = true
		pairs = append(pairs, [2]*yaml.Node{k, v})
	}

	name, baseName := defaultName, DefaultName
	for _, p := range pairs {
		switch normalizeKey(p[0].Value) {
		case "name":
			if p[1].Kind != yaml.ScalarNode || p[1].Value == "" {
				return nil, errAt(p[1], "key \"name\": expected a non-empty string")
			}
			name = p[1].Value
		case "base":
			if p[1].Kind != yaml.ScalarNode {
				return nil, errAt(p[1], "key \"base\": expected a built-in theme name (%s)", strings.Join(Names(), ", "))
			}
			baseName = p[1].Value
		}
	}
	th, err := Builtin(baseName)
	if err != nil {
		n := root
		for _, p := range pairs {
			if normalizeKey(p[0].Value) == "base" {
				n = p[1]
			}
		}
		return nil, errAt(n, "key \"base\": %v", err)
	}
	th.Name = name

	for _, p := range pairs {
		key := normalizeKey(p[0].Value)
		if key == "name" || key == "base" {
			continue
		}
		f, ok := findField(key)
		if !ok {
			return nil, errAt(p[0], "unknown key %q%s; valid keys: name, base, %s",
				p[0].Value, suggest(key), strings.Join(StyleKeys(), ", "))
		}
		st, err := applyStyle(*f.get(th), p[0].Value, p[1])
		if err != nil {
			return nil, err
		}
		*f.get(th) = st
	}
	return th, nil
}

// normalizeKey lets theme files write tab-active as well as tab_active.
func normalizeKey(k string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(k)), "-", "_")
}

// suggest returns ` (did you mean "x"?)` for the closest known key, if close.
func suggest(key string) string {
	best, bestD := "", 3 // only suggest within two edits
	for _, k := range append([]string{"name", "base"}, StyleKeys()...) {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}
