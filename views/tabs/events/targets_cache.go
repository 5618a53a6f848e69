package events

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/views/components/table"
)

// targetInputs is everything a vehicle's row shows: an equal value makes
// an equal row.
type targetInputs struct {
	id                     string
	targeted, stoppedEarly bool
	status                 fleet.Status
	hasLast, hasSoC        bool
	value, soc             float64
	unit                   string
	lastType               client.ActionType
	lastAt                 time.Time
	today                  int // the day of now: the clock text drops the date for today
	vehicle, location      string
	severity               int
	index                  int // in the analysis: the order within a severity
}

func inputsOf(v fleet.VehicleResult, unit string, where map[string]string, vehicles map[string]string,
	locs map[string]client.Location, today int) targetInputs {
	in := targetInputs{
		id: v.ResourceID, targeted: v.Targeted, stoppedEarly: v.StoppedEarly, status: v.Status,
		hasLast: v.HasLast, unit: unit, vehicle: vehicles[v.ResourceID],
		location: locationText(where[v.ResourceID], locs, v.ResourceID), severity: severity(v),
	}
	if v.HasLast {
		in.value, in.lastType = v.Value, v.Last.Type
		in.lastAt, in.today = v.Last.At, today
		if soc := v.Last.StateOfCharge; soc != nil {
			in.hasSoC, in.soc = true, *soc
		}
	}
	return in
}

// targetsCache keeps the rows of the last analysis, so a new report (or a
// new second) remakes only the rows of the vehicles whose inputs changed.
type targetsCache struct {
	whereV  uint64            // the event version where was made for (0: none)
	where   map[string]string // resource → the event's location id for it
	byID    map[string]*cachedTarget
	order   []*cachedTarget // in order of attention, as last made
	buckets [7][]*cachedTarget
	gen     int
}

type cachedTarget struct {
	in  targetInputs
	row table.Row
	gen int // the last update that saw the vehicle
}

// rows is every vehicle's row in order of attention (see targetRows).
func (c *targetsCache) rows(a fleet.Analysis, ev client.Event, vehicles map[string]string,
	locs map[string]client.Location, now time.Time, loc *time.Location) []table.Row {
	c.update(a, ev, 0, vehicles, locs, now, loc)
	return c.list()
}

// list is the rows in order, in a new slice.
func (c *targetsCache) list() []table.Row {
	rows := make([]table.Row, len(c.order))
	for i, ct := range c.order {
		rows[i] = ct.row
	}
	return rows
}

// update remakes the rows whose inputs changed and the order; it returns
// the changed rows and whether vehicles came or went.
func (c *targetsCache) update(a fleet.Analysis, ev client.Event, evV uint64, vehicles map[string]string,
	locs map[string]client.Location, now time.Time, loc *time.Location) (changed []table.Row, regrouped bool) {
	where := c.locationsOf(ev, evV)
	today := dayOf(now, loc)
	if c.byID == nil {
		c.byID = make(map[string]*cachedTarget, len(a.Vehicles))
	}
	c.gen++
	for i := range c.buckets {
		c.buckets[i] = c.buckets[i][:0]
	}
	for i, v := range a.Vehicles {
		in := inputsOf(v, a.Unit, where, vehicles, locs, today)
		in.index = i
		ct := c.byID[in.id]
		if ct == nil {
			ct = &cachedTarget{}
			c.byID[in.id] = ct
			regrouped = true
		}
		if ct.gen == 0 || ct.in != in {
			ct.in, ct.row = in, targetRow(in, now, loc)
			changed = append(changed, ct.row)
		}
		ct.gen = c.gen
		c.buckets[in.severity] = append(c.buckets[in.severity], ct)
	}
	if len(c.byID) > len(a.Vehicles) {
		for id, ct := range c.byID {
			if ct.gen != c.gen {
				delete(c.byID, id) // gone from the analysis
				regrouped = true
			}
		}
	}
	c.order = c.order[:0]
	for _, b := range c.buckets {
		c.order = append(c.order, b...)
	}
	return changed, regrouped
}

// rebuildTargets turns the analysis into the table's rows. The table
// sorts by attention (the Status column's sort key, see attentionKey), so
// only the rows that changed go to it, unless vehicles came or went.
func (s *Screen) rebuildTargets() {
	changed, regrouped := s.targets.update(s.a, s.ev, s.evV, s.vehicles, s.data.locations(), s.ctx.Now(), s.ctx.Location)
	if _, total := s.tbl.Counts(); !regrouped && total == len(s.targets.order) {
		s.tbl.Upsert(changed)
		return
	}
	s.tbl.SetRows(s.targets.list())
}

// attentionKey sorts rows by severity, then in the analysis' order.
func attentionKey(severity, index int) string {
	return strconv.Itoa(severity) + fmt.Sprintf("%08d", index)
}

func dayOf(t time.Time, loc *time.Location) int {
	if loc == nil {
		loc = time.Local
	}
	t = t.In(loc)
	return t.Year()*1000 + t.YearDay()
}

// locationsOf maps each target of ev (version evV) to its location id,
// remade only when the event changed (a report does not change it).
func (c *targetsCache) locationsOf(ev client.Event, evV uint64) map[string]string {
	if evV != 0 && evV == c.whereV {
		return c.where
	}
	c.where = map[string]string{}
	for _, t := range ev.TargetResources {
		if t.LocationID != "" && c.where[t.ResourceID] == "" {
			c.where[t.ResourceID] = t.LocationID
		}
	}
	c.whereV = evV
	return c.where
}
