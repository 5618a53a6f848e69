package drafts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSaveLoadDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "drafts")
	s := New(dir)
	at := time.Date(2025, 3, 4, 12, 3, 0, 0, time.UTC)
	d := Draft{Key: "resource-ev-0001", SavedAt: at, Values: map[string]string{"metadata.vin": "ABC"},
		Base: map[string]string{"metadata.vin": "XYZ"}, Dropped: []string{"webhookSecret"}}
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "resource-ev-0001.json"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", st, err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v", st.Mode().Perm())
	}
	got, ok, err := s.Load("resource-ev-0001")
	if err != nil || !ok || !got.SavedAt.Equal(at) || got.Values["metadata.vin"] != "ABC" ||
		got.Base["metadata.vin"] != "XYZ" || got.Dropped[0] != "webhookSecret" {
		t.Fatalf("loaded %+v %v %v", got, ok, err)
	}
	if err := s.Delete("resource-ev-0001"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Load("resource-ev-0001"); ok || err != nil {
		t.Errorf("after delete: %v %v", ok, err)
	}
	if err := s.Delete("resource-ev-0001"); err != nil {
		t.Errorf("deleting nothing: %v", err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestNilStoreKeepsNothing(t *testing.T) {
	var s *Store = New("")
	if s != nil {
		t.Fatal("New(\"\") is not the nil store")
	}
	if err := s.Save(Draft{Key: "x"}); err != nil {
		t.Error(err)
	}
	if _, ok, err := s.Load("x"); ok || err != nil {
		t.Errorf("%v %v", ok, err)
	}
	if err := s.Delete("x"); err != nil {
		t.Error(err)
	}
}

func TestCorruptDraftIsAnError(t *testing.T) {
	dir := t.TempDir()
	s := New(dir)
	os.WriteFile(filepath.Join(dir, "resource-new.json"), []byte("{not json"), 0o600)
	if _, ok, err := s.Load("resource-new"); ok || err == nil || !strings.Contains(err.Error(), "delete it") {
		t.Errorf("%v %v", ok, err)
	}
}

func TestFileNames(t *testing.T) {
	for _, c := range []struct{ key, want string }{
		{"resource-new", "resource-new.json"},
		{"resource-ev.0001_x", "resource-ev.0001_x.json"},
		{"resource-../../etc/passwd", "resource-..%2F..%2Fetc%2Fpasswd.json"},
		{".hidden", "%2Ehidden.json"},
		{"a b/c", "a%20b%2Fc.json"},
		{"resource-%41", "resource-%2541.json"},
	} {
		if got := fileName(c.key); got != c.want {
			t.Errorf("fileName(%q) = %q, want %q", c.key, got, c.want)
		}
	}
	long := strings.Repeat("x", 400)
	a, b := fileName(long), fileName(long+"y")
	if len(a) > 200 || a == b || filepath.Base(a) != a {
		t.Errorf("long keys: %q %q", a, b)
	}
}
