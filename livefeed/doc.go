// Package livefeed owns ecdash's live notifications: the signed-webhook
// receiver (signature, size limit, dedupe), the durable per-profile journal
// with group commit and crash recovery, its lock-free JournalReader, the
// in-process fan-out (Hub), the websocket relay server with gap-free resume
// and its reconnecting client (Follow), the Batcher that coalesces bursts
// for the dashboard, the dashboard's sources (a receiver here, or a relay),
// which events a notification announces, and "subscribe this dashboard".
//
// The data path is one-way and every step is ordered by the journal's
// sequence number:
//
//	POST /webhook → Receiver (verify, decode, dedupe) → Journal.Append (fsync)
//	  → 200 → Hub → Subscription (dashboard, RelayServer viewer) → Batcher
//	RelayServer /feed → websocket → Follow → Batcher
//
// Other processes on the same host read the journal without its lock through
// JournalReader (`ecdash feed tail --journal`), up to the commit mark the
// writer moves after each fsync, so they never see a record that is not yet
// durable and never modify a file.
//
// A notification is answered 200 only once it is durably in the journal, and
// every consumer resumes by sequence number from the journal, so neither a
// crash, a slow consumer nor a dropped connection loses or repeats one.
//
// Deliveries whose signature does not verify are answered 401 and are not
// journaled at all: they are counted in Receiver.Stats and reported to
// ReceiverOptions.OnDelivery (without the body), so an attacker cannot fill
// the disk and a misconfigured secret is still visible. Every journaled record
// therefore has Verified=true; Record.Verified only differs on the far side of
// a relay, where Follow re-verifies with the dashboard's own secrets.
package livefeed
