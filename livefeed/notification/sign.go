package notification

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// SignatureHeader carries a webhook's signature: base64 of HMAC-SHA256 over
// the exact request body, keyed with the subscription's webhook secret.
const SignatureHeader = "X-Payload-Signature"

// maxSignatureCandidates bounds how many signatures one header may list, so a
// hostile header cannot make verification arbitrarily expensive.
const maxSignatureCandidates = 8

// Sign returns the X-Payload-Signature value for body under secret: standard
// padded base64 of HMAC-SHA256 over the exact bytes. The sandbox signs with it.
func Sign(secret, body []byte) string {
	return base64.StdEncoding.EncodeToString(mac(secret, body))
}

func mac(secret, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return m.Sum(nil)
}

// Verify reports whether header holds a valid signature of body under any of
// secrets (several secrets allow rotation), and the index of the secret that
// matched (-1 when none did). Comparison is constant-time per candidate.
//
// Following the Standard Webhooks guidance, header may list several
// space-separated signatures (a sender rotating its key sends both), each
// optionally prefixed "v1,". Each must be spelled exactly as Sign spells it:
// padded standard base64 with zero padding bits, so a signature has one
// accepted spelling (lenient decoding also took "…H41=" for "…H40=").
func Verify(secrets [][]byte, body []byte, header string) (int, bool) {
	candidates := parseSignatures(header)
	if len(candidates) == 0 {
		return -1, false
	}
	for i, secret := range secrets {
		if len(secret) == 0 {
			continue
		}
		want := mac(secret, body)
		for _, got := range candidates {
			if hmac.Equal(want, got) {
				return i, true
			}
		}
	}
	return -1, false
}

// parseSignatures decodes the header's signatures; undecodable entries are
// skipped, since they can never match.
func parseSignatures(header string) [][]byte {
	var out [][]byte
	for _, field := range strings.Fields(header) {
		if len(out) == maxSignatureCandidates {
			break
		}
		field = strings.TrimPrefix(field, "v1,")
		raw, err := base64.StdEncoding.Strict().DecodeString(field)
		if err != nil || len(raw) != sha256.Size {
			continue
		}
		out = append(out, raw)
	}
	return out
}
