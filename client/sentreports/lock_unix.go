//go:build unix

package sentreports

import (
	"fmt"
	"os"
	"syscall"
)

// lockFile takes a blocking flock on the open record, exclusive for a
// writer and shared for a reader, so an entry is never read half-written
// and two writers never interleave. Entries are small, so the wait is one
// write and an fsync at most; the kernel drops the lock if a process dies.
func lockFile(f *os.File, exclusive bool) (unlock func(), err error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }, nil
}
