package notification

import (
	"strings"
	"testing"

	"github.com/ecdash/ecdash/internal/webhookvectors"
)

func TestVerify(t *testing.T) {
	body := []byte(`{"notificationId":"a"}` + "\n")
	oldKey, newKey := []byte("old-secret"), []byte("new-secret")
	good := Sign(newKey, body)
	tests := []struct {
		name    string
		secrets [][]byte
		body    []byte
		header  string
		wantIdx int
		wantOK  bool
	}{
		{"matches", [][]byte{newKey}, body, good, 0, true},
		{"rotation: second secret matches", [][]byte{oldKey, newKey}, body, good, 1, true},
		{"several signatures in the header", [][]byte{newKey}, body, Sign(oldKey, body) + " " + good, 0, true},
		{"v1 prefix", [][]byte{newKey}, body, "v1," + good, 0, true},
		{"unpadded base64 is another spelling", [][]byte{newKey}, body, strings.TrimRight(good, "="), -1, false},
		{"surrounding whitespace", [][]byte{newKey}, body, "  " + good + "\n", 0, true},
		{"wrong secret", [][]byte{oldKey}, body, good, -1, false},
		{"body changed", [][]byte{newKey}, append([]byte(" "), body...), good, -1, false},
		{"trailing newline matters", [][]byte{newKey}, body[:len(body)-1], good, -1, false},
		{"missing header", [][]byte{newKey}, body, "", -1, false},
		{"garbage", [][]byte{newKey}, body, "not base64!", -1, false},
		{"truncated signature", [][]byte{newKey}, body, good[:20], -1, false},
		{"no secrets", nil, body, good, -1, false},
		{"empty secret is ignored", [][]byte{{}}, body, Sign(nil, body), -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, ok := Verify(tt.secrets, tt.body, tt.header)
			if idx != tt.wantIdx || ok != tt.wantOK {
				t.Errorf("Verify = (%d, %v), want (%d, %v)", idx, ok, tt.wantIdx, tt.wantOK)
			}
		})
	}
}

func TestVerifyBoundsCandidates(t *testing.T) {
	body := []byte(`{}`)
	key := []byte("k")
	junk := strings.Repeat(Sign([]byte("other"), body)+" ", maxSignatureCandidates)
	if _, ok := Verify([][]byte{key}, body, junk+Sign(key, body)); ok {
		t.Error("a valid signature after the candidate limit was accepted; the header should be bounded")
	}
}

// A signature has exactly one accepted spelling: every other character in
// any position is rejected, including the last one before the padding,
// whose low bits lenient base64 ignores.
func TestVerifyRejectsEveryOneCharacterChange(t *testing.T) {
	key, vs := webhookvectors.Load(t)
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
	for _, v := range vs {
		if _, ok := Verify([][]byte{key}, v.Body, v.Signature); !ok {
			t.Fatalf("%s: the vendor's signature does not verify", v.Name)
		}
		for i := range len(v.Signature) {
			for _, c := range alphabet {
				if byte(c) == v.Signature[i] {
					continue
				}
				changed := v.Signature[:i] + string(c) + v.Signature[i+1:]
				if _, ok := Verify([][]byte{key}, v.Body, changed); ok {
					t.Fatalf("%s: %q (position %d changed) verified", v.Name, changed, i)
				}
			}
		}
	}
}
