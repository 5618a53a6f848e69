package sentreports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ecdash/ecdash/internal/statedir"
)

// BadLine is a line of the record that could not be read. Reading skips
// it: one bad line must not hide every other report.
type BadLine struct {
	Path   string
	Line   int // 1-based
	Reason string
	// Torn is set for an incomplete last line: a write that was interrupted
	// (the next Append starts on a new line, so only that entry is lost).
	Torn bool
}

func (b BadLine) String() string {
	return fmt.Sprintf("%s line %d skipped: %s", filepath.Base(b.Path), b.Line, b.Reason)
}

// All returns the entries in the order they were written, and the lines it
// had to skip. A record never written gives nothing and no error; an error
// means the file exists but could not be read.
func (r *Record) All() ([]Entry, []BadLine, error) {
	f, err := os.Open(r.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sent-reports record: %w", err)
	}
	defer f.Close()
	unlock, err := statedir.Lock(f, statedir.Shared)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()

	var (
		entries []Entry
		bad     []BadLine
	)
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, complete, tooLong, err := readLine(br)
		if err != nil {
			return entries, bad, fmt.Errorf("sent-reports record: reading %s: %w", r.path, err)
		}
		if line == nil && !tooLong {
			return entries, bad, nil // end of file
		}
		switch {
		case tooLong:
			bad = append(bad, BadLine{Path: r.path, Line: n, Reason: fmt.Sprintf("longer than %d bytes", maxEntryBytes)})
		case len(bytes.TrimSpace(line)) == 0:
			// blank: what closing a torn line can leave
		default:
			e, perr := parseEntry(line)
			if perr == nil {
				entries = append(entries, e)
				continue
			}
			b := BadLine{Path: r.path, Line: n, Reason: perr.Error()}
			if !complete {
				b.Torn = true
				b.Reason = "incomplete last line (an interrupted write): " + perr.Error()
			}
			bad = append(bad, b)
		}
	}
}

// readLine returns the next line without its newline; complete is false
// for a last line with no newline. A line over maxEntryBytes is consumed
// and reported as tooLong. line is nil at the end of the file.
func readLine(br *bufio.Reader) (line []byte, complete, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > maxEntryBytes+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case err == nil:
			if tooLong {
				return nil, true, true, nil
			}
			return line[:len(line)-1], true, false, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if tooLong {
				return nil, false, true, nil
			}
			if len(line) == 0 {
				return nil, false, false, nil
			}
			return line, false, false, nil
		default:
			return nil, false, false, err
		}
	}
}

// parseEntry decodes one line; unknown members are ignored so a newer
// ecdash's entries stay readable.
func parseEntry(line []byte) (Entry, error) {
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		return Entry{}, fmt.Errorf("not a record entry: %v", err)
	}
	if e.SentAt.IsZero() {
		return Entry{}, errors.New("not a record entry: no sentAt")
	}
	return e, nil
}
