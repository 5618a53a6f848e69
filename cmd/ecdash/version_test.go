package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionNamesTheCommit: the version line carries the version, the
// commit and the date the go command stamped, and says when the tree had
// uncommitted changes or no stamp at all.
func TestVersionNamesTheCommit(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "558f4a2255f058b27c5ae55022847bfeb90ba6d0"},
		{Key: "vcs.time", Value: "2026-12-05T17:08:03Z"},
		{Key: "vcs.modified", Value: "false"},
	}}
	if got, want := readBuildInfo(info, true).String(), "v1.4.0 (commit 558f4a2255f0, 2026-12-05T17:08:03Z)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	info.Settings[2].Value = "true"
	if got := readBuildInfo(info, true).String(); !strings.Contains(got, "with uncommitted changes") {
		t.Errorf("a modified tree reads %q", got)
	}
	if got := readBuildInfo(nil, false).String(); got != "dev (commit unknown: built without version control information)" {
		t.Errorf("no build info reads %q", got)
	}
	// `ecdash version` and `ecdash --version` print the same line.
	v := cli{}.run(t, "version").mustSucceed(t).stdout
	w := cli{}.run(t, "--version").mustSucceed(t).stdout
	if v != w || !strings.HasPrefix(v, "ecdash ") {
		t.Errorf("version %q, --version %q", v, w)
	}
}

// TestDashboardFlagsOnlyOnTheDashboard: the dashboard's flags are on the
// commands that open it, not on `get` or `completion`.
func TestDashboardFlagsOnlyOnTheDashboard(t *testing.T) {
	dashboard := []string{"--feed", "--journal", "--listen", "--poll", "--public-url", "--relay-token", "--theme", "--webhook-secret", "--bell", "--nats"}
	for _, args := range [][]string{{"get", "events", "--help"}, {"completion", "--help"}, {"export", "--help"}} {
		help := cli{}.run(t, args...).mustSucceed(t).stdout
		for _, f := range dashboard {
			if strings.Contains(help, f+" ") {
				t.Errorf("%s lists %s", strings.Join(args, " "), f)
			}
		}
	}
	help := cli{}.run(t, "--help").mustSucceed(t).stdout
	for _, f := range dashboard {
		if !strings.Contains(help, f+" ") {
			t.Errorf("the dashboard's help lacks %s", f)
		}
	}
}

// TestDocsWritesEveryCommand: the man and markdown references have a page
// for the root and for each command, e.g. apply.
func TestDocsWritesEveryCommand(t *testing.T) {
	for _, kind := range []string{"man", "markdown"} {
		dir := t.TempDir()
		cli{}.run(t, "docs", kind, dir).mustSucceed(t)
		for _, page := range map[string][]string{"man": {"ecdash.1", "ecdash-apply.1", "ecdash-get-events.1"}, "markdown": {"ecdash.md", "ecdash_apply.md", "ecdash_get_events.md"}}[kind] {
			b, err := os.ReadFile(filepath.Join(dir, page))
			if err != nil || !strings.Contains(string(b), "ecdash") {
				t.Errorf("%s: %s missing or empty (%v)", kind, page, err)
			}
		}
	}
}

// TestDebugLogsRequestsWithoutSecrets: --debug (or ECDASH_DEBUG) logs a
// line per request and per answer on stderr, never the token.
func TestDebugLogsRequestsWithoutSecrets(t *testing.T) {
	c, url := sandboxCLI(t)
	r := c.run(t, "get", "events", "--debug", "--base-url", url, "--token", sandboxToken)
	if r.code != 0 || !strings.Contains(r.stderr, "msg=request") || !strings.Contains(r.stderr, "msg=answer") || !strings.Contains(r.stderr, "op=ListEvents method=GET path=/events status=200") {
		t.Errorf("the debug log:\n%s", r.stderr)
	}
	c.vars = map[string]string{"ECDASH_DEBUG": "1"}
	r = c.run(t, "get", "event", "nope", "--base-url", url, "--token", sandboxToken)
	if !strings.Contains(r.stderr, "status=404") || strings.Contains(r.stderr, sandboxToken) {
		t.Errorf("ECDASH_DEBUG log of a 404:\n%s", r.stderr)
	}
}
