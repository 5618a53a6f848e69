package subscriptions

import (
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/detail"
	"github.com/ecdash/ecdash/views/format"
)

// layout is a subscription's detail, its secret masked; the raw JSON shown
// for it has the secret masked too.
func layout(s client.Subscription, _ *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := maskProblems(s.Problems)
	d.Checked(0, "id", format.Or(s.ID), pr, "id")
	d.Checked(0, "webhook URL", format.Or(s.WebhookURL), pr, "webhookUrl")
	d.Checked(0, "payload types", joinTypes(s.EventPayloadTypes), pr, "eventPayloadTypes")
	d.Checked(0, "operations", joinTypes(s.OperationTypes), pr, "operationTypes")
	secret := format.Or(client.MaskSecret(s.WebhookSecret))
	if s.WebhookSecret != "" {
		secret += "  (masked)"
	}
	d.Checked(0, "secret", secret, pr, secretField)
	d.Problems(pr)
	var raw []byte
	if len(s.Raw) > 0 {
		raw = format.RedactJSON(s.Raw, secretField)
	}
	return "Subscription " + format.Or(s.ID), d, raw
}

// maskProblems hides the raw value of a problem on the secret field: an
// undecodable secret is still a secret.
func maskProblems(in []client.FieldProblem) []client.FieldProblem {
	out := make([]client.FieldProblem, len(in))
	for i, p := range in {
		if strings.EqualFold(p.Field, secretField) {
			p.Raw = []byte(`"` + client.MaskSecret("hidden-value") + `"`)
		}
		out[i] = p
	}
	return out
}
