// Package subscriptions is the Subscriptions tab: where the server POSTs
// webhooks, listed, and created, edited and deleted in a form. Secrets are
// masked everywhere, raw JSON included, unless the operator reveals one in
// the form.
package subscriptions

import (
	"context"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
)

// Column indices.
const (
	ColID = iota
	ColURL
	ColPayloads
	ColOperations
	ColSecret
)

var columns = []table.Column{
	ColID:         {Title: "ID", Width: 14, MinWidth: 8, Grow: 1},
	ColURL:        {Title: "Webhook URL", Width: 30, MinWidth: 16, Grow: 4},
	ColPayloads:   {Title: "Payload types", Width: 26, MinWidth: 12, Grow: 1},
	ColOperations: {Title: "Operations", Width: 20, MinWidth: 10, Grow: 1},
	ColSecret:     {Title: "Secret", Width: 8},
}

// secretField is the JSON member that holds the webhook secret.
const secretField = "webhookSecret"

// New builds the Subscriptions tab, with editing (see EditSpec).
func New(ctx *views.Context) views.Tab { return list.NewEditable(EditSpec(nil), ctx) }

// Spec describes the Subscriptions list.
func Spec() list.Spec[client.Subscription] {
	return list.Spec[client.Subscription]{
		Kind:    state.Subscriptions,
		Noun:    "subscriptions",
		Columns: columns,
		SortCol: ColURL,
		Items:   func(s state.Store) []client.Subscription { return s.Subscriptions() },
		Key:     func(s client.Subscription) string { return s.ID },
		Row:     row,
		Detail:  layout,
		Get: func(ctx context.Context, api client.API, id string) (client.Subscription, error) {
			return api.GetSubscription(ctx, id)
		},
	}
}

// joinTypes lists payload or operation types as "A, B", or None.
func joinTypes[T ~string](ts []T) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return present.Or(strings.Join(s, ", "))
}

func row(s client.Subscription, _ time.Time, _ *time.Location) table.Row {
	pr := present.HideSecrets(s.Problems, secretField)
	checked := func(field, text string) string {
		return present.Checked(pr, field, text)
	}
	out := table.Row{
		Cells: []string{
			ColID:         checked("id", present.Or(s.ID)),
			ColURL:        checked("webhookUrl", present.Or(s.WebhookURL)),
			ColPayloads:   checked("eventPayloadTypes", joinTypes(s.EventPayloadTypes)),
			ColOperations: checked("operationTypes", joinTypes(s.OperationTypes)),
			ColSecret:     checked(secretField, present.Or(client.MaskSecret(s.WebhookSecret))),
		},
		Sort: []string{
			ColID:         s.ID,
			ColURL:        strings.ToLower(s.WebhookURL),
			ColPayloads:   joinTypes(s.EventPayloadTypes),
			ColOperations: joinTypes(s.OperationTypes),
			ColSecret:     client.MaskSecret(s.WebhookSecret),
		},
	}
	if len(s.Problems) > 0 {
		out.Mark = table.MarkDanger
	}
	return out
}
