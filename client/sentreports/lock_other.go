//go:build !unix

package sentreports

import "os"

// lockFile is a no-op where flock is unavailable: each entry is still one
// write to a file opened with O_APPEND, and the Record's mutex orders the
// writers of one process.
func lockFile(*os.File, bool) (func(), error) { return func() {}, nil }
