package livefeed

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImportResult says what ImportJournal copied.
type ImportResult struct {
	Dir                        string // the journal read
	Imported, Duplicates, Torn int    // stored; already in the store; unreadable frames skipped
}

// importedNote marks a journal as copied into a stream (its ID inside).
const importedNote = "imported-into"

// ImportJournal copies the notifications of an old journal (segment files
// "<first seq>.seg" in dir's profile folder) into store, in their order,
// each with its received time, body, signature and dedupe key (so the
// store keeps one copy of what it already had). A torn frame ends its
// segment's reading, as recovery did. The journal is left as it is, with a
// note naming the stream; a second import into that stream is refused.
func ImportJournal(ctx context.Context, dir, profile string, store *Store) (ImportResult, error) {
	path, err := journalDir(dir, profile)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Dir: path}
	segs, err := filepath.Glob(filepath.Join(path, "*.seg"))
	if err != nil || len(segs) == 0 {
		return res, fmt.Errorf("no journal segments (*.seg) in %s: pass --journal DIR and --profile of the ecdash that wrote it", path)
	}
	note := filepath.Join(path, importedNote)
	if b, err := os.ReadFile(note); err == nil && strings.TrimSpace(string(b)) == store.ID() {
		return res, fmt.Errorf("the journal in %s was already imported into %s", path, store.ID())
	}
	sort.Strings(segs) // zero-padded first sequence numbers: name order is seq order
	var buf []byte
	for _, seg := range segs {
		if err := importSegment(ctx, seg, store, &res, &buf); err != nil {
			return res, err
		}
	}
	if err := os.WriteFile(note, []byte(store.ID()+"\n"), 0o600); err != nil {
		return res, fmt.Errorf("noting the import in %s: %w", note, err)
	}
	return res, nil
}

func importSegment(ctx context.Context, path string, store *Store, res *ImportResult, buf *[]byte) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("reading the journal: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		fr, err := readFrame(r, buf)
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, errTornFrame):
			res.Torn++
			return nil
		case err != nil:
			return fmt.Errorf("reading %s: %w", path, err)
		}
		if fr.kind != kindNotification {
			continue
		}
		rec, err := decodeNotification(fr)
		if err != nil {
			res.Torn++
			continue
		}
		rec.Body = append([]byte(nil), rec.Body...)
		_, dup, err := store.append(ctx, rec, false)
		if err != nil {
			return fmt.Errorf("importing record %d of %s: %w", fr.seq, path, err)
		}
		if dup {
			res.Duplicates++
		} else {
			res.Imported++
		}
	}
}
