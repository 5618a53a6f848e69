package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigInitProfilesUse: init writes profiles with secrets as
// references (the file made 0600), profiles lists them with the default
// marked, use changes the default, keeping what the file said; the
// settings then come from the profile; profile and theme names complete.
func TestConfigInitProfilesUse(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "ecdash", "config.yaml")
	c := cli{vars: map[string]string{"ECDASH_CONFIG": cfg, "SB_TOKEN": "sb-token-value-1"}}
	c.run(t, "config", "init", "--name", "sandbox", "--base-url", "http://127.0.0.1:8080", "--token-env", "SB_TOKEN", "--use").mustSucceed(t)
	c.run(t, "config", "init", "--name", "prod", "--base-url", "https://api.example.com/v1", "--client-id", "my-client", "--client-secret-file", "/run/secrets/ecdash").mustSucceed(t)
	c.run(t, "config", "init", "--name", "prod", "--base-url", "https://x.example", "--token-env", "X").mustFail(t, []string{`profile "prod" already`})
	c.run(t, "config", "init", "--name", "bad", "--base-url", "127.0.0.1:8080", "--token-env", "X").mustFail(t, []string{"the scheme is missing"})

	data, _ := os.ReadFile(cfg)
	if st, _ := os.Stat(cfg); st.Mode().Perm() != 0o600 || strings.Contains(string(data), "sb-token-value") {
		t.Errorf("the file is %v or holds a secret:\n%s", st.Mode().Perm(), data)
	}
	if got := c.run(t, "config", "profiles").mustSucceed(t).stdout; got != "  prod\thttps://api.example.com/v1\n* sandbox\thttp://127.0.0.1:8080\n" {
		t.Errorf("profiles:\n%s", got)
	}
	if show := c.run(t, "config", "show").mustSucceed(t).stdout; !strings.Contains(show, "file (profile sandbox: token_env SB_TOKEN)") || strings.Contains(show, "sb-token-value") {
		t.Errorf("show after init:\n%s", show)
	}
	c.run(t, "config", "use", "prod").mustSucceed(t)
	if got := c.run(t, "config", "profiles").mustSucceed(t).stdout; !strings.HasPrefix(got, "* prod") {
		t.Errorf("after use prod:\n%s", got)
	}
	c.run(t, "config", "use", "nope").mustFail(t, []string{`no profile "nope"`, "prod, sandbox"})

	if got := c.run(t, "__complete", "--profile", "").stdout; !strings.Contains(got, "prod\nsandbox\n") {
		t.Errorf("--profile completes to:\n%s", got)
	}
	if got := c.run(t, "__complete", "--theme", "").stdout; !strings.Contains(got, "dark\n") || !strings.Contains(got, "high-contrast") {
		t.Errorf("--theme completes to:\n%s", got)
	}
}

// TestConfigInitRefusesASharedSecretFile: a token file others can read is
// refused at init, as every later command would refuse it.
func TestConfigInitRefusesASharedSecretFile(t *testing.T) {
	dir := t.TempDir()
	tok := filepath.Join(dir, "token")
	os.WriteFile(tok, []byte("tok-abcdef-123"), 0o644)
	c := cli{vars: map[string]string{"ECDASH_CONFIG": filepath.Join(dir, "config.yaml")}}
	c.run(t, "config", "init", "--base-url", "http://127.0.0.1:8080", "--token-file", tok).mustFail(t, []string{"is accessible by other users", "chmod 600"}, "tok-abcdef-123")
}
