//go:build !unix

package statedir

import "os"

// Lock does nothing where flock is unavailable: writes are still single
// appends, and each writer's own mutex orders its goroutines.
func Lock(*os.File, LockMode) (func(), error) { return func() {}, nil }
