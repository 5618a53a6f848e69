package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const exampleConfig = `default_profile: prod
profiles:
  prod:
    base_url: https://api.voluespark.com/energy-coordination/v1/
    auth:
      client_id: my-client
      client_secret_env: ECDASH_PROD_SECRET
      token_url: https://auth.identity.volue.com/connect/token
      scopes: [energy-coordination]
    poll_interval: 15s
    theme: dark
    readonly: true
  sandbox:
    base_url: http://127.0.0.1:8080
    auth:
      token_env: ECDASH_SANDBOX_TOKEN
`

func parse(t *testing.T, text string) (*File, error) {
	t.Helper()
	f := &File{Path: "/home/u/.config/ecdash/config.yaml"}
	err := Parse(f, []byte(text))
	return f, err
}

func TestParseExample(t *testing.T) {
	f, err := parse(t, exampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	if f.DefaultProfile != "prod" || len(f.Profiles) != 2 {
		t.Fatalf("default %q, %d profiles", f.DefaultProfile, len(f.Profiles))
	}
	prod := f.Profiles["prod"]
	if prod.BaseURL != "https://api.voluespark.com/energy-coordination/v1" {
		t.Errorf("base_url %q: the trailing slash should be trimmed", prod.BaseURL)
	}
	if prod.Auth.ClientID != "my-client" || prod.Auth.TokenURL != "https://auth.identity.volue.com/connect/token" {
		t.Errorf("auth %+v", prod.Auth)
	}
	if got := prod.Auth.ClientSecret.Describe(); got != "client_secret_env ECDASH_PROD_SECRET" {
		t.Errorf("client secret described as %q", got)
	}
	if prod.Auth.Token.IsSet() {
		t.Error("prod has no token, but Token.IsSet")
	}
	if len(prod.Auth.Scopes) != 1 || prod.Auth.Scopes[0] != "energy-coordination" {
		t.Errorf("scopes %v", prod.Auth.Scopes)
	}
	if prod.PollInterval != 15*time.Second || prod.Theme != "dark" || prod.Readonly == nil || !*prod.Readonly {
		t.Errorf("poll %v theme %q readonly %v", prod.PollInterval, prod.Theme, prod.Readonly)
	}
	sb := f.Profiles["sandbox"]
	if sb.Readonly != nil || sb.PollInterval != 0 {
		t.Errorf("unset fields should stay unset: %+v", sb)
	}
	if got := sb.Auth.Token.Describe(); got != "token_env ECDASH_SANDBOX_TOKEN" {
		t.Errorf("token described as %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	const file = "/home/u/.config/ecdash/config.yaml"
	tests := []struct {
		name string
		yaml string
		want []string // each must appear in the error
	}{
		{"bad duration", "profiles:\n  prod:\n    base_url: http://x\n    auth:\n      token_env: T\n\n    poll_interval: fast\n",
			[]string{file + `:7: profiles.prod.poll_interval: invalid duration "fast"`}},
		{"too short poll", "profiles:\n  p:\n    poll_interval: 10ms\n",
			[]string{file + ":3: profiles.p.poll_interval: poll interval 10ms is too short"}},
		{"unknown top key", "default_profile: p\nprofile:\n  p: {}\n",
			[]string{file + ":2: profile: unknown key (known keys: default_profile, profiles)"}},
		{"unknown profile key", "profiles:\n  p:\n    baseurl: http://x\n",
			[]string{file + ":3: profiles.p.baseurl: unknown key", "base_url"}},
		{"unknown auth key", "profiles:\n  p:\n    auth:\n      tokn_env: X\n",
			[]string{file + ":4: profiles.p.auth.tokn_env: unknown key"}},
		{"profiles is a list", "profiles:\n  - prod\n",
			[]string{file + ":2: profiles: expected a mapping of profile names to profiles, got a list"}},
		{"profile is a string", "profiles:\n  p: hello\n",
			[]string{file + ":2: profiles.p: expected a mapping, got a str value"}},
		{"poll interval is a list", "profiles:\n  p:\n    poll_interval: [1, 2]\n",
			[]string{file + ":3: profiles.p.poll_interval: expected a string, got a list"}},
		{"readonly not a bool", "profiles:\n  p:\n    readonly: maybe\n",
			[]string{file + ":3: profiles.p.readonly: expected true or false, got a str value"}},
		{"base_url null", "profiles:\n  p:\n    base_url:\n",
			[]string{file + ":3: profiles.p.base_url: expected a string, got nothing (null)"}},
		{"base_url not a URL", "profiles:\n  p:\n    base_url: api.example.com\n",
			[]string{file + `:3: profiles.p.base_url: invalid URL "api.example.com"`}},
		{"scopes not a list", "profiles:\n  p:\n    auth:\n      scopes: read\n",
			[]string{file + ":4: profiles.p.auth.scopes: expected a list of strings"}},
		{"duplicate key", "profiles:\n  p:\n    theme: dark\n    theme: light\n",
			[]string{file + ":4: profiles.p.theme: duplicate key"}},
		{"two sources for one secret", "profiles:\n  p:\n    auth:\n      token_env: A\n      token_file: /x\n",
			[]string{file + ":5: profiles.p.auth.token_file: conflicts with profiles.p.auth.token_env on line 4"}},
		{"default profile missing", "default_profile: nope\nprofiles:\n  p: {}\n",
			[]string{file + `:1: default_profile: no profile named "nope" (profiles: p)`}},
		{"inline token", "profiles:\n  prod:\n    auth:\n      token: s3cr3t-inline-value\n",
			[]string{file + ":4: profiles.prod.auth.token: inline secrets are not allowed", "token_env", "allow_inline_secrets: true"}},
		{"inline client secret", "profiles:\n  prod:\n    auth:\n      client_secret: s3cr3t-inline-value\n",
			[]string{file + ":4: profiles.prod.auth.client_secret: inline secrets are not allowed"}},
		{"top level is a list", "- a\n- b\n",
			[]string{file + ":1: expected a mapping, got a list"}},
		{"yaml syntax", "profiles:\n  p:\n    theme: [dark\n",
			[]string{file + ": yaml: line"}},
		{"several problems are all reported", "profiles:\n  p:\n    theme: [x]\n    readonly: 3\n",
			[]string{file + ":3: profiles.p.theme:", file + ":4: profiles.p.readonly:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, tt.yaml)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n  %s\ndoes not contain\n  %s", err, w)
				}
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error reveals a secret: %s", err)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name string
		yaml string
	}{
		{"empty file", ""},
		{"only comments", "# nothing yet\n"},
		{"empty profile", "profiles:\n  p:\n"},
		{"inline allowed after auth", "profiles:\n  p:\n    auth:\n      token: abc\n    allow_inline_secrets: true\n"},
		{"numeric client id", "profiles:\n  p:\n    auth:\n      client_id: 12345\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse(t, tt.yaml); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestParseFollowsAliases(t *testing.T) {
	f, err := parse(t, "profiles:\n  a: &shared\n    theme: light\n  b: *shared\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Profiles["b"].Theme; got != "light" {
		t.Fatalf("profile b theme %q, want light (through the alias)", got)
	}
}

func TestLoadMissingFileIsNotAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "config.yaml")
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Found || len(f.Profiles) != 0 || f.Path != path {
		t.Fatalf("%+v", f)
	}
	if p, err := f.Select(""); p != nil || err != nil {
		t.Fatalf("Select on a missing file: %v, %v", p, err)
	}
	if _, err := f.Select("prod"); err == nil || !strings.Contains(err.Error(), "no config file at "+path) {
		t.Fatalf("Select(prod) on a missing file: %v", err)
	}
}

func TestLoadNamesFileInErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte("profiles:\n  p:\n    poll_interval: soon\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":3: profiles.p.poll_interval:") {
		t.Fatalf("got %v", err)
	}
}

func TestSelect(t *testing.T) {
	two, err := parse(t, "default_profile: b\nprofiles:\n  a: {}\n  b: {}\n")
	if err != nil {
		t.Fatal(err)
	}
	one, err := parse(t, "profiles:\n  only: {}\n")
	if err != nil {
		t.Fatal(err)
	}
	noDefault, err := parse(t, "profiles:\n  a: {}\n  b: {}\n")
	if err != nil {
		t.Fatal(err)
	}
	one.Found, two.Found, noDefault.Found = true, true, true
	tests := []struct {
		name    string
		f       *File
		ask     string
		want    string // "" for no profile
		wantErr string
	}{
		{"named", two, "a", "a", ""},
		{"default_profile", two, "", "b", ""},
		{"only profile", one, "", "only", ""},
		{"ambiguous without default", noDefault, "", "", ""},
		{"unknown", two, "c", "", `profile "c" not found in /home/u/.config/ecdash/config.yaml (profiles: a, b)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.f.Select(tt.ask)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p != nil {
				got = p.Name
			}
			if got != tt.want {
				t.Fatalf("selected %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg", map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/ecdash/config.yaml"},
		{"relative xdg is ignored", map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/home/u"}, "/home/u/.config/ecdash/config.yaml"},
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.config/ecdash/config.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultPath(func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}
