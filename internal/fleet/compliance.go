package fleet

import "time"

// Compliance is the fleet's delivery against the event's target over the
// elapsed part of the interval, [Start, min(now, End)], as energy: kWh for a
// PowerLevel event (∫ fleet power dt), Ah for a CurrentLevel event
// (∫ fleet current dt). Delivered over target can exceed 100 %.
type Compliance struct {
	Unit      string  // "kWh" or "Ah"
	Delivered float64 // energy the targeted vehicles reported over the elapsed interval
	Target    float64 // fleet target × elapsed time
	// Percent is Delivered / Target × 100; meaningful only when HasPercent
	// (the event has started, has a target value and the target is not 0).
	Percent    float64
	HasPercent bool
	Elapsed    time.Duration
}

// compliance integrates the fleet series over the elapsed interval.
func compliance(fleet Series, fleetTarget float64, hasTarget bool, w Window, now time.Time, q quantity) Compliance {
	return complianceBy(fleet.Integrate, fleetTarget, hasTarget, w, now, q)
}

// complianceBy is compliance with the fleet's integral given as a function.
func complianceBy(integrate func(from, to time.Time) float64, fleetTarget float64, hasTarget bool, w Window, now time.Time, q quantity) Compliance {
	return complianceFrom(w.Start, integrate, fleetTarget, hasTarget, w, now, q)
}

// complianceFrom is complianceBy over [from, min(now, End)]: from the
// window's start for the whole event, from its WindowEnd for the delivery
// once every vehicle should have started (the randomize-start window lets
// them start late, and counts as non-delivery over the whole event).
func complianceFrom(from time.Time, integrate func(from, to time.Time) float64, fleetTarget float64, hasTarget bool, w Window, now time.Time, q quantity) Compliance {
	c := Compliance{Unit: q.energyUnit()}
	if !w.Valid {
		return c
	}
	to := w.elapsedEnd(now)
	if !to.After(from) {
		return c
	}
	c.Elapsed = to.Sub(from)
	c.Delivered = integrate(from, to) * q.energyFactor()
	if hasTarget {
		c.Target = fleetTarget * c.Elapsed.Hours() * q.energyFactor()
	}
	if c.Target != 0 {
		c.Percent = c.Delivered / c.Target * 100
		c.HasPercent = true
	}
	return c
}

// deliveredBy integrates one vehicle's series over the elapsed interval.
func deliveredBy(s Series, w Window, now time.Time, q quantity) float64 {
	if !w.Valid {
		return 0
	}
	return s.Integrate(w.Start, w.elapsedEnd(now)) * q.energyFactor()
}
