//go:build unix

package statedir

import (
	"fmt"
	"os"
	"syscall"
)

// Lock takes an flock on f. The kernel drops it when the process dies, so a
// crash never leaves it held. unlock releases it (closing f does too).
func Lock(f *os.File, mode LockMode) (unlock func(), err error) {
	how := syscall.LOCK_SH
	switch mode {
	case Exclusive:
		how = syscall.LOCK_EX
	case ExclusiveNow:
		how = syscall.LOCK_EX | syscall.LOCK_NB
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	switch {
	case err == syscall.EWOULDBLOCK:
		return nil, fmt.Errorf("%s: %w", f.Name(), ErrLocked)
	case err != nil:
		return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }, nil
}
