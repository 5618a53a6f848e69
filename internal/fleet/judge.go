package fleet

import (
	"sort"
	"time"
)

// judgement is a track's VehicleResult at one time and how long it holds:
// nothing but the energy changes before validTo (no step, start or stop
// of the vehicle and no boundary of the window lies between), and the
// energy grows from acc. The Analyzer judges every vehicle at every now; a
// judgement saves it the searches and the integration while it holds.
type judgement struct {
	ok      bool
	at      time.Time
	validTo time.Time // zero: holds for ever
	result  VehicleResult
	acc     integral // the energy's integral through at (see integralThrough)
}

// judge returns the track's VehicleResult at now, from its judgement when
// that still holds. The result is identical to vehicleResult's.
func (tr *track) judge(now time.Time, w Window, q quantity) VehicleResult {
	j := &tr.judged
	if j.ok && !now.Before(j.at) && (j.validTo.IsZero() || now.Before(j.validTo)) {
		if !w.Valid || !now.Before(w.End) {
			return j.result // the energy counts no further than the end
		}
		v := j.result
		v.Energy = 0
		if now.After(w.Start) {
			v.Energy = j.acc.to(now) * q.energyFactor()
		}
		return v
	}
	v := vehicleResult(tr.id, tr.rank >= 0, tr.tl, w, now, q)
	*j = judgement{ok: true, at: now, validTo: tr.tl.nextChangeAfter(now, w), result: v}
	if w.Valid {
		j.acc = tr.tl.series.integralThrough(w.Start, now)
	}
	return v
}

// nextChangeAfter is the first time after t at which the vehicle's value,
// charging state or status may change: its next step or transition, or the
// next boundary of the window (zero when there is none).
func (tl timeline) nextChangeAfter(t time.Time, w Window) time.Time {
	var next time.Time
	consider := func(c time.Time) {
		if c.After(t) && (next.IsZero() || c.Before(next)) {
			next = c
		}
	}
	if i := tl.series.Count(t); i < len(tl.series) {
		consider(tl.series[i].T)
	}
	if i := sort.Search(len(tl.changes), func(i int) bool { return tl.changes[i].after(t) }); i < len(tl.changes) {
		consider(tl.changes[i].time()) // a start or stop that changes no value is a change too
	}
	if w.Valid {
		consider(w.Start)
		consider(w.Deadline)
		consider(w.End)
	}
	return next
}

// integral is the running state of Series.Integrate from a start: sum up
// to cur, and v in effect from cur.
type integral struct {
	sum float64
	cur time.Time
	v   float64
}

// integralThrough runs Integrate's loop from `from` over the points at or
// before through; to(t) then finishes it for any t after through that no
// point precedes, with the very same arithmetic.
func (s Series) integralThrough(from, through time.Time) integral {
	acc := integral{cur: from, v: s.At(from)}
	for i := s.Count(from); i < len(s) && !s[i].T.After(through); i++ {
		acc.sum += acc.v * s[i].T.Sub(acc.cur).Hours()
		acc.cur = s[i].T
		acc.v = s[i].V
	}
	return acc
}

func (acc integral) to(t time.Time) float64 { return acc.sum + acc.v*t.Sub(acc.cur).Hours() }

// runningIntegral follows Integrate(from, to) of one series as to grows:
// it keeps the loop's state over the points before the last to, and
// continues from there, with the very same arithmetic.
type runningIntegral struct {
	ok   bool
	s    Series
	from time.Time
	last time.Time // the last to
	next int       // the first point not yet summed
	acc  integral
}

// changedFrom forgets the sum when it took in points at or after t, which
// changed.
func (r *runningIntegral) changedFrom(t time.Time) {
	if r.ok && !r.acc.cur.Before(t) {
		r.ok = false
	}
}

// integrate returns s.Integrate(from, to), continuing from the last call
// when it was for the same series and start and an earlier or equal to.
func (r *runningIntegral) integrate(s Series, from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	if !r.ok || !r.from.Equal(from) || to.Before(r.last) || len(s) < len(r.s) || (len(r.s) > 0 && &s[0] != &r.s[0]) {
		*r = runningIntegral{ok: true, from: from, next: s.Count(from), acc: integral{cur: from, v: s.At(from)}}
	}
	r.s, r.last = s, to
	for ; r.next < len(s) && s[r.next].T.Before(to); r.next++ {
		r.acc.sum += r.acc.v * s[r.next].T.Sub(r.acc.cur).Hours()
		r.acc.cur = s[r.next].T
		r.acc.v = s[r.next].V
	}
	return r.acc.to(to)
}
