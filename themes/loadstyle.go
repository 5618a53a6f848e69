package themes

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"gopkg.in/yaml.v3"
)

// styleProps are the properties a style may set in a theme file.
var styleProps = []string{"fg", "bg", "border_fg", "bold", "faint", "italic", "underline", "reverse", "strikethrough", "blink"}

// applyStyle overlays the properties in node onto s.
func applyStyle(s lipgloss.Style, key string, node *yaml.Node) (lipgloss.Style, error) {
	if node.Kind != yaml.MappingNode {
		return s, errAt(node, "key %q: expected a mapping of %s, found %s",
			key, strings.Join(styleProps, ", "), kindName(node))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		prop := normalizeKey(k.Value)
		path := key + "." + k.Value
		if seen[prop] {
			return s, errAt(k, "key %q appears twice", path)
		}
		seen[prop] = true
		switch prop {
		case "fg", "bg", "border_fg":
			c, err := parseColor(path, v)
			if err != nil {
				return s, err
			}
			s = setColor(s, prop, c)
		case "bold", "faint", "italic", "underline", "reverse", "strikethrough", "blink":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
				return s, errAt(v, "key %q: expected true or false, found %s", path, kindName(v))
			}
			s = setAttr(s, prop, b)
		default:
			return s, errAt(k, "unknown key %q; a style may set %s", path, strings.Join(styleProps, ", "))
		}
	}
	return s, nil
}

func setColor(s lipgloss.Style, prop string, c lipgloss.TerminalColor) lipgloss.Style {
	switch prop {
	case "fg":
		if c == nil {
			return s.UnsetForeground()
		}
		return s.Foreground(c)
	case "bg":
		if c == nil {
			return s.UnsetBackground()
		}
		return s.Background(c)
	default: // border_fg
		if c == nil {
			return s.UnsetBorderForeground()
		}
		return s.BorderForeground(c)
	}
}

func setAttr(s lipgloss.Style, prop string, b bool) lipgloss.Style {
	switch prop {
	case "bold":
		return s.Bold(b)
	case "faint":
		return s.Faint(b)
	case "italic":
		return s.Italic(b)
	case "underline":
		return s.Underline(b)
	case "reverse":
		return s.Reverse(b)
	case "strikethrough":
		return s.Strikethrough(b)
	default: // blink
		return s.Blink(b)
	}
}

var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// parseColor reads a colour: "#rgb", "#rrggbb", an ANSI number 0-255,
// {light: c, dark: c}, or "none"/"" (nil: remove the colour).
func parseColor(path string, n *yaml.Node) (lipgloss.TerminalColor, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		c, ok := plainColor(n.Value)
		if !ok {
			return nil, errAt(n, "key %q: bad colour %q: use \"#rrggbb\", \"#rgb\", an ANSI number 0-255, {light: .., dark: ..} or \"none\"", path, n.Value)
		}
		if c == "" {
			return nil, nil
		}
		return c, nil
	case yaml.MappingNode:
		var ac lipgloss.AdaptiveColor
		got := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			side := normalizeKey(k.Value)
			sub := path + "." + k.Value
			if side != "light" && side != "dark" {
				return nil, errAt(k, "unknown key %q; an adaptive colour has light and dark", sub)
			}
			var c lipgloss.Color
			ok := false
			if v.Kind == yaml.ScalarNode {
				c, ok = plainColor(v.Value)
			}
			if !ok || c == "" {
				return nil, errAt(v, "key %q: bad colour %s: use \"#rrggbb\", \"#rgb\" or an ANSI number 0-255", sub, kindName(v))
			}
			got[side] = true
			if side == "light" {
				ac.Light = string(c)
			} else {
				ac.Dark = string(c)
			}
		}
		if !got["light"] || !got["dark"] {
			return nil, errAt(n, "key %q: an adaptive colour needs both light and dark", path)
		}
		return ac, nil
	}
	return nil, errAt(n, "key %q: expected a colour, found %s", path, kindName(n))
}

// plainColor validates one colour string; "" with ok means "no colour".
func plainColor(v string) (lipgloss.Color, bool) {
	v = strings.TrimSpace(v)
	switch {
	case v == "" || strings.EqualFold(v, "none"):
		return "", true
	case hexColor.MatchString(v):
		return lipgloss.Color(v), true
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 255 && fmt.Sprint(n) == v {
		return lipgloss.Color(v), true
	}
	return "", false
}
