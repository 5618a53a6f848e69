package subscriptions

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/keys"
	"github.com/ecdash/ecdash/views/list"
)

// EditSpec is the Subscriptions tab with editing: n, e and d through POST
// /subscriptions, PUT and DELETE /subscriptions/{id}. The secret is
// generated for a new subscription, masked on screen, never written to a
// draft, and sent on an update only when the operator changed it (the API
// keeps the stored one otherwise). clipboard receives copied secrets (nil:
// the terminal).
func EditSpec(clipboard io.Writer) list.EditSpec[client.Subscription] {
	return list.EditSpec[client.Subscription]{
		List:      Spec(),
		Noun:      "subscription",
		Op:        "Subscription",
		DraftKind: "subscription",
		Fields:    fields,
		Values:    values,
		Describe:  describe,
		Create: func(ctx context.Context, api client.API, v form.Values) (client.Subscription, error) {
			return api.CreateSubscription(ctx, client.SubscriptionRequest{
				WebhookURL: v[fURL], WebhookSecret: v[fSecret],
				EventPayloadTypes: payloadTypes(v[fPayloads]), OperationTypes: operationTypes(v[fOps]),
			})
		},
		Update: func(ctx context.Context, api client.API, id string, v, base form.Values) (client.Subscription, error) {
			sub := client.Subscription{
				ID: id, WebhookURL: v[fURL],
				EventPayloadTypes: payloadTypes(v[fPayloads]), OperationTypes: operationTypes(v[fOps]),
			}
			if v[fSecret] != base[fSecret] {
				sub.WebhookSecret = v[fSecret]
			}
			return api.UpdateSubscription(ctx, id, sub)
		},
		Delete: func(ctx context.Context, api client.API, id string) error {
			return api.DeleteSubscription(ctx, id)
		},
		Preview:   preview,
		Clipboard: clipboard,
		Extra: []list.Action{{
			Binding: keys.NewDangerous("Edit", "D", "subscribe this dashboard (as the palette's command)", "D"),
			Run:     func() tea.Cmd { return views.Command(subscribeDashboard) },
		}},
	}
}

// subscribeDashboard is the shell's palette command that subscribes this
// dashboard's own webhook receiver (it explains itself when the dashboard
// has no public URL).
const subscribeDashboard = "subscribe this dashboard"
