package statedir

import "errors"

// LockMode is how Lock takes a file.
type LockMode int

const (
	Shared       LockMode = iota // readers: many at once, none while a writer holds it
	Exclusive                    // a writer: waits for the others
	ExclusiveNow                 // a writer that does not wait: ErrLocked when held
)

// ErrLocked says another process holds the lock (ExclusiveNow).
var ErrLocked = errors.New("locked by another process")
