package livefeed

import (
	"strings"
	"testing"
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
		{"unpadded base64", [][]byte{newKey}, body, strings.TrimRight(good, "="), 0, true},
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
