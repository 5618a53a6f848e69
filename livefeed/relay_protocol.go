package livefeed

import (
	"encoding/json"
	"fmt"
	"time"
)

// The relay protocol, over one websocket at DefaultFeedPath:
//
//   - The client dials with "Authorization: Bearer <relay token>" and says
//     what it already holds in the query: ?after=<last seq>&journal=<id>.
//     Both may be omitted (after=0: everything the journal retains).
//   - The server answers with a hello frame, then one record frame per
//     journaled notification with seq > after, in order, replayed from the
//     journal and then live, and a duplicate frame when one is delivered
//     again. Each frame is one JSON object in one text message.
//   - If the journal id differs from the client's (the journal was
//     recreated) or after is beyond the journal's end, the server replays from
//     the start and says reset=true in the hello.
//   - The client sends nothing but pongs and close. The server pings; a
//     viewer too slow to keep up is closed with CloseViewerLagging and
//     resumes by reconnecting with its last seq.
const (
	// DefaultFeedPath is the relay's websocket path.
	DefaultFeedPath = "/feed"
	// CloseViewerLagging is the close code for a viewer that fell behind.
	CloseViewerLagging = 4000

	frameHello     = "hello"
	frameRecord    = "record"
	frameDuplicate = "duplicate"
)

// helloFrame opens the stream.
type helloFrame struct {
	Type     string `json:"type"`
	Journal  string `json:"journal"`
	After    uint64 `json:"after"`   // replay starts after this seq
	LastSeq  uint64 `json:"lastSeq"` // the journal's newest seq at connect
	FirstSeq uint64 `json:"firstSeq"`
	Reset    bool   `json:"reset,omitempty"`
}

// recordFrame carries one journaled notification; the body is base64 so its
// exact bytes, and so its signature, survive.
type recordFrame struct {
	Type       string    `json:"type"`
	Seq        uint64    `json:"seq"`
	Received   time.Time `json:"received"`
	Body       []byte    `json:"body"`
	Signature  string    `json:"signature"`
	Verified   bool      `json:"verified"`
	Duplicates int       `json:"duplicates"`
}

type duplicateFrame struct {
	Type  string `json:"type"`
	Seq   uint64 `json:"seq"`
	Count int    `json:"count"`
}

func encodeUpdate(u Update) ([]byte, error) {
	if r := u.Record; r != nil {
		return json.Marshal(recordFrame{
			Type: frameRecord, Seq: r.Seq, Received: r.Received, Body: r.Body,
			Signature: r.Signature, Verified: r.Verified, Duplicates: r.Duplicates,
		})
	}
	if d := u.Duplicate; d != nil {
		return json.Marshal(duplicateFrame{Type: frameDuplicate, Seq: d.Seq, Count: d.Count})
	}
	return nil, fmt.Errorf("empty update")
}

// decodedFrame is one frame as the client reads it.
type decodedFrame struct {
	hello *helloFrame
	upd   Update
}

func decodeFrame(msg []byte) (decodedFrame, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(msg, &head); err != nil {
		return decodedFrame{}, fmt.Errorf("relay sent a frame that is not JSON: %w", err)
	}
	switch head.Type {
	case frameHello:
		var h helloFrame
		if err := json.Unmarshal(msg, &h); err != nil {
			return decodedFrame{}, fmt.Errorf("relay hello: %w", err)
		}
		return decodedFrame{hello: &h}, nil
	case frameRecord:
		var f recordFrame
		if err := json.Unmarshal(msg, &f); err != nil {
			return decodedFrame{}, fmt.Errorf("relay record: %w", err)
		}
		if f.Seq == 0 {
			return decodedFrame{}, fmt.Errorf("relay record without a sequence number")
		}
		rec := &Record{Seq: f.Seq, Received: f.Received, Body: f.Body, Signature: f.Signature, Verified: f.Verified, Duplicates: f.Duplicates}
		rec.Summary, _ = DecodeSummary(rec.Body) // an odd body stays KindUnknown
		rec.Key = DedupeKey(rec.Summary, rec.Body)
		return decodedFrame{upd: Update{Record: rec}}, nil
	case frameDuplicate:
		var f duplicateFrame
		if err := json.Unmarshal(msg, &f); err != nil {
			return decodedFrame{}, fmt.Errorf("relay duplicate: %w", err)
		}
		return decodedFrame{upd: Update{Duplicate: &Duplicate{Seq: f.Seq, Count: f.Count}}}, nil
	}
	return decodedFrame{}, nil // unknown frame types are for newer relays: skip
}
