package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/internal/webhookvectors"
	"github.com/ecdash/ecdash/livefeed"
)

const relayToken = "relay-token-for-cli-tests"

// loadVectors returns the vendor's webhook conformance vectors (from the
// repository's testdata) with the key as the flag value a user would type.
func loadVectors(t *testing.T) (key string, vs []webhookvectors.Vector) {
	k, vs := webhookvectors.Load(t)
	return string(k), vs
}

var (
	webhooksLine = regexp.MustCompile(`webhooks\s+(http://127\.0\.0\.1:\d+/webhook)\n`)
	feedLine     = regexp.MustCompile(`feed\s+(ws://127\.0\.0\.1:\d+/feed)\n`)
	natsURLLine  = regexp.MustCompile(`nats\s+(nats://127\.0\.0\.1:\d+)\s`)
)

func deliver(t *testing.T, url string, body []byte, sig string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(livefeed.SignatureHeader, sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// tailLine is a line of `ecdash feed tail`.
type tailLine struct {
	Seq       uint64           `json:"seq"`
	Verified  bool             `json:"verified"`
	Signature string           `json:"signature"`
	Summary   livefeed.Summary `json:"summary"`
	Body      *string          `json:"body"`
}

func parseTail(t *testing.T, out string) []tailLine {
	t.Helper()
	var lines []tailLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var tl tailLine
		if err := json.Unmarshal([]byte(l), &tl); err != nil {
			t.Fatalf("feed tail printed a line that is not JSON: %v\n%s", err, l)
		}
		lines = append(lines, tl)
	}
	return lines
}

// TestRelayConformanceVectors runs `ecdash relay` in-process: each vendor
// vector gets 200 with its signature and appears verified, byte for byte, in
// `ecdash feed tail` (live through the relay, and from the journal after the
// relay stopped); one changed byte gets 401 and is not journaled; four
// deliveries of a body make one journal entry.
func TestRelayConformanceVectors(t *testing.T) {
	key, vs := loadVectors(t)
	journal := t.TempDir()
	out, errOut, stop := startInBackground(t, "relay", "--listen", "127.0.0.1:0", "--webhook-secret", "an-older-secret",
		"--webhook-secret", key, "--relay-token", relayToken, "--journal", journal)
	banner := out.waitFor(t, "Press Ctrl-C")
	hook, feed := webhooksLine.FindStringSubmatch(banner), feedLine.FindStringSubmatch(banner)
	if hook == nil || feed == nil {
		t.Fatalf("no webhook or feed URL in the banner:\n%s", banner)
	}

	tailOut, tailErr, stopTail := startInBackground(t, "feed", "tail", "--relay", feed[1], "--relay-token", relayToken)
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
	}
	for _, v := range vs {
		s, _ := livefeed.DecodeSummary(v.Body)
		tailOut.waitFor(t, `"notificationId":"`+s.NotificationID+`"`)
	}
	if code := stopTail(); code != 0 {
		t.Fatalf("feed tail --relay exited %d: %s", code, tailErr.String())
	}
	checkTail(t, tailOut.String(), vs, "relay tail")

	if code := stop(); code != 0 {
		t.Fatalf("relay exited %d: %s", code, errOut.String())
	}
	log := errOut.String()
	rejected := fmt.Sprintf(`msg="webhooks rejected" total=%d window=`, len(vs))
	for _, want := range []string{"outcome=accepted", "outcome=duplicate", rejected, fmt.Sprintf("bad_signature=%d", len(vs)), "seq=1", "seq=5"} { // the second vector follows the first and its three repeat markers
		if !strings.Contains(log, want) {
			t.Errorf("relay log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, key) || strings.Contains(log, relayToken) || strings.Contains(log, vs[0].Signature) {
		t.Errorf("the relay log reveals a secret or signature:\n%s", log)
	}
	// One line per accepted delivery; the rejected ones summed up in one.
	if n := strings.Count(log, "msg=webhook "); n != 4*len(vs) {
		t.Errorf("%d delivery lines for %d accepted requests", n, 4*len(vs))
	}
	if n := strings.Count(log, "webhooks rejected"); n != 1 {
		t.Errorf("%d summary lines for %d rejected requests in one window", n, len(vs))
	}

	// The relay released the store: read it directly.
	r := cli{}.run(t, "feed", "tail", "--journal", journal).mustSucceed(t)
	checkTail(t, r.stdout, vs, "store tail")
	r = cli{}.run(t, "feed", "tail", "--journal", journal, "--from", "1").mustSucceed(t)
	if lines := parseTail(t, r.stdout); len(lines) != len(vs)-1 || lines[0].Seq != 5 {
		t.Errorf("--from 1 printed %d lines from seq %d", len(lines), lines[0].Seq)
	}
}

// checkTail: one verified line per vector, in order, with the exact body
// and the signature header as sent.
func checkTail(t *testing.T, out string, vs []webhookvectors.Vector, what string) {
	t.Helper()
	lines := parseTail(t, out)
	if len(lines) != len(vs) {
		t.Fatalf("%s: %d lines for %d vectors (each sent 4 times, plus a tampered copy):\n%s", what, len(lines), len(vs), out)
	}
	for i, v := range vs {
		l := lines[i]
		if (i > 0 && l.Seq <= lines[i-1].Seq) || !l.Verified || l.Signature != v.Signature || l.Body == nil || *l.Body != string(v.Body) {
			t.Errorf("%s line %d: seq %d verified %v signature ok %v exact body %v", what, i, l.Seq, l.Verified, l.Signature == v.Signature, l.Body != nil && *l.Body == string(v.Body))
		}
		if l.Summary.Kind != livefeed.KindVendor {
			t.Errorf("%s line %d: kind %q", what, i, l.Summary.Kind)
		}
	}
}

func TestRelayAndTailNeedTheirSettings(t *testing.T) {
	journal := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"relay without secret", []string{"relay", "--relay-token", relayToken, "--journal", journal}, "the relay needs a webhook secret"},
		{"relay without token", []string{"relay", "--webhook-secret", "s3cret-value", "--journal", journal}, "no relay token"},
		{"tail -f of a missing store", []string{"feed", "tail", "-f", "--journal", journal}, "no feed store at"},
		{"tail of a missing store", []string{"feed", "tail", "--journal", filepath.Join(journal, "none")}, "no feed store at"},
		{"tail of a bad relay URL", []string{"feed", "tail", "--relay", "ftp://x/feed", "--relay-token", relayToken}, "invalid relay URL"},
		{"dashboard receiver without secret", []string{"--base-url", "http://127.0.0.1:1", "--token", "tok-123456", "--listen", "127.0.0.1:0", "--journal", journal}, "needs the secret its webhooks are signed with"},
		{"dashboard relay without token", []string{"--base-url", "http://127.0.0.1:1", "--token", "tok-123456", "--feed", "ws://127.0.0.1:1/feed"}, "no relay token"},
		{"bad public URL", []string{"--base-url", "http://127.0.0.1:1", "--token", "tok-123456", "--public-url", "tunnel.example.com"}, "invalid public URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cli{}.run(t, tt.args...).mustFail(t, []string{tt.want}, "s3cret-value", "tok-123456")
		})
	}
}

// TestRelayBusyJournal: a second relay on the store a relay holds is
// refused with a clear error, and so is a direct tail, which is told how to
// read it.
func TestRelayBusyJournal(t *testing.T) {
	journal := t.TempDir()
	out, _, stop := startInBackground(t, "relay", "--listen", "127.0.0.1:0", "--webhook-secret", "s3cret-value", "--relay-token", relayToken, "--journal", journal)
	out.waitFor(t, "Press Ctrl-C")
	// A second writer on the same profile is refused: the journal is locked.
	cli{}.run(t, "relay", "--listen", "127.0.0.1:0", "--webhook-secret", "s3cret-value", "--relay-token", relayToken, "--journal", journal).
		mustFail(t, []string{"in use by another ecdash process"}, "s3cret-value", relayToken)
	cli{}.run(t, "feed", "tail", "--journal", journal).mustFail(t, []string{"in use by another ecdash process", "--relay URL", "--nats-listen"})
	stop()
}
