// Package livefeed owns ecdash's live notifications: the signed-webhook
// receiver (signature, size limit, dedupe key), the durable per-profile
// store on NATS JetStream (an embedded node by default, or a cluster), its
// ordered subscriptions, the websocket relay server with gap-free resume
// and its reconnecting client (Follow), the Batcher that coalesces bursts
// for the dashboard, the dashboard's sources (a receiver here, or a relay),
// which events a notification announces, "subscribe this dashboard", and
// the one-time import of a journal an earlier ecdash wrote.
//
// The data path is one-way and every step is ordered by the stream's
// sequence number:
//
//	POST /webhook → Receiver (verify, decode) → Store.Append (Nats-Msg-Id =
//	  dedupe key; JetStream acknowledges) → 200
//	Store.Subscribe → dashboard (LocalSource) → Batcher
//	RelayServer: one live reader of the stream, frames in a ring → viewers
//	  /feed → websocket → Follow → Batcher
//
// A notification is answered 200 only once JetStream acknowledged it (a
// quorum of replicas on a cluster), and every consumer resumes by stream
// sequence, so neither a crash, a slow consumer, a lost node nor a dropped
// connection loses or repeats one. A repeat delivery within the dedupe
// window is not stored again; a small marker on the stream counts it for
// every viewer.
//
// Deliveries whose signature does not verify are answered 401 and are not
// stored at all: they are counted in Receiver.Stats and reported to
// ReceiverOptions.OnDelivery (without the body), so an attacker cannot fill
// the disk and a misconfigured secret is still visible. Every stored record
// therefore has Verified=true; Record.Verified only differs on the far side
// of a relay, where Follow re-verifies with the dashboard's own secrets.
package livefeed
