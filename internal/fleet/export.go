package fleet

import (
	"fmt"
	"time"

	"github.com/ecdash/ecdash/client"
)

// maxExportRows bounds Sample so a tiny step over a long event cannot
// exhaust memory.
const maxExportRows = 1_000_000

// Row is one time step of the export. Values are means over
// [T, T+step) (the last step may be shorter, ending at min(now, End)), in
// the event's unit, so a row's value × its length is the energy of the
// step and the rows add up to the summary.
type Row struct {
	T        time.Time
	Target   float64   // fleet target
	Fleet    float64   // sum over targeted vehicles
	Vehicles []float64 // one per Table.Vehicles, same order
}

// ExportVehicle describes one vehicle column.
type ExportVehicle struct {
	ResourceID   string
	Targeted     bool
	Status       Status
	StoppedEarly bool
	FirstStart   time.Time
	Energy       float64 // over the elapsed interval, in Summary.EnergyUnit
}

// Summary is the settlement view of the event at Analysis.Now.
type Summary struct {
	EventID     string
	EventName   string
	PayloadType client.PayloadType
	Unit        string // "W" or "A"
	Start, End  time.Time
	Now         time.Time
	Grace       time.Duration

	VehicleTarget float64 // per vehicle, in Unit (0 when the event has none)
	FleetTarget   float64
	Compliance    Compliance
	// AfterWindow is Compliance from WindowEnd, the end of the
	// randomize-start window (Start when there is none).
	WindowEnd    time.Time
	AfterWindow  Compliance
	Counts       Counts
	Silent       []string // targeted vehicles with no Start by the deadline
	Late         []string
	StoppedEarly []string
	Extra        []string // reported without being targeted
	Anomalies    []string
}

// Table is what `ecdash export event` writes.
type Table struct {
	Step     time.Duration
	Vehicles []ExportVehicle // column order: targeted in event order, then extra
	Rows     []Row
	Summary  Summary
}

// Sample cuts the analysis into steps of the given length from the event's
// start to min(now, end). An event that has not started yet gives no rows.
func Sample(a Analysis, step time.Duration) (Table, error) {
	if step <= 0 {
		return Table{}, fmt.Errorf("export step must be positive, got %s", step)
	}
	if !a.Window.Valid {
		return Table{}, fmt.Errorf("event %q has no valid start time: nothing to sample", a.EventID)
	}
	from, to := a.Window.Start, a.Window.elapsedEnd(a.Now)
	if n := to.Sub(from) / step; n > maxExportRows {
		return Table{}, fmt.Errorf("export step %s gives %d rows over %s (limit %d): use a longer step",
			step, n, to.Sub(from), maxExportRows)
	}
	t := Table{Step: step, Summary: summarize(a)}
	for _, v := range a.Vehicles {
		t.Vehicles = append(t.Vehicles, ExportVehicle{
			ResourceID: v.ResourceID, Targeted: v.Targeted, Status: v.Status,
			StoppedEarly: v.StoppedEarly, FirstStart: v.FirstStart, Energy: v.Energy,
		})
	}
	for at := from; at.Before(to); at = at.Add(step) {
		end := at.Add(step)
		if end.After(to) {
			end = to
		}
		r := Row{
			T:        at,
			Target:   a.Target.Mean(at, end),
			Fleet:    a.Fleet.Mean(at, end),
			Vehicles: make([]float64, len(a.Vehicles)),
		}
		for i, v := range a.Vehicles {
			r.Vehicles[i] = v.Series.Mean(at, end)
		}
		t.Rows = append(t.Rows, r)
	}
	return t, nil
}

func summarize(a Analysis) Summary {
	s := Summary{
		EventID: a.EventID, EventName: a.EventName, PayloadType: a.PayloadType, Unit: a.Unit,
		Start: a.Window.Start, End: a.Window.End, Now: a.Now, Grace: a.Options.Grace,
		VehicleTarget: a.VehicleTarget, FleetTarget: a.FleetTarget,
		Compliance: a.Compliance, WindowEnd: a.Window.WindowEnd, AfterWindow: a.AfterWindow, Counts: a.Counts,
	}
	for _, v := range a.Vehicles {
		switch {
		case !v.Targeted:
			s.Extra = append(s.Extra, v.ResourceID)
		case v.Status == StatusSilent:
			s.Silent = append(s.Silent, v.ResourceID)
		case v.Status == StatusLate:
			s.Late = append(s.Late, v.ResourceID)
		}
		if v.StoppedEarly {
			s.StoppedEarly = append(s.StoppedEarly, v.ResourceID)
		}
	}
	for _, an := range a.Anomalies {
		s.Anomalies = append(s.Anomalies, an.String())
	}
	return s
}
