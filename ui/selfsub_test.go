package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
)

// selfSubModel is a dashboard on the seeded sandbox that may subscribe
// itself; added collects the secrets handed to the receiver.
func selfSubModel(t *testing.T, readOnly bool) (m *Model, api client.API, stateFile string, added *[][]byte) {
	t.Helper()
	srv := newSandbox(t)
	api = newClient(t, srv.URL, testToken, nil)
	stateFile = filepath.Join(t.TempDir(), "state", "dashboard-subscription.json")
	added = &[][]byte{}
	opts := testOptions(api)
	opts.ReadOnly = readOnly
	opts.SelfSubscribe = &livefeed.SelfSubscription{
		PublicURL: "https://tunnel.example.com/webhook",
		StateFile: stateFile,
		AddSecret: func(s []byte) error { *added = append(*added, s); return nil },
	}
	m = newLoaded(t, opts)
	return m, api, stateFile, added
}

// runPalette runs a command line through the palette and, like the program,
// runs the command it starts and feeds its answer back.
func runPalette(m *Model, line string) {
	press(m, ":")
	typeText(m, line)
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		return
	}
	msg := cmd()
	if _, ok := msg.(selfSubMsg); !ok {
		return
	}
	if _, cmd = m.Update(msg); cmd != nil {
		m.Update(cmd()) // the Subscriptions tab's refresh (its answer re-arms a timer, not run)
	}
}

func TestSubscribeThisDashboard(t *testing.T) {
	m, api, stateFile, added := selfSubModel(t, false)
	if !slices.Contains(m.commands(), cmdSubscribe) || !slices.Contains(m.commands(), cmdUnsubscribe) {
		t.Fatalf("palette lacks the subscribe commands: %v", m.commands())
	}
	runPalette(m, cmdSubscribe)
	if !strings.HasPrefix(m.flash, "subscribed this dashboard: ") {
		t.Fatalf("flash %q, error %q", m.flash, m.lastErr)
	}
	subs, err := api.ListSubscriptions(t.Context())
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions %v, %v", subs, err)
	}
	sub := subs[0]
	if sub.WebhookURL != "https://tunnel.example.com/webhook" || len(sub.OperationTypes) != 3 || len(sub.EventPayloadTypes) != len(client.PayloadTypes) {
		t.Errorf("subscription %+v", sub)
	}
	info, err := os.Stat(stateFile)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
	secret, _ := livefeed.LoadSelfSecret(stateFile)
	if len(*added) != 1 || !bytes.Equal((*added)[0], []byte(secret)) || sub.WebhookSecret != secret {
		t.Errorf("the receiver was not given the subscription's secret")
	}
	if strings.Contains(m.flash+m.lastErr+m.View(), secret) {
		t.Error("the secret is on screen")
	}

	runPalette(m, cmdSubscribe) // again: re-used, not duplicated
	if subs, _ := api.ListSubscriptions(t.Context()); len(subs) != 1 || !strings.HasPrefix(m.flash, "already subscribed") {
		t.Errorf("subscribing twice: %d subscriptions, flash %q", len(subs), m.flash)
	}
	if again, _ := livefeed.LoadSelfSecret(stateFile); again != secret {
		t.Error("the stored secret was not re-used")
	}

	runPalette(m, cmdUnsubscribe)
	if subs, _ := api.ListSubscriptions(t.Context()); len(subs) != 0 || !strings.HasPrefix(m.flash, "deleted this dashboard's subscription") {
		t.Errorf("after unsubscribe: %d subscriptions, flash %q, err %q", len(subs), m.flash, m.lastErr)
	}
	runPalette(m, cmdUnsubscribe)
	if !strings.Contains(m.lastErr, livefeed.ErrNotSubscribed.Error()) {
		t.Errorf("unsubscribing twice: %q", m.lastErr)
	}
}

func TestSubscribeUnreachableInReadOnly(t *testing.T) {
	m, api, stateFile, added := selfSubModel(t, true)
	for _, c := range m.commands() {
		if strings.Contains(c, "subscribe") {
			t.Errorf("read-only palette offers %q", c)
		}
	}
	runPalette(m, cmdSubscribe) // typed out in full anyway
	runPalette(m, cmdUnsubscribe)
	if subs, _ := api.ListSubscriptions(t.Context()); len(subs) != 0 {
		t.Errorf("read-only dashboard created %d subscriptions", len(subs))
	}
	if len(*added) != 0 {
		t.Error("read-only dashboard changed the receiver's secrets")
	}
	if _, err := os.Stat(stateFile); !os.IsNotExist(err) {
		t.Errorf("read-only dashboard wrote %s", stateFile)
	}
	if !strings.HasPrefix(m.flash, "read-only") {
		t.Errorf("flash %q", m.flash)
	}
	if m.active != state.Events {
		t.Error("the refused command switched tabs")
	}
}

// TestSubscribeAfterThePublicURLMoved: subscribing from a new public URL
// removes the subscription to the old one instead of leaving it behind.
func TestSubscribeAfterThePublicURLMoved(t *testing.T) {
	m, api, stateFile, _ := selfSubModel(t, false)
	runPalette(m, cmdSubscribe)
	subs, err := api.ListSubscriptions(t.Context())
	if err != nil || len(subs) != 1 {
		t.Fatalf("after the first subscribe: %d subscriptions, %v", len(subs), err)
	}
	old := subs[0].ID

	cfg := *m.opts.SelfSubscribe
	cfg.PublicURL = "https://new-tunnel.example.com/webhook"
	sub, existing, err := livefeed.SubscribeSelf(t.Context(), api, cfg)
	if err != nil || existing {
		t.Fatalf("livefeed.SubscribeSelf: %v (existing %v)", err, existing)
	}
	subs, err = api.ListSubscriptions(t.Context())
	if err != nil || len(subs) != 1 || subs[0].ID != sub.ID || subs[0].ID == old || subs[0].WebhookURL != cfg.PublicURL {
		t.Errorf("subscriptions after the move: %+v (%v), want only the new one", subs, err)
	}
	if _, err := os.Stat(stateFile); err != nil {
		t.Fatal(err)
	}
}
