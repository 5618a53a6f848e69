package events

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/fleet"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
)

// exportStep is the export key's time step, as `ecdash export event --step 1m`.
const exportStep = time.Minute

// export writes the event's per-minute table (what `ecdash export event
// --format csv` prints) to ecdash-<id>-<time>.csv in the current directory,
// or the profile's state directory when that cannot be written. The file
// is written by a request (off the UI goroutine); the answer shows where.
func (s *Screen) export() tea.Cmd {
	now := s.ctx.Now()
	if !s.data.loaded {
		s.setMessage("nothing to export yet: the event's reports are still loading", true, now)
		return nil
	}
	s.analyse(now)
	t, err := fleet.Sample(s.a, exportStep)
	if err != nil {
		s.setMessage("export failed: "+oneLine(err.Error()), true, now)
		return nil
	}
	if s.ctx.Backend == nil {
		s.setMessage("export failed: no backend to write the file", true, now)
		return nil
	}
	name := "ecdash-" + shortID(s.id) + "-" + now.In(s.loc()).Format("20060102-150405") + ".csv"
	dirs := s.exportDirs()
	id, cmd := views.Call(s.ctx.Backend, state.Events, "ExportEvent", false,
		func(context.Context, client.API) (string, error) { return writeExport(dirs, name, t) })
	s.exportID = id
	s.setMessage("exporting to "+name+"…", false, now)
	return cmd
}

// onExported shows where the export went, or why it failed.
func (s *Screen) onExported(msg views.Result[string]) {
	s.exportID = 0
	now := s.ctx.Now()
	if msg.Err != nil {
		s.setMessage("export failed: "+oneLine(msg.Err.Error()), true, now)
		return
	}
	s.setMessage("exported to "+msg.Value, false, now)
}

func (s *Screen) setMessage(text string, isErr bool, now time.Time) {
	s.message, s.msgError, s.msgUntil = text, isErr, now.Add(messageFor)
}

// exportDirs are where the file may go, in order.
func (s *Screen) exportDirs() []string {
	first := cmp.Or(s.exportDir, s.ctx.ExportDir)
	if first == "" {
		if wd, err := os.Getwd(); err == nil {
			first = wd
		}
	}
	dirs := []string{}
	if first != "" {
		dirs = append(dirs, first)
	}
	if rec := s.ctx.SentReports; rec != nil {
		dirs = append(dirs, filepath.Dir(rec.Path()))
	}
	return dirs
}

// writeExport creates name (never overwriting: "-2", "-3"… are tried) in
// the first directory that takes it and returns the file's path.
func writeExport(dirs []string, name string, t fleet.Table) (string, error) {
	if len(dirs) == 0 {
		return "", errors.New("no directory to write " + name + " to")
	}
	var errs []error
	for _, dir := range dirs {
		path, err := writeIn(dir, name, t)
		if err == nil {
			return path, nil
		}
		errs = append(errs, err)
	}
	return "", errors.Join(errs...)
}

func writeIn(dir, name string, t fleet.Table) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(name, ".csv")
	for i := 1; i <= 100; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d.csv", base, i)
		}
		path := filepath.Join(dir, n)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		w := bufio.NewWriter(f)
		err = fleet.WriteCSV(w, t)
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", fmt.Errorf("writing %s: %w", path, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("%s: 100 files named %s-N.csv already exist", dir, base)
}

// shortID is the event id's first 8 characters that are safe in a file name.
func shortID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if b.Len() == 8 {
			break
		}
		if r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "event"
	}
	return b.String()
}
