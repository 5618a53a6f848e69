package livefeed

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vectorDir holds the vendor's published webhook test vectors, used in place.
const vectorDir = "../../shared/conformance/webhook-vectors"

type vector struct {
	name string
	body []byte
	sig  string
}

func loadVectors(t *testing.T) (key []byte, vs []vector) {
	t.Helper()
	key, err := os.ReadFile(filepath.Join(vectorDir, "signing-key.txt"))
	if err != nil {
		t.Fatalf("conformance vectors: %v", err)
	}
	// The key file's exact bytes are the key ("Secret123%", no newline).
	bodies, _ := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	if len(bodies) == 0 {
		t.Fatal("no vector bodies found")
	}
	for _, path := range bodies {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := os.ReadFile(path + ".hmacsha256b64")
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, vector{filepath.Base(path), body, strings.TrimSpace(string(sig))})
	}
	return key, vs
}

func TestConformanceVectorsSign(t *testing.T) {
	key, vs := loadVectors(t)
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			if got := Sign(key, v.body); got != v.sig {
				t.Errorf("Sign = %s, vector says %s", got, v.sig)
			}
			if _, ok := Verify([][]byte{key}, v.body, v.sig); !ok {
				t.Error("Verify rejected the vector")
			}
		})
	}
}

func TestConformanceVectorsReceiver(t *testing.T) {
	key, vs := loadVectors(t)
	j := openTestJournal(t, t.TempDir(), JournalOptions{})
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{[]byte("an-older-secret"), key}})
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, r)
	ctx := testCtx(t)
	c := srv.Client()

	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			before := j.LastSeq()
			for i := range 4 {
				code, err := post(ctx, c, srv.URL, v.body, v.sig)
				if err != nil || code != http.StatusOK {
					t.Fatalf("delivery %d: status %d, err %v; want 200", i+1, code, err)
				}
			}
			if got := j.LastSeq() - before; got != 1 {
				t.Fatalf("4 deliveries made %d journal entries, want 1", got)
			}
			seq := j.LastSeq()
			if n := j.Duplicates(seq); n != 3 {
				t.Errorf("duplicate count = %d, want 3", n)
			}

			tampered := append([]byte(nil), v.body...)
			tampered[len(tampered)/2] ^= 0x01
			code, err := post(ctx, c, srv.URL, tampered, v.sig)
			if err != nil || code != http.StatusUnauthorized {
				t.Fatalf("tampered body: status %d, err %v; want 401", code, err)
			}
			if j.LastSeq() != seq {
				t.Fatal("tampered body was journaled")
			}
		})
	}

	recs := readAll(t, j)
	if len(recs) != len(vs) {
		t.Fatalf("journal holds %d records, want %d", len(recs), len(vs))
	}
	for i, rec := range recs {
		v := vs[i]
		if string(rec.Body) != string(v.body) || rec.Signature != v.sig || !rec.Verified {
			t.Errorf("record %d: body/signature not kept exactly or not verified", rec.Seq)
		}
		if _, ok := Verify([][]byte{key}, rec.Body, rec.Signature); !ok {
			t.Errorf("record %d does not verify again from the journal", rec.Seq)
		}
		if rec.Summary.Kind != KindVendor || rec.Summary.NotificationID == "" || rec.Summary.EventID == "" {
			t.Errorf("record %d summary = %+v", rec.Seq, rec.Summary)
		}
	}
}
