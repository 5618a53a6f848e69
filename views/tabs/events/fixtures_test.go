package events

import (
	"strconv"
	"time"

	"github.com/ecdash/ecdash/client"
)

// testEvent is a two-hour PowerLevel event from evStart asking 7.4 kW of
// each of six vehicles, with a 15-minute randomize window.
func testEvent() client.Event {
	prio := 2
	ev := client.Event{
		ID:                   "d0cc883b-6147-44f8-8025-28c719ab6e29",
		Name:                 "Evening peak reduction",
		Priority:             &prio,
		ProgramID:            "peak-shaving-oslo",
		CreatedDateTime:      evStart.Add(-16 * time.Hour),
		ModificationDateTime: evStart.Add(-15 * time.Hour),
		IntervalPeriod:       client.IntervalPeriod{Start: evStart, Duration: 2 * time.Hour, RandomizeStart: 15 * time.Minute},
		Payload:              client.EventPayload{Type: client.PayloadPowerLevel, Value: 7400, HasValue: true},
		ReportDescriptors:    []client.ReportDescriptor{{PayloadType: "VehicleChargeAction"}},
		Raw:                  []byte(`{"id":"d0cc883b-6147-44f8-8025-28c719ab6e29","name":"Evening peak reduction"}`),
	}
	for i, loc := range []string{"oslo-frogner", "oslo-ullern", "oslo-bjerke", "oslo-frogner", "oslo-nydalen", "oslo-ullern"} {
		ev.TargetResources = append(ev.TargetResources, client.TargetResource{ResourceID: vehicleID(i + 1), LocationID: loc})
	}
	return ev
}

func vehicleID(n int) string { return "ev-000" + strconv.Itoa(n) }

// testResources enrols the six vehicles with a make and model.
func testResources() []client.Resource {
	names := [][2]string{{"Tesla", "Model 3"}, {"Volvo", "EX30"}, {"Nissan", "Leaf"}, {"Kia", "EV6"}, {"Volkswagen", "ID.4"}, {"Hyundai", "Ioniq 5"}}
	var out []client.Resource
	for i, n := range names {
		out = append(out, client.Resource{ID: "r" + strconv.Itoa(i), ResourceID: vehicleID(i + 1),
			Metadata: client.VehicleResourceMetadata{ResourceType: "Vehicle", Brand: n[0], Model: n[1]}})
	}
	return out
}

// report is one action of one vehicle, minutes after evStart.
func report(n int, vehicle int, action client.ActionType, minutes float64, power float64, soc float64) client.Report {
	at := evStart.Add(time.Duration(minutes * float64(time.Minute)))
	return client.Report{
		ID: "rep-" + strconv.Itoa(n), EventID: testEvent().ID, Name: vehicleID(vehicle) + " " + string(action),
		CreatedDateTime: at,
		Payloads: []client.VehicleChargeActionPayload{{
			PayloadType: "VehicleChargeAction", ResourceID: vehicleID(vehicle), ActionType: action,
			Power: f64(power), StateOfCharge: f64(soc), Location: client.Location{Latitude: 59.92, Longitude: 10.71},
		}},
	}
}

// testReports: 1, 2 and 4 start in the window, 2 stops early, 3 starts
// late (after the deadline), 5 and 6 say nothing.
func testReports() []client.Report {
	return []client.Report{
		report(1, 1, client.ActionStart, 2, 7400, 41),
		report(2, 2, client.ActionStart, 6, 7000, 55),
		report(3, 4, client.ActionStart, 12, 7400, 23),
		report(4, 2, client.ActionStop, 15, 0, 61),
	}
}

// lateReport is vehicle 3 starting 22 minutes in: after the deadline.
func lateReport() client.Report { return report(5, 3, client.ActionStart, 22, 11000, 30) }
