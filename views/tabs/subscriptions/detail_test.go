package subscriptions

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
)

const secret = "whsec-super-secret-value-1234567890"

func TestSecretNeverShown(t *testing.T) {
	s := client.Subscription{
		ID: "sub-1", WebhookURL: "https://example.com/hook", WebhookSecret: secret,
		EventPayloadTypes: []client.PayloadType{client.PayloadPowerLevel},
		OperationTypes:    []client.OperationType{client.OperationCreate},
		Raw:               []byte(`{"id":"sub-1","webhookSecret":"` + secret + `","webhookUrl":"https://example.com/hook"}`),
		Problems:          []client.FieldProblem{{Field: "webhookSecret", Raw: []byte(`"` + secret + `"`), Message: "odd"}},
	}
	r := row(s, time.Now(), time.UTC)
	ctx := &views.Context{Theme: themes.Default(), Now: time.Now, Location: time.UTC}
	title, doc, raw := layout(s, ctx)
	m := detail.New(ctx.Theme, title, doc, raw)
	m.SetSize(120, 30)
	layoutView := m.View()
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("v")})
	rawView := m.View()
	for name, text := range map[string]string{
		"row": strings.Join(r.Cells, " "), "layout": layoutView, "raw": rawView, "raw bytes": string(raw),
	} {
		if strings.Contains(text, secret) || strings.Contains(text, "whsec") {
			t.Errorf("%s shows the secret:\n%s", name, text)
		}
	}
	if !strings.Contains(rawView, `"webhookSecret": "••••••••"`) {
		t.Errorf("raw view does not show the masked member:\n%s", rawView)
	}
	if !strings.Contains(layoutView, "https://example.com/hook") {
		t.Errorf("layout lost the URL:\n%s", layoutView)
	}
}
