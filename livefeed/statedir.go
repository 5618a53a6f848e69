package livefeed

import (
	"errors"
	"fmt"
	"os"

	"github.com/ecdash/ecdash/internal/statedir"
)

// journalDir is profile's journal directory under dir, or under the state
// directory (statedir.Base) when dir is "". It only names the directory;
// writers create it, readers expect it.
func journalDir(dir, profile string) (string, error) {
	base, err := statedir.Base(dir, os.Getenv)
	if err != nil {
		return "", err
	}
	return statedir.Profile(base, profile)
}

// lockDir takes an exclusive lock on the journal so a second process (a
// dashboard and a relay on the same profile) cannot interleave writes.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening journal lock: %w", err)
	}
	if _, err := statedir.Lock(f, statedir.ExclusiveNow); err != nil {
		f.Close()
		if errors.Is(err, statedir.ErrLocked) {
			return nil, fmt.Errorf("journal %s is in use by another ecdash process (relay or dashboard on the same profile)", path)
		}
		return nil, fmt.Errorf("locking journal %s: %w", path, err)
	}
	return f, nil
}
