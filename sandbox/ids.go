package sandbox

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// uuidFor returns the n-th id of a seed in UUID version 4 format. Ids are a
// hash of (seed, n) rather than draws from a stateful generator so that a
// sandbox restarted from its data file, which stores n, goes on with fresh
// ids instead of repeating the ones it already handed out.
func uuidFor(seed int64, n uint64) string {
	var in [16]byte
	binary.BigEndian.PutUint64(in[:8], uint64(seed))
	binary.BigEndian.PutUint64(in[8:], n)
	sum := sha256.Sum256(in[:])
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], b[10:16])
	return string(out[:])
}
