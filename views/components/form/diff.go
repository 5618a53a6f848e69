package form

import (
	"strings"

	"github.com/ecdash/ecdash/themes"
)

// Op is what a diff line does.
type Op int

const (
	Same Op = iota
	Del
	Add
)

// DiffLine is one line of a line diff.
type DiffLine struct {
	Op   Op
	Text string
}

// Diff is the line diff from a to b (longest common subsequence; forms have
// tens of lines, so the quadratic table is small).
func Diff(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffLine{Same, a[i]})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{Del, a[i]})
			i++
		default:
			out = append(out, DiffLine{Add, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{Del, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{Add, b[j]})
	}
	return out
}

// Changed reports whether a diff holds any change.
func Changed(d []DiffLine) bool {
	for _, l := range d {
		if l.Op != Same {
			return true
		}
	}
	return false
}

// RenderDiff draws a diff as "- old" / "+ new" lines coloured with the
// theme's Deleted and New styles, each fitted to width; unchanged lines
// are left out unless context is true.
func RenderDiff(th *themes.Theme, d []DiffLine, width int, context bool) []string {
	del, add, same := themes.NewPainter(th.Deleted), themes.NewPainter(th.New), themes.NewPainter(th.Muted)
	var out []string
	for _, l := range d {
		text := strings.TrimRight(clean(l.Text), " ")
		switch l.Op {
		case Del:
			out = append(out, del.Paint(pad("- "+text, width)))
		case Add:
			out = append(out, add.Paint(pad("+ "+text, width)))
		default:
			if context {
				out = append(out, same.Paint(pad("  "+text, width)))
			}
		}
	}
	return out
}
