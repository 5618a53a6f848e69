package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes a private config file and returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// showRow returns the `config show` row for a setting, whitespace-normalised.
func showRow(t *testing.T, out, name string) string {
	t.Helper()
	for _, l := range tableLines(out) {
		if strings.HasPrefix(l, name+" ") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	t.Fatalf("no %s row in:\n%s", name, out)
	return ""
}

func TestPrecedenceAgainstServer(t *testing.T) {
	ts := foreignServer(t)
	dead := rejectingServer(t)
	cfg := writeConfig(t, "profiles:\n  foreign:\n    base_url: "+ts.URL+"\n    auth:\n      token_env: FOREIGN_TOKEN\n")
	tests := []struct {
		name string
		vars map[string]string
		args []string
		ok   bool
	}{
		{"env only", map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}, nil, true},
		{"flag token beats env", map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": "wrong-token-1"}, []string{"--token", foreignToken}, true},
		{"flag base URL beats env", map[string]string{"ECDASH_BASE_URL": dead, "ECDASH_TOKEN": foreignToken}, []string{"--base-url", ts.URL}, true},
		{"config profile", map[string]string{"ECDASH_CONFIG": cfg, "FOREIGN_TOKEN": foreignToken}, nil, true},
		{"env token beats config", map[string]string{"ECDASH_CONFIG": cfg, "FOREIGN_TOKEN": foreignToken, "ECDASH_TOKEN": "wrong-token-2"}, nil, false},
		{"flag token beats env and config", map[string]string{"ECDASH_CONFIG": cfg, "ECDASH_TOKEN": "wrong-token-3"}, []string{"--token", foreignToken}, true},
		{"env base URL beats config", map[string]string{"ECDASH_CONFIG": cfg, "FOREIGN_TOKEN": foreignToken, "ECDASH_BASE_URL": dead}, nil, false},
		{"flag --config beats env", map[string]string{"ECDASH_CONFIG": "/nonexistent/config.yaml", "FOREIGN_TOKEN": foreignToken}, []string{"--config", cfg}, true},
		{"client credentials by flag beat a config token", map[string]string{"ECDASH_CONFIG": cfg, "FOREIGN_TOKEN": "wrong-token-4"},
			[]string{"--client-id", foreignClientID, "--client-secret", foreignClientSecret, "--token-url", ts.URL + "/token"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cli{vars: tt.vars}
			r := c.run(t, append([]string{"get", "resources"}, tt.args...)...)
			if tt.ok {
				r.mustSucceed(t)
				return
			}
			r.mustExit(t, exitAuth, nil, foreignToken, foreignClientSecret)
		})
	}
}

func TestClientCredentialsFromEnv(t *testing.T) {
	ts := foreignServer(t)
	c := cli{vars: map[string]string{
		"ECDASH_BASE_URL": ts.URL, "ECDASH_CLIENT_ID": foreignClientID,
		"ECDASH_CLIENT_SECRET": foreignClientSecret, "ECDASH_TOKEN_URL": ts.URL + "/token",
	}}
	c.run(t, "get", "events").mustSucceed(t)

	c.vars["ECDASH_CLIENT_SECRET"] = "wrong-client-secret"
	c.run(t, "get", "events").mustExit(t, exitAuth, nil, "wrong-client-secret", foreignClientSecret)
}

func TestConfigShow(t *testing.T) {
	cfg := writeConfig(t, `default_profile: sb
profiles:
  sb:
    base_url: http://127.0.0.1:8080
    auth:
      token_env: SB_TOKEN
    theme: light
    bell: true
  prod:
    base_url: https://api.voluespark.com/energy-coordination/v1
    auth:
      client_id: my-client
      client_secret_env: PROD_SECRET
`)
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want map[string]string // setting name -> its row
	}{
		{"from the file", map[string]string{"SB_TOKEN": "sb-token-secret-1"}, nil, map[string]string{
			"config":    "config " + cfg + " flag (--config)",
			"profile":   "profile sb file (default profile)",
			"base-url":  "base-url http://127.0.0.1:8080 file (profile sb: base_url)",
			"auth":      "auth bearer token -",
			"token":     "token •••••••• file (profile sb: token_env SB_TOKEN)",
			"client-id": "client-id - -",
			"token-url": "token-url " + defaultTokenURL + " default",
			"poll":      "poll 15s default",
			"theme":     "theme light file (profile sb: theme)",
			"readonly":  "readonly false default",
			"bell":      "bell true file (profile sb: bell)",
		}},
		{"env and flags override", map[string]string{"SB_TOKEN": "sb-token-secret-1", "ECDASH_TOKEN": "env-token-secret-2", "ECDASH_THEME": "high-contrast", "ECDASH_READONLY": "true",
			"ECDASH_BASE_URL": "http://127.0.0.1:7777", "ECDASH_POLL": "1m"},
			[]string{"--base-url", "http://127.0.0.1:9999", "--poll", "30s", "--bell=false"}, map[string]string{
				"base-url": "base-url http://127.0.0.1:9999 flag (--base-url)",
				"token":    "token •••••••• env (ECDASH_TOKEN)",
				"poll":     "poll 30s flag (--poll)",
				"theme":    "theme high-contrast env (ECDASH_THEME)",
				"readonly": "readonly true env (ECDASH_READONLY)",
				"bell":     "bell false flag (--bell)",
			}},
		{"profile by env, secret not set", map[string]string{"ECDASH_PROFILE": "prod"}, nil, map[string]string{
			"profile":       "profile prod env (ECDASH_PROFILE)",
			"auth":          "auth OAuth2 client credentials -",
			"client-id":     "client-id my-client file (profile prod: auth.client_id)",
			"client-secret": "client-secret unavailable: " + cfg + ":13: profiles.prod.auth.client_secret_env: environment variable PROD_SECRET is not set file (profile prod: client_secret_env PROD_SECRET)",
		}},
		{"profile by flag", map[string]string{"PROD_SECRET": "prod-secret-3"}, []string{"--profile", "prod"}, map[string]string{
			"profile":       "profile prod flag (--profile)",
			"client-secret": "client-secret •••••••• file (profile prod: client_secret_env PROD_SECRET)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli{vars: tt.vars}.run(t, append([]string{"config", "show", "--config", cfg}, tt.args...)...).mustSucceed(t)
			for name, want := range tt.want {
				if got := showRow(t, r.stdout, name); got != want {
					t.Errorf("%s:\n got %s\nwant %s", name, got, want)
				}
			}
			for _, secret := range []string{"sb-token-secret-1", "env-token-secret-2", "prod-secret-3"} {
				if strings.Contains(r.stdout, secret) {
					t.Errorf("config show prints a secret:\n%s", r.stdout)
				}
			}
		})
	}
}

func TestConfigPath(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want string
	}{
		{"flag", map[string]string{"ECDASH_CONFIG": "/env/c.yaml"}, []string{"--config", "/flag/c.yaml"}, "/flag/c.yaml"},
		{"env", map[string]string{"ECDASH_CONFIG": "/env/c.yaml", "XDG_CONFIG_HOME": "/xdg"}, nil, "/env/c.yaml"},
		{"xdg", map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"}, nil, "/xdg/ecdash/config.yaml"},
		{"home", map[string]string{"HOME": "/home/u"}, nil, "/home/u/.config/ecdash/config.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli{vars: tt.vars}.run(t, append([]string{"config", "path"}, tt.args...)...).mustSucceed(t)
			if r.stdout != tt.want+"\n" {
				t.Fatalf("got %q, want %q", r.stdout, tt.want)
			}
		})
	}
}

func TestSettingsErrors(t *testing.T) {
	bad := writeConfig(t, "profiles:\n  p:\n    base_url: http://x\n    poll_interval: fast\n")
	two := writeConfig(t, "profiles:\n  a: {}\n  b: {}\n")
	rejecting := rejectingServer(t)
	unset := writeConfig(t, "profiles:\n  p:\n    base_url: http://127.0.0.1:1\n    auth:\n      token_env: P_TOKEN\n")
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want []string
	}{
		{"bad config file", nil, []string{"get", "events", "--config", bad},
			[]string{"ecdash: " + bad + `:4: profiles.p.poll_interval: invalid duration "fast"`}},
		{"explicit config missing", nil, []string{"config", "show", "--config", "/nonexistent/c.yaml"},
			[]string{"config file /nonexistent/c.yaml does not exist (named by --config)"}},
		{"unknown profile", nil, []string{"get", "events", "--config", two, "--profile", "c"},
			[]string{`profile "c" not found in ` + two + " (profiles: a, b)"}},
		{"profile secret variable unset", nil, []string{"get", "events", "--config", unset},
			[]string{unset + ":5: profiles.p.auth.token_env: environment variable P_TOKEN is not set"}},
		{"no base URL", nil, []string{"get", "events"}, []string{"no API base URL: pass --base-url"}},
		{"no credentials", nil, []string{"get", "events", "--base-url", "http://127.0.0.1:1"}, []string{"no credentials: pass --token"}},
		{"half client credentials", nil, []string{"get", "events", "--base-url", "http://127.0.0.1:1", "--client-id", "x"},
			[]string{"--client-secret (or ECDASH_CLIENT_SECRET) is missing"}},
		{"bad base URL", nil, []string{"get", "events", "--base-url", "localhost:8080", "--token", "tok-secret-5"},
			[]string{`--base-url: invalid base URL "localhost:8080"`}},
		{"a base URL without its scheme", nil, []string{"get", "events", "--base-url", "127.0.0.1:8080", "--token", "tok-secret-5"},
			[]string{`--base-url: invalid base URL "127.0.0.1:8080": the scheme is missing: write http://127.0.0.1:8080`}},
		{"a schemeless base URL's password is not echoed", nil, []string{"get", "events", "--base-url", "ops:tok-secret-6@10.0.0.1:80", "--token", "tok-secret-5"},
			[]string{`invalid base URL "…@10.0.0.1:80"`}},
		{"a bad base URL's password is not echoed", nil, []string{"get", "events", "--base-url", "ftp://ops:tok-secret-6@api.example", "--token", "tok-secret-5"},
			[]string{`invalid base URL "ftp://api.example (credentials and query not shown)"`}},
		{"bad poll env", map[string]string{"ECDASH_POLL": "often"}, []string{"config", "show"},
			[]string{`ECDASH_POLL: invalid duration "often"`}},
		{"bad readonly env", map[string]string{"ECDASH_READONLY": "perhaps"}, []string{"config", "show"},
			[]string{`ECDASH_READONLY: invalid boolean "perhaps"`}},
		{"bad bell env", map[string]string{"ECDASH_BELL": "loud"}, []string{"config", "show"},
			[]string{`ECDASH_BELL: invalid boolean "loud"`}},
		{"a secret that ends up in the base URL is not echoed", nil, []string{"get", "events", "--base-url", rejecting + "/tok-secret-6", "--token", "tok-secret-6"},
			[]string{"401"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli{vars: tt.vars}.run(t, tt.args...)
			if tt.want[0] == "401" {
				r.mustExit(t, exitAuth, tt.want, "tok-secret-5", "tok-secret-6")
				return
			}
			r.mustFail(t, tt.want, "tok-secret-5", "tok-secret-6")
		})
	}
}

// Mistakes in the command line exit 2 with one line that says what was not
// understood and, where a near name exists, what was meant.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"bad output format", []string{"get", "events", "-o", "xml"}, []string{`invalid output format "xml"`}},
		{"unknown command", []string{"frobnicate"}, []string{`unknown command "frobnicate" for "ecdash"`}},
		{"unknown subcommand", []string{"get", "evnts"}, []string{`unknown command "evnts" for "ecdash get"`, `did you mean "event" or "events"?`}},
		{"unknown config subcommand", []string{"config", "lst"}, []string{`unknown command "lst" for "ecdash config"`}},
		{"unknown flag", []string{"get", "events", "--bogus"}, []string{"unknown flag: --bogus"}},
		{"missing id", []string{"get", "event"}, []string{"accepts 1 arg(s), received 0"}},
		{"extra argument", []string{"get", "events", "x"}, []string{`unknown command "x" for "ecdash get events"`}},
		{"chaos out of range", []string{"sandbox", "--chaos", "1.5"}, []string{"--chaos 1.5: want a share of requests from 0 to 1"}},
		{"chaos-slow not positive", []string{"sandbox", "--chaos-slow", "0s"}, []string{"--chaos-slow 0s: want a duration above 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cli{}.run(t, tt.args...).mustExit(t, exitUsage, tt.want)
		})
	}
}

// A command that only groups others prints its help when given none.
func TestGroupCommandWithoutSubcommandPrintsHelp(t *testing.T) {
	r := cli{}.run(t, "get").mustSucceed(t)
	if !strings.Contains(r.stdout, "Available Commands:") {
		t.Errorf("ecdash get printed:\n%s", r.stdout)
	}
}

func TestVersionAndBareCommand(t *testing.T) {
	r := cli{}.run(t, "--version").mustSucceed(t)
	if !strings.HasPrefix(r.stdout, "ecdash dev (commit ") { // a test binary carries no VCS stamp
		t.Errorf("--version printed %q", r.stdout)
	}
	// With nothing configured, the bare command (the dashboard) says what to
	// set and points at the demo instead of opening an empty screen.
	cli{}.run(t).mustFail(t, []string{"no API base URL", "ecdash demo"})
	r = cli{}.run(t, "--help").mustSucceed(t)
	for _, want := range []string{"Usage:", "get", "sandbox", "demo", "config", "completion", "--base-url"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestCompletionScript(t *testing.T) {
	r := cli{}.run(t, "completion", "bash").mustSucceed(t)
	if !strings.Contains(r.stdout, "__start_ecdash") {
		t.Fatalf("not a bash completion script:\n%.200s", r.stdout)
	}
}

func TestCompleteIDs(t *testing.T) {
	ts := foreignServer(t)
	c := cli{vars: map[string]string{"ECDASH_BASE_URL": ts.URL, "ECDASH_TOKEN": foreignToken}}
	r := c.run(t, "__complete", "get", "event", "")
	if r.code != 0 || !strings.Contains(r.stdout, "f-1\tEvening peak") || !strings.Contains(r.stdout, "f-2\tNight valley") {
		t.Fatalf("completion of event ids:\n%s\n%s", r.stdout, r.stderr)
	}
	r = c.run(t, "__complete", "get", "events", "-o", "")
	if !strings.Contains(r.stdout, "table\nwide\njson\nyaml\nname\n") {
		t.Fatalf("completion of -o:\n%s", r.stdout)
	}
}

func TestRedact(t *testing.T) {
	a := &app{flags: globalFlags{token: "tok-secret-7"}}
	a.addSecrets("client-secret-8", "abc") // "abc" is too short to mask safely
	got := a.redact("x tok-secret-7 y client-secret-8 z abc")
	if got != "x •••••••• y •••••••• z abc" {
		t.Fatalf("redacted to %q", got)
	}
}

func TestOneLine(t *testing.T) {
	if got := oneLine("a:1: x\na:2: y\r\n"); got != "a:1: x; a:2: y" {
		t.Fatalf("%q", got)
	}
}
