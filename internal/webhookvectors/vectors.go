// Package webhookvectors loads the vendor's webhook conformance vectors,
// which the repository carries in testdata/webhook-vectors, for the tests of
// every package that verifies or relays signed notifications.
package webhookvectors

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Vector is one signed notification: the body exactly as sent and the
// signature the vendor published for it.
type Vector struct {
	Name      string
	Body      []byte
	Signature string
}

// Load returns the signing key (the key file's exact bytes) and the vectors,
// sorted by file name. It fails the test when the folder cannot be found or
// read: a missing vector must never pass as "nothing to check".
func Load(tb testing.TB) (key []byte, vs []Vector) {
	tb.Helper()
	dir := Dir(tb)
	key, err := os.ReadFile(filepath.Join(dir, "signing-key.txt"))
	if err != nil {
		tb.Fatalf("webhook vectors: %v", err)
	}
	bodies, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(bodies) == 0 {
		tb.Fatalf("webhook vectors: no *.json in %s", dir)
	}
	for _, path := range bodies {
		body, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		sig, err := os.ReadFile(path + ".hmacsha256b64")
		if err != nil {
			tb.Fatal(err)
		}
		vs = append(vs, Vector{filepath.Base(path), body, strings.TrimSpace(string(sig))})
	}
	return key, vs
}

// Body returns the body of the vector file name (for example
// "price-curve-event.json").
func Body(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(tb), name))
	if err != nil {
		tb.Fatalf("webhook vectors: %v", err)
	}
	return b
}

// Dir is testdata/webhook-vectors at the root of the module, found by
// walking up from the test's working directory (its package folder) to go.mod.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", "webhook-vectors")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("webhook vectors: no go.mod above the test's directory")
		}
		dir = parent
	}
}
