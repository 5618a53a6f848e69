// Package dispatch owns what ecdash knows about one dispatch (an event and
// the charge actions its vehicles reported): placing report payloads on a
// timeline, replaying each vehicle's Start/Stop into step series, the fleet
// response against the event's target, compliance as energy over the elapsed
// interval, each targeted vehicle's status (responded, late, silent, pending,
// stopped early), the per-step export (CSV and JSON), and the Chart widget
// that draws target against response with ntcharts.
//
// Everything but the Chart is pure and deterministic: the clock is always an
// explicit now argument. The package does no network work; the event detail
// screen and the export command feed it what the API and the local record of
// sent reports hold.
//
// Units and rules chosen here (see also Options):
//   - Series values are in the event's unit: W for PowerLevel (and for an
//     unknown payload type), A for CurrentLevel. The chart shows W as kW.
//   - A payload without the event's quantity but with the other one is
//     converted assuming a three-phase 230 V supply with the given current per
//     phase: P = I × 230 V × 3 (configurable), and the value is counted as
//     derived.
//   - Values are kept as sent. A value that looks like the wrong unit (a power
//     under 100 W, a current over 1000 A, a battery over 1000 kWh) is flagged
//     as an anomaly, never rescaled.
//   - Energy is kWh for power events and Ah for current events.
package dispatch
