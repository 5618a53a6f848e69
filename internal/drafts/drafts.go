// Package drafts keeps the values of forms left without saving, one small
// JSON file per form in a directory readable by its owner only
// (<state dir>/<profile>/drafts/<kind>-<id or new>.json, mode 0600), so a
// form can offer them the next time it opens. Callers leave secrets out of
// what they store: a draft is plain text on disk.
package drafts

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ecdash/ecdash/internal/atomicfile"
)

// maxDraftFile bounds what Load reads: a form's values are a few kilobytes.
const maxDraftFile = 1 << 20

// Draft is what a form held when it was left.
type Draft struct {
	Key     string    `json:"key"`
	SavedAt time.Time `json:"savedAt"`
	// Values are the form's values; Base the object's values when the form
	// opened, which a later save checks the server's copy against.
	Values map[string]string `json:"values"`
	Base   map[string]string `json:"base,omitempty"`
	// Dropped names the values deliberately not written (secrets).
	Dropped []string `json:"dropped,omitempty"`
}

// Store is a directory of drafts. A nil *Store keeps nothing: Save
// succeeds without writing and Load finds nothing.
type Store struct{ dir string }

// New returns the store kept in dir (created on the first Save).
func New(dir string) *Store {
	if dir == "" {
		return nil
	}
	return &Store{dir: dir}
}

// Dir is where the drafts are kept ("" for a nil store).
func (s *Store) Dir() string {
	if s == nil {
		return ""
	}
	return s.dir
}

// Path is the file of the draft named key.
func (s *Store) Path(key string) string {
	return filepath.Join(s.Dir(), fileName(key))
}

// Save writes d atomically (a temporary file renamed over the old one),
// readable by its owner only.
func (s *Store) Save(d Draft) error {
	if s == nil {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("keeping the draft: %w", err)
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("keeping the draft: %w", err)
	}
	if err := atomicfile.WriteBytes(s.Path(d.Key), 0o600, append(b, '\n')); err != nil {
		return fmt.Errorf("keeping the draft: %w", err)
	}
	return nil
}

// Load returns the draft named key; ok is false when there is none. A file
// that cannot be read as a draft is an error (it is left in place).
func (s *Store) Load(key string) (d Draft, ok bool, err error) {
	if s == nil {
		return d, false, nil
	}
	path := s.Path(key)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("reading the draft: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxDraftFile+1))
	if err != nil {
		return d, false, fmt.Errorf("reading the draft: %w", err)
	}
	if len(b) > maxDraftFile {
		return d, false, fmt.Errorf("draft %s is larger than %d bytes; delete it", path, maxDraftFile)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return d, false, fmt.Errorf("draft %s is not a draft (%v); delete it", path, err)
	}
	if d.Values == nil {
		d.Values = map[string]string{}
	}
	return d, true, nil
}

// Delete removes the draft named key (no error when there is none).
func (s *Store) Delete(key string) error {
	if s == nil {
		return nil
	}
	if err := os.Remove(s.Path(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("deleting the draft: %w", err)
	}
	return nil
}

// maxNameBytes keeps file names well under every file system's limit.
const maxNameBytes = 150

// fileName turns a key into one safe path element: letters, digits, '.',
// '_' and '-' are kept, every other byte is written %XX (so two keys never
// share a file), and a leading dot is escaped so a draft is never hidden.
func fileName(key string) string {
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-',
			c == '.' && i > 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	name := b.String()
	if len(name) > maxNameBytes {
		h := fnv.New32a()
		h.Write([]byte(key))
		name = name[:maxNameBytes] + fmt.Sprintf("~%08x", h.Sum32())
	}
	return name + ".json"
}
