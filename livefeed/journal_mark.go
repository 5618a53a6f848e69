package livefeed

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"
)

// The commit mark is how a journal's writer tells lock-free readers
// (JournalReader, another process) how far the journal is durable. A segment's
// bytes become visible to readers as soon as they are written, which is
// before their fsync; the writer updates the mark only after the fsync, so a
// reader that stops at the mark never shows a record that a power cut could
// still take back. The mark itself is not fsynced: it can only lag behind the
// durable data, never run ahead of it, and the writer rewrites it on open.
//
// Layout (32 bytes, little endian):
//
//	"ECM1" | uint64 segment first seq | int64 durable bytes of that segment |
//	uint64 newest durable notification seq | uint32 CRC-32C of the 28 before
const (
	commitMarkName  = "commit.mark"
	commitMarkSize  = 32
	commitMarkMagic = "ECM1"
)

// commitMark is the durable end of a journal.
type commitMark struct {
	seg  uint64 // first seq of the segment the durable end lies in
	size int64  // bytes of that segment that are durable
	last uint64 // newest durable notification seq (0 when none)
}

func (m commitMark) encode() []byte {
	b := make([]byte, commitMarkSize)
	copy(b, commitMarkMagic)
	binary.LittleEndian.PutUint64(b[4:], m.seg)
	binary.LittleEndian.PutUint64(b[12:], uint64(m.size))
	binary.LittleEndian.PutUint64(b[20:], m.last)
	binary.LittleEndian.PutUint32(b[28:], crc32.Checksum(b[:28], castagnoli))
	return b
}

func decodeCommitMark(b []byte) (commitMark, bool) {
	if len(b) != commitMarkSize || string(b[:4]) != commitMarkMagic ||
		crc32.Checksum(b[:28], castagnoli) != binary.LittleEndian.Uint32(b[28:]) {
		return commitMark{}, false
	}
	m := commitMark{
		seg:  binary.LittleEndian.Uint64(b[4:]),
		size: int64(binary.LittleEndian.Uint64(b[12:])),
		last: binary.LittleEndian.Uint64(b[20:]),
	}
	return m, m.seg > 0 && m.size >= 0
}

// createCommitMark writes m to a fresh mark file by rename, so a reader never
// finds it empty or half written, and returns it open for updates.
func createCommitMark(dir string, m commitMark) (*os.File, error) {
	path := filepath.Join(dir, commitMarkName)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, m.encode(), 0o600); err != nil {
		return nil, fmt.Errorf("writing journal commit mark: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("writing journal commit mark: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("opening journal commit mark: %w", err)
	}
	return f, nil
}

// updateCommitMark overwrites the mark in place. A reader may catch the write
// half done; the checksum tells it to read again.
func updateCommitMark(f *os.File, m commitMark) error {
	_, err := f.WriteAt(m.encode(), 0)
	return err
}

// errNoCommitMark: the journal was written by an ecdash that predates the
// commit mark (or its writer never opened it).
var errNoCommitMark = errors.New("journal has no commit mark")

// markRereads bounds how often a reader retries a mark it caught mid-update;
// an update is one 32-byte write, so the second read nearly always succeeds.
const markRereads = 50

// readCommitMark reads dir's commit mark.
func readCommitMark(dir string) (commitMark, error) {
	path := filepath.Join(dir, commitMarkName)
	for range markRereads {
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			return commitMark{}, errNoCommitMark
		}
		if err != nil {
			return commitMark{}, fmt.Errorf("reading journal commit mark: %w", err)
		}
		if m, ok := decodeCommitMark(b); ok {
			return m, nil
		}
		time.Sleep(time.Millisecond)
	}
	return commitMark{}, fmt.Errorf("journal commit mark %s is damaged: start the journal's writer (ecdash relay or the dashboard) once to rewrite it", path)
}
