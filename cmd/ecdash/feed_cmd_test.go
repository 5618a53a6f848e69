package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/internal/statedir"
	"github.com/ecdash/ecdash/livefeed"
)

// TestFeedTailFollowsARunningRelay: while `ecdash relay --nats-listen`
// holds the store, `feed tail --nats URL -f` prints each vendor vector,
// verified and byte for byte, as it arrives; --from skips the earlier ones;
// a plain tail reads the held store too, and after the relay stops a tail
// of its directory has every repeat count.
func TestFeedTailFollowsARunningRelay(t *testing.T) {
	key, vs := loadVectors(t)
	if len(vs) < 2 {
		t.Fatalf("the test needs at least 2 vectors, found %d", len(vs))
	}
	journal := t.TempDir()
	relayOut, relayErr, stopRelay := startInBackground(t, "relay", "--listen", "127.0.0.1:0", "--webhook-secret", key,
		"--relay-token", relayToken, "--journal", journal, "--nats-listen", "127.0.0.1:0")
	banner := relayOut.waitFor(t, "Press Ctrl-C")
	hook, nats := webhooksLine.FindStringSubmatch(banner), natsURLLine.FindStringSubmatch(banner)
	if hook == nil || nats == nil {
		t.Fatalf("no webhook or NATS URL in the banner:\n%s", banner)
	}

	// Both start on the held, still empty store.
	// The token that guards the port is found beside the store (--journal),
	// or given with --nats-token-file.
	token := filepath.Join(journal, statedir.DefaultProfile, "nats-token")
	tailOut, tailErr, stopTail := startInBackground(t, "feed", "tail", "--nats", nats[1], "--journal", journal, "-f")
	sinceOut, sinceErr, stopSince := startInBackground(t, "feed", "tail", "--nats", nats[1], "--nats-token-file", token, "-f", "--from", "1")
	for _, v := range vs {
		for i := range 4 {
			if code := deliver(t, hook[1], v.Body, v.Signature); code != http.StatusOK {
				t.Fatalf("%s delivery %d: %d, want 200", v.Name, i+1, code)
			}
		}
		tampered := bytes.Clone(v.Body)
		tampered[len(tampered)/2] ^= 1
		if code := deliver(t, hook[1], tampered, v.Signature); code != http.StatusUnauthorized {
			t.Errorf("%s with one byte changed: %d, want 401", v.Name, code)
		}
		// Printed before the next one is even sent: followed live.
		s, _ := livefeed.DecodeSummary(v.Body)
		tailOut.waitFor(t, `"notificationId":"`+s.NotificationID+`"`)
	}
	last, _ := livefeed.DecodeSummary(vs[len(vs)-1].Body)
	sinceOut.waitFor(t, `"notificationId":"`+last.NotificationID+`"`)

	for name, stop := range map[string]func() int{"-f": stopTail, "-f --from 1": stopSince} {
		if code := stop(); code != 0 {
			t.Errorf("feed tail %s exited %d after Ctrl-C", name, code)
		}
	}
	if tailErr.String() != "" || sinceErr.String() != "" {
		t.Errorf("feed tail wrote to stderr:\n%s%s", tailErr.String(), sinceErr.String())
	}
	checkTail(t, tailOut.String(), vs, "store tail -f")
	since := parseTail(t, sinceOut.String())
	if len(since) != len(vs)-1 || since[0].Seq != 5 || since[0].Body == nil || *since[0].Body != string(vs[1].Body) {
		t.Errorf("--from 1 printed %d lines, the first with seq %d; want %d from seq 5", len(since), since[0].Seq, len(vs)-1)
	}

	// A plain tail of the store the relay still holds.
	checkTail(t, cli{}.run(t, "feed", "tail", "--nats", nats[1], "--journal", journal).mustSucceed(t).stdout, vs, "store tail while the relay runs")
	// Without the token the port refuses.
	cli{}.run(t, "feed", "tail", "--nats", nats[1], "--journal", t.TempDir()).mustFail(t, []string{"connecting to NATS"})

	if code := stopRelay(); code != 0 {
		t.Fatalf("relay exited %d: %s", code, relayErr.String())
	}
	out := cli{}.run(t, "feed", "tail", "--journal", journal).mustSucceed(t).stdout
	checkTail(t, out, vs, "store tail after the relay stopped")
	for i, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec struct {
			Duplicates int `json:"duplicates"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.Duplicates != 3 {
			t.Errorf("line %d: %d duplicates (err %v), want 3 (sent 4 times)", i, rec.Duplicates, err)
		}
	}
}
