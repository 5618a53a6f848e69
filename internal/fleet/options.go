package fleet

import (
	"time"

	"github.com/ecdash/ecdash/client"
)

// DefaultGrace is how long after the randomize-start window a targeted
// vehicle may still start and count as having responded.
const DefaultGrace = 5 * time.Minute

// Options tunes the analysis. Use DefaultOptions and change what you need.
type Options struct {
	// Grace is added to start + randomize window to get the deadline after
	// which a vehicle with no Start is silent (before it, pending) and a
	// Start counts as late. Zero means no grace; negative counts as zero.
	Grace time.Duration
	// Volts and Phases convert between power and current when a payload
	// gives only the other one: P = I × Volts × Phases, I being the current
	// per phase. Values <= 0 fall back to 230 V and 3 phases.
	Volts  float64
	Phases int
}

// DefaultOptions is a 5-minute grace and a three-phase 230 V supply.
func DefaultOptions() Options {
	return Options{Grace: DefaultGrace, Volts: 230, Phases: 3}
}

func (o Options) normalized() Options {
	if o.Grace < 0 {
		o.Grace = 0
	}
	if o.Volts <= 0 {
		o.Volts = 230
	}
	if o.Phases <= 0 {
		o.Phases = 3
	}
	return o
}

// wattsPerAmp is the conversion factor between current and power.
func (o Options) wattsPerAmp() float64 { return o.Volts * float64(o.Phases) }

// quantity says which number of a payload an event is about.
type quantity int

const (
	quantityPower quantity = iota
	quantityCurrent
)

// quantityOf maps an event's payload type to the quantity its series use;
// an unknown type is treated as power (the API's usual case).
func quantityOf(t client.PayloadType) quantity {
	if t == client.PayloadCurrentLevel {
		return quantityCurrent
	}
	return quantityPower
}

func (q quantity) unit() string {
	if q == quantityCurrent {
		return "A"
	}
	return "W"
}

// energyUnit is the unit of the integral of the quantity over time as
// reported: kWh for power, Ah for current.
func (q quantity) energyUnit() string {
	if q == quantityCurrent {
		return "Ah"
	}
	return "kWh"
}

// energyFactor turns value·hours into energyUnit.
func (q quantity) energyFactor() float64 {
	if q == quantityCurrent {
		return 1
	}
	return 1.0 / 1000
}

// value picks the action's number in the quantity q, converting from the
// other quantity when only that one was sent. ok is false when the action
// has neither.
func (o Options) value(q quantity, power, current *float64) (v float64, derived, ok bool) {
	switch {
	case q == quantityPower && power != nil:
		return *power, false, true
	case q == quantityPower && current != nil:
		return *current * o.wattsPerAmp(), true, true
	case q == quantityCurrent && current != nil:
		return *current, false, true
	case q == quantityCurrent && power != nil:
		return *power / o.wattsPerAmp(), true, true
	}
	return 0, false, false
}
