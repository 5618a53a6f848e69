// Package fleet is ecdash's domain of dispatches: where an event stands by
// the clock, and what its vehicles did about it. It places report payloads
// on a timeline, replays each vehicle's Start/Stop into step series, and
// computes the fleet response against the event's target, compliance as
// energy over the elapsed interval, each targeted vehicle's status
// (responded, late, silent, pending, stopped early), anomalies in the
// reports, and the per-step export (CSV and JSON).
//
// Everything here is pure and deterministic: the clock is always an
// explicit now argument, and the package does no network work, no file
// work and no drawing (no lipgloss, no bubbletea). The dashboard's dispatch
// screen and chart, and the CLI's export, feed it what the API and the
// local record of sent reports hold.
//
// Units and rules chosen here (see also Options):
//   - Series values are in the event's unit: W for PowerLevel (and for an
//     unknown payload type), A for CurrentLevel.
//   - A payload without the event's quantity but with the other one is
//     converted assuming a three-phase 230 V supply with the given current per
//     phase: P = I × 230 V × 3 (configurable), and the value is counted as
//     derived.
//   - Values are kept as sent. A value that looks like the wrong unit (a power
//     under 100 W, a current over 1000 A, a battery over 1000 kWh) is flagged
//     as an anomaly, never rescaled.
//   - Energy is kWh for power events and Ah for current events.
package fleet
