package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
)

// TestCLIUnderChaos runs `ecdash sandbox --chaos 0.3` and the CLI against
// it: every command ends with 0 or a one-line error (never a panic or a
// usage error), reads get through (the client retries them), and no report
// is created twice although a third of the answers are spoiled, some after
// the server applied the POST: a write is never sent again by itself.
func TestCLIUnderChaos(t *testing.T) {
	t.Parallel() // mostly waiting out the faults' delays and retries
	out, _, stop := startInBackground(t, "sandbox", "--addr", "127.0.0.1:0", "--token", sandboxToken, "--seed", "7", "--chaos", "0.3", "--chaos-slow", "300ms")
	defer stop()
	banner := out.waitFor(t, "Press Ctrl-C")
	m := baseURLLine.FindStringSubmatch(banner)
	if m == nil || !strings.Contains(banner, "chaos     30% of requests fail on purpose") {
		t.Fatalf("banner:\n%s", banner)
	}
	base := m[1]
	c := cli{vars: map[string]string{"ECDASH_BASE_URL": base, "ECDASH_TOKEN": sandboxToken, "ECDASH_STATE_DIR": t.TempDir()}}

	api := chaosAPI(t, base)
	ev := retry(t, func() ([]client.Event, error) { return api.ListEvents(context.Background()) })
	var target client.Event
	for _, e := range ev {
		if e.Payload.Type == client.PayloadPowerLevel && len(e.TargetResources) > 0 {
			target = e
			break
		}
	}
	reads, sends := 0, map[string]int{}
	for i := range 24 {
		var r result
		if i%3 == 2 {
			name := fmt.Sprintf("chaos %d", i)
			file := writeTemp(t, "report.json", strings.Replace(reportJSON(target.ID, target.TargetResources[0].ResourceID), "cli test", name, 1))
			r = c.run(t, "report", "send", "--file", file)
			sends[name] = r.code
		} else {
			r = c.run(t, []string{"get", []string{"events", "resources", "subscriptions"}[i%3]}...)
			if r.code == 0 {
				reads++
			}
		}
		if r.code != 0 && r.code != exitError {
			t.Fatalf("command %d exited %d:\n%s", i, r.code, r.stderr)
		}
		if r.code != 0 && (!strings.HasPrefix(r.stderr, "ecdash: ") || strings.Count(r.stderr, "\n") != 1) {
			t.Fatalf("command %d failed without one clear line:\n%q", i, r.stderr)
		}
		if strings.Contains(r.stderr+r.stdout, "panic") || strings.Contains(r.stderr+r.stdout, sandboxToken) {
			t.Fatalf("command %d:\n%s\n%s", i, r.stdout, r.stderr)
		}
	}
	if reads < 12 {
		t.Errorf("only %d of 16 reads succeeded: the client should retry reads through a 30%% fault rate", reads)
	}
	reports := retry(t, func() ([]client.Report, error) { return api.ListReports(context.Background()) })
	held := map[string]int{}
	for _, rep := range reports {
		held[rep.Name]++
	}
	for name, code := range sends {
		switch {
		case held[name] > 1:
			t.Errorf("%q was created %d times: a POST was sent again", name, held[name])
		case code == 0 && held[name] != 1:
			t.Errorf("%q: report send succeeded but the server holds %d", name, held[name])
		}
	}
}

// chaosAPI is a client that retries reads patiently (the test's own look at
// the server, which is under chaos too).
func chaosAPI(t *testing.T, base string) client.API {
	t.Helper()
	api, err := client.New(client.Options{BaseURL: base, Token: sandboxToken, MaxAttempts: 8, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func retry[T any](t *testing.T, f func() (T, error)) T {
	t.Helper()
	var err error
	for range 10 {
		var v T
		if v, err = f(); err == nil {
			return v
		}
	}
	t.Fatalf("10 tries failed, the last with %v", err)
	panic("unreachable")
}
