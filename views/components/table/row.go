package table

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Mark is a row's highlight.
type Mark int

// Row highlights, each drawn with the theme style of the same name and a
// symbol in the gutter.
const (
	MarkNone    Mark = iota
	MarkChanged      // changed since the last refresh
	MarkNew          // appeared since the last refresh
	MarkDeleted      // gone from the API, shown until the highlight fades
	MarkDanger       // needs attention (e.g. a silent vehicle)
	MarkMuted        // de-emphasised
	markCount
)

// symbols are the gutter glyphs for each mark (ASCII: they must survive any font).
var symbols = [markCount]string{" ", "*", "+", "-", "!", " "}

// Row is one line of the table.
type Row struct {
	Key   string   // stable identity (object id); the cursor follows it across SetRows
	Cells []string // display text per column (plain text)
	Sort  []string // optional per-column sort keys (nil or "" → the cell), compared as strings: pad numbers
	Mark  Mark
}

// sortKey returns the string the row sorts by in column col.
func (r *Row) sortKey(col int) string {
	if col < len(r.Sort) && r.Sort[col] != "" {
		return r.Sort[col]
	}
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

var sumSeed = maphash.MakeSeed()

// contentSum hashes what a row shows (cells and mark): the table keeps it
// instead of the cells, to know when a row's rendering must change.
func contentSum(r *Row) uint64 {
	var h maphash.Hash
	h.SetSeed(sumSeed)
	h.WriteByte(byte(r.Mark))
	for _, c := range r.Cells {
		h.WriteString(c)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// versions hands out row versions. A version names one rendered content, so
// it is unique across every table in the process: two tables (or two copies
// of one Model) can never mistake each other's cached rows.
var versions atomic.Uint64

// entry is a row as the table keeps it: not its cells (the rows of a large
// list are rendered from their source when they come into view), only what
// sorting, filtering and the render cache need.
type entry struct {
	Key  string
	Mark Mark
	ver  uint64 // names the rendered content; changes when sum does
	sum  uint64 // contentSum of the row
	sort string // the row's key in the sorted column ("" when unsorted)
	hay  string // lower-cased searchable cells joined by \x00: what the filter searches
	dead bool   // deleted; its slot is reused at the next compaction
}

// haystack joins the cells of the searchable columns, lower-cased, so that
// one strings.Contains per row filters it and a match never spans two cells.
func haystack(cells []string, cols []Column) string {
	n := min(len(cols), len(cells))
	size := 0
	for i := 0; i < n; i++ {
		size += len(cells[i]) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for i := 0; i < n; i++ {
		if cols[i].Live {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(0)
		}
		writeLower(&b, cells[i])
	}
	return b.String()
}

// writeLower writes s lower-cased: byte by byte for ASCII, the common
// case, else as strings.ToLower does.
func writeLower(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b.WriteString(strings.ToLower(s))
			return
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

// clean replaces control characters (C0, DEL, C1: ESC among them) so a cell
// can neither move the cursor nor restyle the terminal, and invisible format
// characters (bidi overrides, prepended marks) that reorder text or make
// widths disagree with the terminal. The zero-width joiner stays for emoji.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == utf8.RuneError:
			b.WriteByte('?')
		case r >= 0xad && r != '\u200d' && unicode.Is(unicode.Cf, r):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
