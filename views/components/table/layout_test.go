package table

import (
	"reflect"
	"testing"
)

func TestLayout(t *testing.T) {
	cols := []Column{
		{Title: "ID", Width: 6},                          // fixed
		{Title: "Name", Width: 10, MinWidth: 4, Grow: 2}, // shrinks to 4, grows ×2
		{Title: "Note", Width: 8, MinWidth: 5, Grow: 1},  // shrinks to 5, grows ×1
		{Title: "N", Width: 3, Right: true},              // fixed
	}
	cases := []struct {
		width      int
		wantWidths []int
		wantGutter int
	}{
		// gutter 1 + 6+10+8+3 + 3 gaps = 31: preferred widths exactly.
		{31, []int{6, 10, 8, 3}, 1},
		// 9 spare cells: 6 to Name (2/3), 3 to Note (1/3).
		{40, []int{6, 16, 11, 3}, 1},
		// 10 spare: 6 and 3, remainder 1 to the first growing column.
		{41, []int{6, 17, 11, 3}, 1},
		// Too narrow for preferred widths: minimums first, spare to the left.
		{25, []int{6, 7, 5, 3}, 1}, // need 1+6+4+5+3+3 gaps = 22: 3 spare to Name
		{22, []int{6, 4, 5, 3}, 1},
		// Minimums don't fit: drop from the right, then share what is left.
		{21, []int{6, 7, 5}, 1},
		{18, []int{6, 4, 5}, 1},
		{17, []int{6, 9}, 1},
		{12, []int{6, 4}, 1},
		{11, []int{6}, 1},
		// The first column is never dropped, only cut.
		{5, []int{4}, 1},
		{3, []int{2}, 1},
		{2, []int{2}, 0},
		{1, []int{1}, 0},
		{0, nil, 0},
	}
	for _, c := range cases {
		slots, g := layout(cols, c.width)
		var widths []int
		for i, s := range slots {
			if s.col != i {
				t.Errorf("width %d: slot %d shows column %d", c.width, i, s.col)
			}
			widths = append(widths, s.width)
		}
		if !reflect.DeepEqual(widths, c.wantWidths) || g != c.wantGutter {
			t.Errorf("width %d: widths %v gutter %d, want %v gutter %d", c.width, widths, g, c.wantWidths, c.wantGutter)
		}
	}
}

func TestLayoutColumnWithoutWidthUsesTitle(t *testing.T) {
	slots, _ := layout([]Column{{Title: "Status"}, {Title: "X", Grow: 1}}, 20)
	if slots[0].width != 6 || slots[1].width != 20-1-6-1 {
		t.Fatalf("slots = %+v", slots)
	}
}
