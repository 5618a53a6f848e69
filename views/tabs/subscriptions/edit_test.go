package subscriptions

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/sandbox"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/list"
	"github.com/ecdash/ecdash/views/list/listtest"
)

var testNow = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

const testToken = "test-token-0123456789"

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func newAPI(t *testing.T) *client.Client {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: 7, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(func() { srv.Close(); sb.Close() })
	c, err := client.New(client.Options{BaseURL: srv.URL, Token: testToken, RequestTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// harness is the tab against a fresh sandbox; copied secrets go to clip.
func harness(t *testing.T, api client.API, dir string, clip *bytes.Buffer) *listtest.Harness {
	t.Helper()
	return listtest.New(t, api, testNow, dir, false, func(ctx *views.Context) views.Tab {
		return list.NewEditable(EditSpec(clip), ctx)
	})
}

func mustContain(t *testing.T, screen string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			t.Fatalf("screen lacks %q:\n%s", w, screen)
		}
	}
}

func lineWith(t *testing.T, screen, s string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, screen)
	return ""
}

func listSubs(t *testing.T, api client.API) []client.Subscription {
	t.Helper()
	subs, err := api.ListSubscriptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return subs
}

func TestCreateWithGeneratedSecret(t *testing.T) {
	api := newAPI(t)
	var clip bytes.Buffer
	h := harness(t, api, t.TempDir(), &clip)
	h.Press("n")
	mustContain(t, h.Tab.View(), "New subscription", "[x] Unknown", "[x] CurrentLevel", "[x] PowerLevel",
		"[x] Create", "[x] Update", "[x] Delete", "••••••••")
	h.Type("https://partner.example/hooks").Press("tab")
	h.Press("right", "space", "tab")   // unselect CurrentLevel
	h.Press("right", "right", "space") // unselect Delete
	h.Press("ctrl+s").Settle()
	subs := listSubs(t, api)
	if len(subs) != 1 {
		t.Fatalf("server has %v", subs)
	}
	s := subs[0]
	if s.WebhookURL != "https://partner.example/hooks" ||
		!slices.Equal(s.EventPayloadTypes, []client.PayloadType{client.PayloadUnknown, client.PayloadPowerLevel}) ||
		!slices.Equal(s.OperationTypes, []client.OperationType{client.OperationCreate, client.OperationUpdate}) {
		t.Errorf("stored %v %v %v", s.WebhookURL, s.EventPayloadTypes, s.OperationTypes)
	}
	raw, err := base64.StdEncoding.DecodeString(s.WebhookSecret)
	if err != nil || len(raw) != 32 {
		t.Errorf("the secret is not 32 random bytes in base64 (%d bytes, %v)", len(raw), err)
	}
	if strings.Contains(h.Tab.View(), s.WebhookSecret) {
		t.Error("the list shows the secret")
	}
	if clip.Len() != 0 {
		t.Error("something was copied without asking")
	}
}

func TestBadURLIsRefusedBesideItsField(t *testing.T) {
	api := newAPI(t)
	h := harness(t, api, t.TempDir(), nil)
	h.Press("n")
	for _, c := range []struct{ url, want string }{
		{"ftp://partner.example/hooks", "must start with https:// or http://"},
		{"partner.example/hooks", "must start with https:// or http://"},
		{"https://", "must name a host"},
		{"https://user:pw@partner.example/", "must not carry a user name or password"},
	} {
		h.Press("ctrl+u").Type(c.url)
		if l := lineWith(t, h.Tab.View(), "webhook URL"); !strings.Contains(l, "! "+c.want) {
			t.Errorf("%s: line %q", c.url, l)
		}
	}
	h.Press("ctrl+s").Settle()
	if len(h.Requests) != 0 || len(listSubs(t, api)) != 0 {
		t.Fatalf("an invalid form was sent: %v", h.Ops())
	}
	mustContain(t, h.Tab.View(), "not saved: fix the 1 field error first")
}

func TestSecretIsMaskedUnlessRevealedAndCopies(t *testing.T) {
	var clip bytes.Buffer
	h := harness(t, newAPI(t), t.TempDir(), &clip)
	h.Press("n")
	screen := h.Tab.View()
	secret := secretOf(t, h)
	if strings.Contains(screen, secret) {
		t.Fatal("the secret is on screen before it was revealed")
	}
	h.Press("ctrl+r")
	mustContain(t, h.Tab.View(), secret, "secret revealed")
	h.Press("ctrl+r")
	if strings.Contains(h.Tab.View(), secret) {
		t.Fatal("masking again did not hide it")
	}
	h.Press("ctrl+y")
	mustContain(t, h.Tab.View(), "secret copied to the clipboard")
	want := base64.StdEncoding.EncodeToString([]byte(secret))
	if !strings.Contains(clip.String(), "\x1b]52;c;"+want) {
		t.Errorf("clipboard got %q", clip.String())
	}
	h.Press("ctrl+g")
	if s := secretOf(t, h); s == secret || len(s) != 44 {
		t.Errorf("ctrl+g did not make a new secret")
	}
}

// secretOf reveals the form's secret to read it, and masks it again.
func secretOf(t *testing.T, h *listtest.Harness) string {
	t.Helper()
	h.Press("ctrl+r")
	l := lineWith(t, h.Tab.View(), "secret")
	h.Press("ctrl+r")
	i, j := strings.Index(l, "["), strings.Index(l, "]")
	return strings.TrimSpace(l[i+1 : j])
}

func TestEditKeepsTheStoredSecretAndDraftsLeaveItOut(t *testing.T) {
	api := newAPI(t)
	created, err := api.CreateSubscription(context.Background(), client.SubscriptionRequest{
		WebhookURL: "https://a.example/h", WebhookSecret: "the-stored-secret-0123456789",
		EventPayloadTypes: []client.PayloadType{}, OperationTypes: []client.OperationType{},
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	h := harness(t, api, dir, nil)
	h.Press("e").Settle()
	mustContain(t, h.Tab.View(), "Edit subscription "+created.ID, "the stored secret, kept unless you change it")
	if strings.Contains(h.Tab.View(), "the-stored-secret") {
		t.Fatal("stored secret on screen")
	}
	h.Press("ctrl+u").Type("https://b.example/h").Press("esc")
	b, err := os.ReadFile(filepath.Join(dir, "drafts", "subscription-"+created.ID+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "the-stored-secret") || !strings.Contains(string(b), "b.example") ||
		!strings.Contains(string(b), `"dropped"`) {
		t.Fatalf("draft:\n%s", b)
	}
	h.Press("e").Settle()
	mustContain(t, h.Tab.View(), "the stored secret is kept")
	h.Press("y", "ctrl+s").Settle()
	got, err := api.GetSubscription(context.Background(), created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.WebhookURL != "https://b.example/h" || got.WebhookSecret != "the-stored-secret-0123456789" {
		t.Errorf("stored url %s, secret kept: %v", got.WebhookURL, got.WebhookSecret == "the-stored-secret-0123456789")
	}
	if ops := h.Ops(); !slices.Contains(ops, "!UpdateSubscription") {
		t.Errorf("requests %v", ops)
	}
}

func TestNewDraftRegeneratesTheSecret(t *testing.T) {
	dir := t.TempDir()
	h := harness(t, newAPI(t), dir, nil)
	h.Press("n")
	first := secretOf(t, h)
	h.Type("https://c.example/h").Press("esc")
	b, err := os.ReadFile(filepath.Join(dir, "drafts", "subscription-new.json"))
	if err != nil || strings.Contains(string(b), first) {
		t.Fatalf("draft %s (%v) holds the secret", b, err)
	}
	h.Press("n")
	mustContain(t, h.Tab.View(), "a new one is generated")
	h.Press("y")
	mustContain(t, h.Tab.View(), "https://c.example/h")
	if s := secretOf(t, h); s == first || len(s) != 44 {
		t.Errorf("secret not regenerated")
	}
}

func TestDeleteSubscription(t *testing.T) {
	api := newAPI(t)
	if _, err := api.CreateSubscription(context.Background(), client.SubscriptionRequest{
		WebhookURL: "https://a.example/h", WebhookSecret: "s3cret-s3cret-s3cret",
		EventPayloadTypes: []client.PayloadType{}, OperationTypes: []client.OperationType{},
	}); err != nil {
		t.Fatal(err)
	}
	h := harness(t, api, t.TempDir(), nil)
	h.Press("d")
	mustContain(t, h.Tab.View(), "Delete subscription", "https://a.example/h", "stops sending webhooks")
	if strings.Contains(h.Tab.View(), "s3cret") {
		t.Fatal("the confirmation shows the secret")
	}
	h.Press("n").Settle()
	if len(listSubs(t, api)) != 1 {
		t.Fatal("n deleted")
	}
	h.Press("d", "y").Settle()
	if len(listSubs(t, api)) != 0 {
		t.Fatal("y did not delete")
	}
}

func TestSubscribeThisDashboardKeyAsksTheShell(t *testing.T) {
	h := harness(t, newAPI(t), t.TempDir(), nil)
	h.Press("D")
	var got []tea.Msg
	for _, cmd := range h.Queued() {
		if cmd != nil {
			got = append(got, cmd())
		}
	}
	if len(got) != 1 || got[0] != (views.CommandMsg{Line: "subscribe this dashboard"}) {
		t.Errorf("D produced %v", got)
	}
	ro := listtest.New(t, newAPI(t), testNow, "", true, func(ctx *views.Context) views.Tab {
		return list.NewEditable(EditSpec(nil), ctx)
	})
	ro.Press("D", "n")
	if q := ro.Queued(); len(q) != 2 || q[0] != nil || q[1] != nil || ro.Tab.InScreen() {
		t.Error("read-only: D or n did something")
	}
}
