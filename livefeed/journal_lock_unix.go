//go:build unix

package livefeed

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on the journal so a second process (a
// dashboard and a relay on the same profile) cannot interleave writes. The
// kernel drops the lock when the process dies, so a crash never leaves it held.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening journal lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("journal %s is in use by another ecdash process (relay or dashboard on the same profile)", path)
		}
		return nil, fmt.Errorf("locking journal %s: %w", path, err)
	}
	return f, nil
}
