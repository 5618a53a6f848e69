package table

// cacheKey names one rendered line: the row's content version, the width it
// was laid out for, and whether it was the cursor row.
type cacheKey struct {
	ver      uint64
	width    int
	selected bool
	epoch    uint64 // the clock's tick, for tables with Live columns (see Tick)
}

// rowCache keeps recently rendered rows in two generations: when the current
// one fills up it becomes the previous one, and hits there are promoted. So
// the cache stays bounded while scrolling 100,000 rows, and the rows on
// screen are never all evicted at once.
type rowCache struct {
	cur, prev map[cacheKey]string
	limit     int
	header    headerKey
	headerStr string
}

// headerKey is everything the header line depends on besides the theme and
// columns (a change of those replaces the whole cache).
type headerKey struct {
	width, sortCol, colCursor int
	sortDesc, valid           bool
}

func newRowCache() *rowCache {
	return &rowCache{cur: map[cacheKey]string{}, limit: 256}
}

func (c *rowCache) get(k cacheKey) (string, bool) {
	if s, ok := c.cur[k]; ok {
		return s, true
	}
	if s, ok := c.prev[k]; ok {
		c.put(k, s)
		return s, true
	}
	return "", false
}

func (c *rowCache) put(k cacheKey, s string) {
	if len(c.cur) >= c.limit {
		c.prev, c.cur = c.cur, make(map[cacheKey]string, c.limit)
	}
	c.cur[k] = s
}

// fitLimit lets a generation hold a few screens of rows.
func (c *rowCache) fitLimit(visible int) {
	c.limit = max(256, 4*visible)
}
