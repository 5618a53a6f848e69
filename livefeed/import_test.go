package livefeed

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// oldFrame is one frame as the journal before JetStream wrote it.
func oldFrame(kind byte, seq uint64, body []byte) []byte {
	n := payloadPrefix + len(body)
	out := make([]byte, frameHeaderSize+n)
	payload := out[frameHeaderSize:]
	payload[0] = kind
	binary.LittleEndian.PutUint64(payload[1:payloadPrefix], seq)
	copy(payload[payloadPrefix:], body)
	binary.LittleEndian.PutUint32(out, uint32(n))
	binary.LittleEndian.PutUint32(out[4:], crc32.Checksum(payload, castagnoli))
	return out
}

// writeOldJournal writes notifications 0..n-1 in two segments, with a
// repeat frame and a torn frame at the end, as a crash would leave.
func writeOldJournal(t *testing.T, dir string, n int) {
	t.Helper()
	path := filepath.Join(dir, "test")
	if err := os.MkdirAll(path, 0o700); err != nil {
		t.Fatal(err)
	}
	var segs [2][]byte
	for i := range n {
		body := sandboxBody(i)
		s, _ := DecodeSummary(body)
		d, _ := json.Marshal(diskNotification{Received: time.Date(2025, 1, 2, 3, 4, i, 0, time.UTC), Signature: Sign(testSecret, body),
			Verified: true, Key: DedupeKey(s, body), Summary: s, Body: body})
		segs[i*2/n] = append(segs[i*2/n], oldFrame(kindNotification, uint64(i+1), d)...)
		if i == 3 {
			segs[0] = append(segs[0], oldFrame(kindDuplicate, 4, []byte(`{"received":"2025-01-02T03:05:00Z"}`))...)
		}
	}
	torn := oldFrame(kindNotification, uint64(n+1), []byte(`{"key":"torn"}`))
	segs[1] = append(segs[1], torn[:len(torn)-3]...)
	for k, b := range segs {
		name := fmt.Sprintf("%020d.seg", 1+k*n/2)
		if err := os.WriteFile(filepath.Join(path, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestImportJournal: an old journal's notifications land in the store in
// their order, each with its received time, body and signature, once; the
// repeat frame is no new record and the torn frame is skipped; a second
// import into the same stream is refused.
func TestImportJournal(t *testing.T) {
	t.Parallel()
	const n = 40
	dir := t.TempDir()
	writeOldJournal(t, dir, n)
	st, err := OpenStore(testCtx(t), StoreOptions{Dir: dir, Profile: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := ImportJournal(testCtx(t), dir, "test", st)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != n || res.Duplicates != 0 || res.Torn != 1 {
		t.Errorf("import %+v, want %d imported, 0 duplicates, 1 torn", res, n)
	}
	recs, _ := readFeed(t, st)
	if len(recs) != n {
		t.Fatalf("the store holds %d records, want %d", len(recs), n)
	}
	for i, r := range recs {
		body := sandboxBody(i)
		if string(r.Body) != string(body) || r.Signature != Sign(testSecret, body) || !r.Received.Equal(time.Date(2025, 1, 2, 3, 4, i, 0, time.UTC)) {
			t.Errorf("record %d: body, signature or received time not kept (%v)", i, r.Received)
		}
	}
	if _, err := ImportJournal(testCtx(t), dir, "test", st); err == nil || !strings.Contains(err.Error(), "already imported") {
		t.Errorf("a second import: %v", err)
	}
}

// FuzzImportSegment: whatever bytes an old segment holds, the import
// neither panics nor stores a record whose frame did not check out, and it
// stores exactly the well-formed notification frames before the first bad
// one.
func FuzzImportSegment(f *testing.F) {
	body := sandboxBody(1)
	good, _ := json.Marshal(diskNotification{Key: "k1", Body: body, Verified: true})
	f.Add(oldFrame(kindNotification, 1, good))
	f.Add(append(oldFrame(kindNotification, 1, good), oldFrame(kindDuplicate, 1, []byte(`{}`))...))
	f.Add([]byte("not a journal"))
	st := openTestStore(f)
	f.Fuzz(func(t *testing.T, seg []byte) {
		want := wellFormed(seg)
		path := filepath.Join(t.TempDir(), "00000000000000000001.seg")
		if err := os.WriteFile(path, seg, 0o600); err != nil {
			t.Fatal(err)
		}
		var res ImportResult
		var buf []byte
		if err := importSegment(testCtx(t), path, st, &res, &buf); err != nil {
			t.Fatalf("import: %v", err)
		}
		if res.Imported+res.Duplicates != want {
			t.Fatalf("stored %d+%d, want the %d well-formed notifications", res.Imported, res.Duplicates, want)
		}
	})
}

// wellFormed counts the notification frames with a valid header, checksum
// and JSON before the first bad frame, independently of readFrame.
func wellFormed(b []byte) int {
	n := 0
	for len(b) >= frameHeaderSize {
		size := int(binary.LittleEndian.Uint32(b))
		if size < payloadPrefix || size > maxFramePayload || len(b) < frameHeaderSize+size {
			return n
		}
		payload := b[frameHeaderSize : frameHeaderSize+size]
		if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(b[4:]) {
			return n
		}
		switch payload[0] {
		case kindNotification:
			var d diskNotification
			if json.Unmarshal(payload[payloadPrefix:], &d) == nil {
				n++
			}
		case kindDuplicate:
		default:
			return n
		}
		b = b[frameHeaderSize+size:]
	}
	return n
}
