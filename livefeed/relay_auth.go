package livefeed

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
)

// bearerMatches compares the request's bearer token with want in constant
// time (hashing first so not even the length leaks).
func bearerMatches(r *http.Request, want string) bool {
	h := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(h[len(prefix):])))
	exp := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(got[:], exp[:]) == 1
}

// originAllowed accepts requests without an Origin (ecdash, curl: not a
// browser) and browser requests from an allowed origin only, which stops a
// web page from opening the feed with a visitor's credentials.
func originAllowed(r *http.Request, allowed []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	o, err := url.Parse(origin)
	if err != nil {
		return false
	}
	for _, a := range allowed {
		u, err := url.Parse(a)
		if err == nil && strings.EqualFold(u.Scheme, o.Scheme) && strings.EqualFold(u.Host, o.Host) {
			return true
		}
	}
	return false
}
