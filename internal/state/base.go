package state

import (
	"encoding/json"
	"hash/maphash"
	"slices"
)

// Base is one list as a poll delivered it: each element's key and
// fingerprint by position, and each key's position. It is never changed
// once made, so the next poll compares against it in its own goroutine
// while the UI goroutine goes on.
type Base struct {
	keys   []string
	prints []uint64
	pos    map[string]int32 // of duplicate keys, the last
}

// Len is the number of elements the poll delivered.
func (b *Base) Len() int {
	if b == nil {
		return 0
	}
	return len(b.keys)
}

// position is where key was delivered.
func (b *Base) position(key string) (int, bool) {
	if b == nil {
		return 0, false
	}
	i, ok := b.pos[key]
	return int(i), ok
}

// printSeed makes fingerprints of this process; they are never stored.
var printSeed = maphash.MakeSeed()

// fingerprint hashes an element's JSON as the server sent it, or its Go
// value when it was built in code (a fake API), so a poll can tell which
// elements changed without decoding the others.
func fingerprint(raw []byte, v any) uint64 {
	if len(raw) == 0 {
		raw, _ = json.Marshal(v)
	}
	return maphash.Bytes(printSeed, raw)
}

// newBase makes the base of keys and prints; same is true when every key
// is where it was in from (whose pos is then shared).
func newBase(keys []string, prints []uint64, from *Base) (b *Base, same bool) {
	b = &Base{keys: keys, prints: prints}
	if from != nil && slices.Equal(from.keys, keys) {
		b.pos = from.pos
		return b, true
	}
	b.pos = make(map[string]int32, len(keys))
	for i, k := range keys {
		b.pos[k] = int32(i)
	}
	return b, false
}
