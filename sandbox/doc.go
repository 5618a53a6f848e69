// Package sandbox is an Energy Coordination API (v1) server for trying
// ecdash without credentials, and for testing it. It owns the HTTP API (the
// 13 operations of v1 plus the GET /reports, GET /reports/{id} and POST
// /events extensions), bearer-token auth, problem+json errors, request
// validation, an in-memory store optionally persisted to a JSON file, a
// deterministic seeded partner account, a simulated fleet that answers
// events with charge-action reports as the clock passes, a dispatcher that
// creates, amends and cancels events, and signed webhook delivery.
//
// Choices where the API's reference is silent (client/openapi.yaml allows each):
//   - POST answers 201 Created with a Location header; DELETE answers 204.
//   - Every malformed body is a 400 with the problem under errors["body"],
//     including a body over 1 MiB: the contract declares 400, not 413.
//   - POST /reports for an eventId that does not exist is a 404.
//   - PUT /resources?resourceId=X may rename the vehicle through the body's
//     resourceId (409 if taken); a body without resourceId keeps X.
//   - PUT /subscriptions/{id} keeps the stored webhookSecret when the body
//     omits it; a body id different from the path is a 400.
//   - An empty eventPayloadTypes or operationTypes list matches every type.
//   - Subscriptions, like the real API's, echo their webhookSecret.
//
// The seed (Options.Seed, with the clock) gives about 40 vehicles of real
// makes and models with valid VINs across 12 users in Oslo districts, and
// 13 events from two days ago to tomorrow: 7 past, 1 that started about 20
// minutes ago, 5 upcoming, PowerLevel and CurrentLevel. An event's target
// value is per vehicle: the fleet target is the value times the number of
// targeted vehicles. Past events carry their reports, one report per
// vehicle action, dated at the action.
//
// Events change only through the dispatcher: (*Server).Dispatch and POST
// /events create one now (by default starting in 1-3 minutes, lasting
// 15-60, targeting 5-20 vehicles), and with Options.DispatchEvery, Run
// creates one on that schedule and sometimes also amends (new target or
// later start) or cancels an event that has not started. Each change is
// saved, planned for the fleet and then announced: every subscription whose
// filters match gets a POST of {notificationId, operationType,
// eventPayloadType, notificationSentUtc, eventId, event} signed in
// X-Payload-Signature (see x-ecdash-webhooks in client/openapi.yaml),
// retried 3 times with exponential backoff on anything but 200, from a
// queue per subscription so that a dead receiver delays only itself. Logs
// name a webhook by host and path only: never its query, its secret or a
// token.
//
// Background work: (*Server).Run advances the fleet every Options.Tick and
// makes due dispatches; (*Server).Advance does one fleet step, for tests
// with a fake clock. (*Server).Close stops Run and webhook delivery.
package sandbox
