// Package atomicfile replaces files so that a reader, or a restart after a
// crash, sees the old file or the new one, never a mix: the bytes go to a
// temporary file beside the target, are fsynced, renamed over it, and the
// directory is fsynced so the rename itself is durable. ecdash keeps its
// state this way (the sandbox's data, drafts, the dashboard's subscription)
// and writes its exports this way.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// TempPrefix is the name prefix of the temporary file Write uses for a file
// named base; one left behind by a process that died mid-write can be
// recognised and removed.
func TempPrefix(base string) string { return "." + base + ".tmp-" }

// Write replaces path with what write produces, mode perm. On any failure
// path is left as it was and the temporary file is removed.
func Write(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, TempPrefix(base))
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
			err = fmt.Errorf("writing %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = errors.Join(bw.Flush(), tmp.Chmod(perm), tmp.Sync()); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path string, perm os.FileMode, data []byte) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
