package client

import (
	"net/url"
	"strings"
	"sync"
)

// secretSet holds the secrets a client knows (its token or client secret, and
// the access tokens it was issued) so that text echoed by a server can be
// scrubbed of them before it reaches an error message.
type secretSet struct {
	mu     sync.Mutex
	fixed  []string
	issued []string // most recent last, bounded
}

// minScrubLen is the shortest secret scrubbed from echoed text: a one- or
// two-letter test token would otherwise shred every word that contains it,
// and such a token protects nothing.
const minScrubLen = 4

// maxIssued bounds how many issued tokens are remembered; older ones have expired.
const maxIssued = 4

func (s *secretSet) add(secret string) {
	if secret == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fixed = append(s.fixed, secret)
	// A token endpoint that echoes its form echoes the secret form-encoded.
	if escaped := url.QueryEscape(secret); escaped != secret {
		s.fixed = append(s.fixed, escaped)
	}
}

func (s *secretSet) addIssued(token string) {
	if token == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.issued = append(s.issued, token)
	if len(s.issued) > maxIssued {
		s.issued = append([]string(nil), s.issued[len(s.issued)-maxIssued:]...)
	}
}

func (s *secretSet) scrub(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, list := range [][]string{s.fixed, s.issued} {
		for _, secret := range list {
			if len(secret) < minScrubLen {
				continue
			}
			text = strings.ReplaceAll(text, secret, "[redacted]")
		}
	}
	return text
}
