//go:build !unix

package livefeed

import (
	"fmt"
	"os"
)

// lockDir only creates the lock file where flock is unavailable.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening journal lock: %w", err)
	}
	return f, nil
}
