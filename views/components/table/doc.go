// Package table is the windowed list every tab of ecdash uses. Its cost per
// keypress does not grow with the number of rows: the filter and sort indices
// are computed once per SetRows/SetFilter/SortBy, View renders only the
// visible window, each row is padded with width-aware helpers and styled as
// one line (not per cell), and rendered rows are cached by (row version,
// width, cursor state) so moving the cursor re-renders two rows at most.
//
// Row cells are plain text; control characters (including ESC) are shown as
// '?' so data from the API can never drive the terminal.
package table
