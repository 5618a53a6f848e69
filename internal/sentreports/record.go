package sentreports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/ecdash/ecdash/internal/statedir"
)

// FileName is the record's file inside a profile's state directory (beside
// livefeed's webhook journal).
const FileName = "sent-reports.jsonl"

// maxEntryBytes bounds one entry (a report of ~40,000 payloads), so a
// corrupt file cannot make a reader hold an unbounded line.
const maxEntryBytes = 16 << 20

// Record is the append-only record of the reports sent from one profile.
// It is safe for concurrent use, by goroutines and by processes.
type Record struct {
	dir, path string
	mu        sync.Mutex // orders this process's writers where flock is missing
}

// Open returns the record kept in dir (a profile's state directory, see
// ProfileDir). It creates nothing: reading a record that was never written
// gives no entries, and the directory (0700) and file (0600) are made by
// the first Ready or Append.
func Open(dir string) (*Record, error) {
	if dir == "" {
		return nil, errors.New("sent-reports record: no directory given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("sent-reports record: %w", err)
	}
	r := &Record{dir: abs, path: filepath.Join(abs, FileName)}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("sent-reports record: %s is not a directory", abs)
	}
	if fi, err := os.Stat(r.path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("sent-reports record: %s is not a regular file", r.path)
	}
	return r, nil
}

// Path is the record's file.
func (r *Record) Path() string { return r.path }

// Ready makes sure an entry can be appended (creating the directory and the
// file if needed), so a caller can fail before sending a report rather
// than send one it cannot record.
func (r *Record) Ready() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := r.openForAppend()
	if err != nil {
		return err
	}
	return f.Close()
}

// Append adds e as one line: a single write under an exclusive lock, then
// fsync, so the entry is durable when Append returns nil. If an earlier
// writer died mid-line, the torn line is first closed with a newline so it
// cannot swallow this entry.
func (r *Record) Append(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("sent-reports record: encoding the entry: %w", err)
	}
	if len(line)+1 > maxEntryBytes {
		return fmt.Errorf("sent-reports record: entry of %d bytes is over the %d-byte limit", len(line), maxEntryBytes)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := r.openForAppend()
	if err != nil {
		return err
	}
	defer f.Close()
	unlock, err := statedir.Lock(f, statedir.Exclusive)
	if err != nil {
		return err
	}
	defer unlock()

	buf := make([]byte, 0, len(line)+2)
	torn, err := endsMidLine(f)
	if err != nil {
		return err
	}
	if torn {
		buf = append(buf, '\n')
	}
	buf = append(append(buf, line...), '\n')
	if _, err := f.Write(buf); err != nil {
		return fmt.Errorf("sent-reports record: writing %s: %w", r.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sent-reports record: syncing %s: %w", r.path, err)
	}
	return nil
}

// openForAppend opens the file for appending, creating the directory and
// the file with owner-only permissions; a new file's directory entry is
// synced so the file survives a crash. Callers hold r.mu.
func (r *Record) openForAppend() (*os.File, error) {
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return nil, fmt.Errorf("sent-reports record: creating %s: %w", r.dir, err)
	}
	_, statErr := os.Stat(r.path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sent-reports record: opening %s: %w", r.path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sent-reports record: %w", err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("sent-reports record: %s is not a regular file", r.path)
	}
	// What was sent to whom is the operator's business only.
	if fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, fmt.Errorf("sent-reports record: restricting %s to its owner: %w", r.path, err)
		}
	}
	if created {
		if err := syncDir(r.dir); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// endsMidLine reports whether the file's last byte is not a newline (an
// interrupted write). The caller holds the exclusive lock.
func endsMidLine(f *os.File) (bool, error) {
	fi, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("sent-reports record: %w", err)
	}
	if fi.Size() == 0 {
		return false, nil
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, fi.Size()-1); err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("sent-reports record: reading %s: %w", f.Name(), err)
	}
	return last[0] != '\n', nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sent-reports record: %w", err)
	}
	defer d.Close()
	// Some file systems cannot sync a directory; the file itself is synced
	// on every append, so that is not worth failing for.
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("sent-reports record: syncing %s: %w", dir, err)
	}
	return nil
}
