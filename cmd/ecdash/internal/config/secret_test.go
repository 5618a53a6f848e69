package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	// WriteFile's mode is filtered by the umask; set it exactly.
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func TestSecretResolve(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, filepath.Join(dir, "private"), "s3cr3t-from-file\n", 0o600)
	writeFile(t, filepath.Join(dir, "shared"), "s3cr3t-shared", 0o644)
	writeFile(t, filepath.Join(dir, "empty"), "\n", 0o600)
	writeFile(t, filepath.Join(dir, "twolines"), "s3cr3t-a\ns3cr3t-b\n", 0o600)
	env := map[string]string{"SET": "s3cr3t-from-env"}
	getenv := func(k string) string { return env[k] }

	tests := []struct {
		name    string
		yaml    string
		mode    os.FileMode // of the config file
		want    string
		wantErr string
	}{
		{"env", "token_env: SET", 0o600, "s3cr3t-from-env", ""},
		{"env unset", "token_env: UNSET", 0o600, "", cfg + ":4: profiles.p.auth.token_env: environment variable UNSET is not set"},
		{"file relative to config, newline trimmed", "token_file: private", 0o600, "s3cr3t-from-file", ""},
		{"file absolute", "client_secret_file: " + filepath.Join(dir, "private"), 0o600, "s3cr3t-from-file", ""},
		{"file readable by others", "token_file: shared", 0o600, "", "is accessible by other users (mode 0644); run chmod 600"},
		{"file missing", "token_file: absent", 0o600, "", "no such file"},
		{"file empty", "token_file: empty", 0o600, "", "empty is empty"},
		{"file with two lines", "token_file: twolines", 0o600, "", "holds more than one line"},
		{"inline allowed in a private file", "token: s3cr3t-inline", 0o600, "s3cr3t-inline", ""},
		{"inline in a file others can read", "token: s3cr3t-inline", 0o644, "", "refusing an inline secret in a file other users can access (mode 0644)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, cfg, "profiles:\n  p:\n    auth:\n      "+tt.yaml+"\n    allow_inline_secrets: true\n", tt.mode)
			f, err := Load(cfg)
			if err != nil {
				t.Fatal(err)
			}
			a := f.Profiles["p"].Auth
			s := a.Token
			if !s.IsSet() {
				s = a.ClientSecret
			}
			got, err := s.Resolve(getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Fatalf("error reveals the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSecretFileTildeExpansion(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, ".secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, ".secrets", "ecdash"), "tok", 0o600)
	f, err := parse(t, "profiles:\n  p:\n    auth:\n      client_secret_file: ~/.secrets/ecdash\n")
	if err != nil {
		t.Fatal(err)
	}
	s := f.Profiles["p"].Auth.ClientSecret
	if want := "client_secret_file " + filepath.Join(home, ".secrets", "ecdash"); s.Describe() != want {
		t.Fatalf("described as %q, want %q", s.Describe(), want)
	}
	if v, err := s.Resolve(os.Getenv); err != nil || v != "tok" {
		t.Fatalf("resolved %q, %v", v, err)
	}
}

func TestUnsetSecretResolvesEmpty(t *testing.T) {
	var s Secret
	if v, err := s.Resolve(os.Getenv); v != "" || err != nil || s.IsSet() {
		t.Fatalf("zero Secret: %q, %v", v, err)
	}
}
