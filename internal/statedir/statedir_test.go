package statedir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBase(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name, explicit string
		getenv         func(string) string
		want, wantErr  string
	}{
		{"flag wins", "/flag", env(EnvVar, "/env", "XDG_STATE_HOME", "/xdg"), "/flag", ""},
		{"env", "", env(EnvVar, "/env", "XDG_STATE_HOME", "/xdg"), "/env", ""},
		{"xdg", "", env("XDG_STATE_HOME", "/xdg", "HOME", "/home/u"), "/xdg/ecdash", ""},
		{"relative xdg is ignored", "", env("XDG_STATE_HOME", "rel", "HOME", "/home/u"), "/home/u/.local/state/ecdash", ""},
		{"home", "", env("HOME", "/home/u"), "/home/u/.local/state/ecdash", ""},
		{"nothing", "", env(), "", "HOME is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Base(tt.explicit, tt.getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Base = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestProfile(t *testing.T) {
	for profile, want := range map[string]string{"": "/s/default", "prod": "/s/prod", "a.b-c_1": "/s/a.b-c_1",
		"../etc": "", "a/b": "", ".hidden": ""} {
		got, err := Profile("/s", profile)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("Profile(%q) = %q, %v; want %q", profile, got, err, want)
		}
	}
	if _, err := Profile("", "p"); err == nil {
		t.Error("no base directory must be an error")
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	a, _ := os.Create(path)
	defer a.Close()
	b, _ := os.Open(path)
	defer b.Close()
	unlock, err := Lock(a, ExclusiveNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(b, ExclusiveNow); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second exclusive lock: %v, want ErrLocked", err)
	}
	unlock()
	unlockB, err := Lock(b, ExclusiveNow)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	unlockB()
	for _, m := range []LockMode{Shared, Shared} {
		if _, err := Lock(a, m); err != nil {
			t.Fatal(err)
		}
	}
}
