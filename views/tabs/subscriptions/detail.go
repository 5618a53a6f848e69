package subscriptions

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
)

// layout is a subscription's detail, its secret masked; the raw JSON shown
// for it has the secret masked too.
func layout(s client.Subscription, _ *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := present.HideSecrets(s.Problems, secretField)
	d.Checked(0, "id", present.Or(s.ID), pr, "id")
	d.Checked(0, "webhook URL", present.Or(s.WebhookURL), pr, "webhookUrl")
	d.Checked(0, "payload types", joinTypes(s.EventPayloadTypes), pr, "eventPayloadTypes")
	d.Checked(0, "operations", joinTypes(s.OperationTypes), pr, "operationTypes")
	secret := present.Or(client.MaskSecret(s.WebhookSecret))
	if s.WebhookSecret != "" {
		secret += "  (masked)"
	}
	d.Checked(0, "secret", secret, pr, secretField)
	d.Problems(pr)
	var raw []byte
	if len(s.Raw) > 0 {
		raw = present.RedactJSON(s.Raw, secretField)
	}
	return "Subscription " + present.Or(s.ID), d, raw
}
