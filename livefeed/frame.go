package livefeed

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"
)

// The journal of ecdash before its feed moved to NATS JetStream, read once
// by ImportJournal. On disk a journal segment is a sequence of frames:
//
//	uint32 LE payload length | uint32 LE CRC-32C of payload | payload
//
// and a payload is a one-byte kind, the uint64 LE sequence number, and JSON.
// A crash can leave the last frame short or garbled; the length and checksum
// tell, and the import stops reading that segment there.
const (
	frameHeaderSize  = 8
	payloadPrefix    = 9
	maxFramePayload  = 64 << 20
	kindNotification = 'n' // a journaled notification; seq is its own
	kindDuplicate    = 'd' // a repeat delivery; seq is the original's
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errTornFrame marks a frame that is cut short or fails its checksum.
var errTornFrame = errors.New("torn or corrupt journal frame")

// diskNotification is the JSON part of a notification frame.
type diskNotification struct {
	Received  time.Time `json:"received"`
	Signature string    `json:"signature,omitempty"`
	Verified  bool      `json:"verified"`
	Key       string    `json:"key"`
	Summary   Summary   `json:"summary"`
	Body      []byte    `json:"body"`
}

// diskDuplicate is the JSON part of a duplicate frame.
type diskDuplicate struct {
	Received time.Time `json:"received"`
}

// frame is one decoded frame; body aliases the reader's buffer.
type frame struct {
	kind byte
	seq  uint64
	body []byte
	size int64 // bytes on disk, header included
}

// readFrame reads the next frame. It returns io.EOF at a clean end and
// errTornFrame for a short, oversized or checksum-failing frame.
func readFrame(r *bufio.Reader, buf *[]byte) (frame, error) {
	var hdr [frameHeaderSize]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if err == io.EOF {
			return frame{}, io.EOF
		}
		if err == io.ErrUnexpectedEOF {
			return frame{}, errTornFrame
		}
		return frame{}, err
	}
	n := binary.LittleEndian.Uint32(hdr[:4])
	if n < payloadPrefix || n > maxFramePayload {
		return frame{}, errTornFrame
	}
	if cap(*buf) < int(n) {
		*buf = make([]byte, n)
	}
	payload := (*buf)[:n]
	if _, err := io.ReadFull(r, payload); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return frame{}, errTornFrame
		}
		return frame{}, err
	}
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(hdr[4:]) {
		return frame{}, errTornFrame
	}
	kind := payload[0]
	if kind != kindNotification && kind != kindDuplicate {
		return frame{}, errTornFrame
	}
	return frame{
		kind: kind,
		seq:  binary.LittleEndian.Uint64(payload[1:payloadPrefix]),
		body: payload[payloadPrefix:],
		size: int64(frameHeaderSize + n),
	}, nil
}

// decodeNotification turns a notification frame into a Record.
func decodeNotification(f frame) (Record, error) {
	var d diskNotification
	if err := json.Unmarshal(f.body, &d); err != nil {
		return Record{}, fmt.Errorf("journal record %d: %w", f.seq, err)
	}
	return Record{
		Seq:       f.seq,
		Received:  d.Received,
		Body:      d.Body,
		Signature: d.Signature,
		Verified:  d.Verified,
		Summary:   d.Summary,
		Key:       d.Key,
	}, nil
}
