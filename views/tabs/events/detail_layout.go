package events

// layout is where the dispatch screen's parts go, in lines from the top:
// the title line, the header, the chart, the one-line descriptor summary,
// the targets table (or, toggled with d, the descriptor panel; on a tall
// screen the panel also fits below the table) and a message line.
type layout struct {
	header             int
	chartTop, chart    int
	descTop, desc      int
	tableTop, table    int
	panelTop, panel    int
	msgTop, msg        int
	headerTop, titleOn int
}

// Shares of the space between the chart and the lower part.
const (
	chartShare    = 45 // percent of the space the chart takes at least
	chartMin      = 8  // the chart's legend needs 8 lines
	splitFrom     = 12 // from this much space the chart and table share it
	chartSmallMin = 5  // below this a chart is not drawn at all
	lowerSmall    = 4  // what the table keeps on a small screen (header + 3 rows)
)

// planLayout divides height lines. header is how many header lines the
// content wants, tableNeed the table's lines for all its rows (header
// included), panelNeed the descriptor panel's.
func planLayout(height, header, tableNeed, panelNeed int, showDesc bool) layout {
	var l layout
	if height <= 0 {
		return l
	}
	l.titleOn = 1
	avail := height - 1
	if height >= 3 {
		l.msg = 1
		avail--
	}
	l.headerTop = 1
	l.header = min(header, avail)
	avail -= l.header
	if avail >= lowerSmall {
		l.desc = 1
		avail--
	}
	switch {
	case avail >= splitFrom:
		l.chart = max((avail*chartShare+99)/100, chartMin)
	case avail-lowerSmall >= chartSmallMin:
		l.chart = avail - lowerSmall
	}
	lower := avail - l.chart
	if showDesc {
		l.panel = lower
	} else {
		l.table = lower
		// A tall screen has room beyond the table: the panel goes below it,
		// then what is left makes the chart taller.
		if l.chart > 0 && lower > tableNeed {
			l.table = max(tableNeed, 2)
			spare := lower - l.table
			if spare >= panelNeed+1 {
				l.panel = panelNeed
				spare -= panelNeed
			}
			l.chart += spare
		}
	}
	l.chartTop = l.headerTop + l.header
	l.descTop = l.chartTop + l.chart
	l.tableTop = l.descTop + l.desc
	l.panelTop = l.tableTop + l.table
	l.msgTop = height - 1
	return l
}
