// Package sentreports owns what ecdash knows about the reports it sends:
// checking a report file before it is sent (DecodeRequest), the durable
// local record of every report sent and the server's answer (Record, one
// append-only JSON-lines file per profile in the state directory), sending
// a report once and recording what came of it (Send, shared by `ecdash
// report send` and the dashboard's composer), and gathering an event's
// reports from the server's GET /reports extension where it is offered
// plus that record (Gather).
//
// The record exists because the Energy Coordination API (v1) accepts
// reports but never lists them back: without it, a dashboard talking to a
// real server could not chart what its own fleet reported.
//
// The file is shared by every ecdash process of a profile (a dashboard and
// a script running `ecdash report send` at once): each entry is one line
// written with a single write under an exclusive flock, then fsynced, and
// readers skip, with a warning, a line an interrupted write left torn.
package sentreports
