package client

import "bytes"

// plainTarget reads a target in the shape the API writes it,
// {"resourceId":"…","locationId":"…"}: no spaces, the members in either
// order, locationId optional, plain ASCII strings, a non-empty resourceId.
// It is what the general reader in decodeTargets makes of those bytes, at a
// fraction of the cost (1.8 million targets in a 100,000-event answer); ok
// is false for anything else, which that reader then takes.
func (d *decoding) plainTarget(raw []byte) (tr TargetResource, ok bool) {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return TargetResource{}, false
	}
	rest := raw[1:]
	var haveResource, haveLocation bool
	for {
		key, k := plainString(rest)
		if k == 0 || k >= len(rest) || rest[k] != ':' {
			return TargetResource{}, false
		}
		rest = rest[k+1:]
		val, v := plainString(rest)
		if v == 0 || v >= len(rest) {
			return TargetResource{}, false
		}
		switch {
		case string(key) == "resourceId" && !haveResource && len(val) > 0:
			tr.ResourceID, haveResource = string(val), true
		case string(key) == "locationId" && !haveLocation:
			if tr.LocationID, ok = d.token(rest[:v]); !ok {
				return TargetResource{}, false
			}
			haveLocation = true
		default:
			return TargetResource{}, false
		}
		switch rest[v] {
		case ',':
			rest = rest[v+1:]
		case '}':
			return tr, haveResource && v == len(rest)-1
		default:
			return TargetResource{}, false
		}
	}
}

// plainString reads the JSON string that b starts with when it needs no
// unquoting: its inside, and the length read (0: not such a string).
func plainString(b []byte) (inner []byte, n int) {
	if len(b) < 2 || b[0] != '"' {
		return nil, 0
	}
	end := bytes.IndexByte(b[1:], '"')
	if end < 0 || !plainASCII(b[1:1+end]) {
		return nil, 0
	}
	return b[1 : 1+end], end + 2
}
