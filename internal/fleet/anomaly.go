package fleet

import (
	"fmt"
	"time"

	"github.com/ecdash/ecdash/client"
)

// AnomalyKind names something odd in the reports or the event. Anomalies are
// listed, never fixed silently.
type AnomalyKind string

const (
	// AnomalyStopWithoutStart: a Stop for a vehicle that was not charging; ignored.
	AnomalyStopWithoutStart AnomalyKind = "stop without start"
	// AnomalyUndated: the report has no createdDateTime and no known send time; left out.
	AnomalyUndated AnomalyKind = "no time"
	// AnomalyNoResource: the payload names no resource; left out.
	AnomalyNoResource AnomalyKind = "no resource id"
	// AnomalyUnknownAction: the action type is neither Start nor Stop; left out.
	AnomalyUnknownAction AnomalyKind = "unknown action type"
	// AnomalyUnknownPayload: the payload type is not VehicleChargeAction; left out.
	AnomalyUnknownPayload AnomalyKind = "unknown payload type"
	// AnomalyNoValue: a Start with neither power nor current; counted as 0.
	AnomalyNoValue AnomalyKind = "start without power or current"
	// AnomalySuspectUnit: a number that looks like the wrong unit; kept as sent.
	AnomalySuspectUnit AnomalyKind = "suspect unit"
	// AnomalyNoInterval: the event has no valid start; no status or compliance.
	AnomalyNoInterval AnomalyKind = "event has no start time"
	// AnomalyNoTargets: the event targets no resource; every reporter is extra.
	AnomalyNoTargets AnomalyKind = "event targets no resources"
)

// Anomaly is one odd thing found while analysing, with where it came from.
type Anomaly struct {
	Kind       AnomalyKind
	ResourceID string
	ReportID   string
	At         time.Time
	Detail     string
}

func (a Anomaly) String() string {
	s := string(a.Kind)
	if a.ResourceID != "" {
		s += " (" + a.ResourceID + ")"
	}
	if a.Detail != "" {
		s += ": " + a.Detail
	}
	return s
}

func anomalyFor(kind AnomalyKind, a Action, detail string) Anomaly {
	return Anomaly{Kind: kind, ResourceID: a.ResourceID, ReportID: a.ReportID, At: a.At, Detail: detail}
}

// Thresholds beyond which a number is flagged as a likely unit mistake.
const (
	suspectPowerBelowW    = 100  // a charging vehicle draws more than 100 W: probably kW
	suspectCurrentAboveA  = 1000 // no vehicle charges at 1000 A per phase: probably mA
	suspectBatteryAboveKW = 1000 // no car battery holds 1000 kWh: probably Wh
)

// unitAnomalies flags numbers of a that look like the wrong unit.
func unitAnomalies(a Action) []Anomaly {
	var out []Anomaly
	if a.Power != nil && *a.Power != 0 && abs(*a.Power) < suspectPowerBelowW {
		out = append(out, anomalyFor(AnomalySuspectUnit, a,
			fmt.Sprintf("power %g W is below %d W: kW sent by mistake? kept as sent", *a.Power, suspectPowerBelowW)))
	}
	if a.Current != nil && abs(*a.Current) > suspectCurrentAboveA {
		out = append(out, anomalyFor(AnomalySuspectUnit, a,
			fmt.Sprintf("current %g A is above %d A: mA sent by mistake? kept as sent", *a.Current, suspectCurrentAboveA)))
	}
	if a.BatteryCapacity != nil && *a.BatteryCapacity > suspectBatteryAboveKW {
		out = append(out, anomalyFor(AnomalySuspectUnit, a,
			fmt.Sprintf("battery capacity %g kWh is above %d kWh: Wh sent by mistake? kept as sent", *a.BatteryCapacity, suspectBatteryAboveKW)))
	}
	return out
}

// eventAnomalies flags problems of the event itself.
func eventAnomalies(ev client.Event, targeted int) []Anomaly {
	var out []Anomaly
	if ev.IntervalPeriod.Start.IsZero() {
		out = append(out, Anomaly{Kind: AnomalyNoInterval, Detail: "status and compliance need intervalPeriod.start"})
	}
	if targeted == 0 {
		out = append(out, Anomaly{Kind: AnomalyNoTargets, Detail: "the fleet target is 0; reporting vehicles are listed as extra"})
	}
	p := ev.Payload
	if p.HasValue && quantityOf(p.Type) == quantityPower && p.Value != 0 && abs(p.Value) < suspectPowerBelowW {
		out = append(out, Anomaly{Kind: AnomalySuspectUnit,
			Detail: fmt.Sprintf("target power %g W is below %d W: kW sent by mistake? kept as sent", p.Value, suspectPowerBelowW)})
	}
	return out
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
