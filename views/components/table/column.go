package table

import "github.com/charmbracelet/x/ansi"

// Column describes one column of the table.
type Column struct {
	Title    string
	Width    int  // preferred width in cells
	MinWidth int  // below this the column is dropped, right-most first (0 = Width: a fixed column)
	Grow     int  // share of spare width (0 = fixed)
	Right    bool // right-align (numbers)
	// Live columns follow the clock (a countdown): their cells are brought
	// up to date for the rows on screen only, so the filter does not
	// search them.
	Live bool
}

// gap is the space between two columns; gutter is the cell left of each row
// that shows the cursor ('>') or the row's mark, so both stay visible without
// colour (NO_COLOR, the Ascii profile of golden tests, colour blindness).
const (
	gap    = 1
	gutter = 1
)

// slot is a column placed on screen: its index in the column list and width.
type slot struct {
	col, width int
}

// layout places the columns in width cells: every shown column gets at least
// its minimum, spare cells raise columns towards their preferred width (left
// first), and what is left goes to growing columns in proportion to Grow.
// When even the minimums don't fit, columns are dropped from the right; the
// first column is never dropped but is cut to what remains.
func layout(cols []Column, width int) (slots []slot, gutterW int) {
	if width >= 3 {
		gutterW = gutter
	}
	avail := width - gutterW
	if len(cols) == 0 || avail <= 0 {
		return nil, gutterW
	}
	mins := make([]int, len(cols))
	need := -gap
	for i, c := range cols {
		mins[i] = minWidth(c)
		need += mins[i] + gap
	}
	n := len(cols)
	for n > 1 && need > avail {
		n--
		need -= mins[n] + gap
	}
	slots = make([]slot, n)
	spare := avail - need
	for i := range slots {
		slots[i] = slot{col: i, width: mins[i]}
		if spare > 0 {
			add := min(spare, max(cols[i].Width-mins[i], 0))
			slots[i].width += add
			spare -= add
		}
	}
	if n == 1 && slots[0].width > avail {
		slots[0].width = avail
	}
	growSum := 0
	for i := range slots {
		growSum += max(cols[i].Grow, 0)
	}
	if spare > 0 && growSum > 0 {
		left := spare
		for i := range slots {
			if g := max(cols[i].Grow, 0); g > 0 {
				add := spare * g / growSum
				slots[i].width += add
				left -= add
			}
		}
		for i := 0; left > 0; i = (i + 1) % n { // remainder: one cell each, left to right
			if cols[i].Grow > 0 {
				slots[i].width++
				left--
			}
		}
	}
	return slots, gutterW
}

// minWidth is the narrowest a column may be before it is dropped.
func minWidth(c Column) int {
	switch {
	case c.MinWidth > 0:
		return c.MinWidth
	case c.Width > 0:
		return c.Width
	}
	return max(ansi.StringWidth(c.Title), 1)
}
