package events

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/sentreports"
	"github.com/ecdash/ecdash/views"
)

// recordEvery is how often the Events list looks at the local record of
// sent reports (a stat; the file is read only when it changed).
const recordEvery = 10 * time.Second

// recordSnapshot is the record's accepted reports as last read.
type recordSnapshot struct {
	reports []client.Report
	sentAt  map[string]time.Time
	size    int64
	mod     time.Time
	err     string // why the last read failed ("" after a success)
}

// recordLook is what one look at the record found: a new snapshot, or
// that the file did not change.
type recordLook struct {
	snap      recordSnapshot
	unchanged bool
}

// readRecord reads rec unless its file still has the size and time of prev.
func readRecord(rec *sentreports.Record, api client.API, prev recordSnapshot) recordLook {
	fi, err := os.Stat(rec.Path())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if prev.size == 0 && prev.mod.IsZero() && prev.err == "" {
			return recordLook{unchanged: true}
		}
		return recordLook{}
	case err != nil:
		return recordLook{snap: recordSnapshot{err: oneLine(err.Error())}}
	case fi.Size() == prev.size && fi.ModTime().Equal(prev.mod):
		return recordLook{unchanged: true}
	}
	entries, _, err := rec.All()
	if err != nil {
		return recordLook{snap: recordSnapshot{err: oneLine(err.Error())}}
	}
	reports, sentAt := sentreports.Reports(sentreports.ForAPI(entries, api))
	return recordLook{snap: recordSnapshot{reports: reports, sentAt: sentAt, size: fi.Size(), mod: fi.ModTime()}}
}

// lookAtRecord starts the next look at the local record after delay.
func (t *tab) lookAtRecord(delay time.Duration) tea.Cmd {
	rec := t.ctx.SentReports
	if rec == nil || t.record == nil {
		return nil
	}
	prev := t.index.record
	return t.record.call(t.ctx, delay, func(_ context.Context, api client.API) (recordLook, error) {
		return readRecord(rec, api, prev), nil
	})
}

// onRecord takes a look's answer and arms the next one.
// A look never fails by itself (a read problem travels in the snapshot),
// so an error is the shell refusing to run it: the loop stops rather than
// spin.
func (t *tab) onRecord(msg views.Result[recordLook]) tea.Cmd {
	if msg.Err != nil {
		return nil
	}
	snap := msg.Value.snap
	switch {
	case msg.Value.unchanged:
	case snap.err != "":
		t.index.record.err = snap.err // keep what was read before
	default:
		t.index.setRecord(snap)
		if t.store != nil {
			events, all := t.index.refresh(t.store)
			t.follow(append(events, t.index.regroup()...), all)
			t.List.Sync(t.store)
		}
	}
	return t.lookAtRecord(recordEvery)
}
