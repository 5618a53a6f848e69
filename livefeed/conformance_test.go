package livefeed

import (
	"net/http"
	"testing"

	"github.com/ecdash/ecdash/internal/webhookvectors"
)

// loadVectors returns the vendor's webhook conformance vectors, which the
// repository carries in testdata/webhook-vectors.
func loadVectors(t *testing.T) ([]byte, []webhookvectors.Vector) { return webhookvectors.Load(t) }

func TestConformanceVectorsSign(t *testing.T) {
	key, vs := loadVectors(t)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			if got := Sign(key, v.Body); got != v.Signature {
				t.Errorf("Sign = %s, vector says %s", got, v.Signature)
			}
			if _, ok := Verify([][]byte{key}, v.Body, v.Signature); !ok {
				t.Error("Verify rejected the vector")
			}
		})
	}
}

func TestConformanceVectorsReceiver(t *testing.T) {
	t.Parallel()
	key, vs := loadVectors(t)
	j := openTestStore(t)
	r, err := NewReceiver(j, ReceiverOptions{Secrets: [][]byte{[]byte("an-older-secret"), key}})
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, r)
	ctx := testCtx(t)
	c := srv.Client()

	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			before, _ := readFeed(t, j)
			for i := range 4 {
				code, err := post(ctx, c, srv.URL, v.Body, v.Signature)
				if err != nil || code != http.StatusOK {
					t.Fatalf("delivery %d: status %d, err %v; want 200", i+1, code, err)
				}
			}
			after, dups := readFeed(t, j)
			if got := len(after) - len(before); got != 1 {
				t.Fatalf("4 deliveries stored %d records, want 1", got)
			}
			if n := dups[after[len(after)-1].Seq]; n != 3 {
				t.Errorf("duplicate count = %d, want 3", n)
			}
			seq := j.LastSeq()

			tampered := append([]byte(nil), v.Body...)
			tampered[len(tampered)/2] ^= 0x01
			code, err := post(ctx, c, srv.URL, tampered, v.Signature)
			if err != nil || code != http.StatusUnauthorized {
				t.Fatalf("tampered body: status %d, err %v; want 401", code, err)
			}
			if j.LastSeq() != seq {
				t.Fatal("tampered body was stored")
			}
		})
	}

	recs := readAll(t, j)
	if len(recs) != len(vs) {
		t.Fatalf("the store holds %d records, want %d", len(recs), len(vs))
	}
	for i, rec := range recs {
		v := vs[i]
		if string(rec.Body) != string(v.Body) || rec.Signature != v.Signature || !rec.Verified {
			t.Errorf("record %d: body/signature not kept exactly or not verified", rec.Seq)
		}
		if _, ok := Verify([][]byte{key}, rec.Body, rec.Signature); !ok {
			t.Errorf("record %d does not verify again from the store", rec.Seq)
		}
		if rec.Summary.Kind != KindVendor || rec.Summary.NotificationID == "" || rec.Summary.EventID == "" {
			t.Errorf("record %d summary = %+v", rec.Seq, rec.Summary)
		}
	}
}
