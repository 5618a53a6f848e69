package livefeed

import (
	"errors"
	"fmt"
	"os"

	"github.com/ecdash/ecdash/internal/statedir"
)

// ErrStoreInUse: another ecdash process (a relay or a dashboard on the same
// profile) runs the embedded store.
var ErrStoreInUse = errors.New("the feed store is in use by another ecdash process (a relay or a dashboard on the same profile)")

// journalDir is profile's feed directory under dir, or under the state
// directory (statedir.Base) when dir is "". It only names the directory;
// writers create it, readers expect it.
func journalDir(dir, profile string) (string, error) {
	base, err := statedir.Base(dir, os.Getenv)
	if err != nil {
		return "", err
	}
	return statedir.Profile(base, profile)
}

// lockDir takes an exclusive lock on the embedded store: one node at a
// time runs on its files.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the feed store's lock: %w", err)
	}
	if _, err := statedir.Lock(f, statedir.ExclusiveNow); err != nil {
		f.Close()
		if errors.Is(err, statedir.ErrLocked) {
			return nil, fmt.Errorf("%w (%s)", ErrStoreInUse, path)
		}
		return nil, fmt.Errorf("locking the feed store %s: %w", path, err)
	}
	return f, nil
}
