package main

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

var subscriptionHeader = []string{"ID", "WEBHOOK URL", "PAYLOAD TYPES", "OPERATIONS", "SECRET"}

// secretField is the subscription's secret: masked, and so is its raw value
// when the client could not decode it.
const secretField = "webhookSecret"

func subscriptionRow(s client.Subscription) []string {
	pr := present.HideSecrets(s.Problems, secretField)
	return []string{
		cell(pr, "id", s.ID),
		cell(pr, "webhookUrl", s.WebhookURL),
		cell(pr, "eventPayloadTypes", joinStrings(s.EventPayloadTypes)),
		cell(pr, "operationTypes", joinStrings(s.OperationTypes)),
		cell(pr, secretField, client.MaskSecret(s.WebhookSecret)),
	}
}

func subscriptionFields(s client.Subscription) []field {
	pr := present.HideSecrets(s.Problems, secretField)
	fs := []field{
		{"id", cell(pr, "id", s.ID)},
		{"webhook url", cell(pr, "webhookUrl", s.WebhookURL)},
		{"payload types", cell(pr, "eventPayloadTypes", joinStrings(s.EventPayloadTypes))},
		{"operations", cell(pr, "operationTypes", joinStrings(s.OperationTypes))},
		{"secret", cell(pr, secretField, client.MaskSecret(s.WebhookSecret))},
	}
	return append(fs, problemFields(pr)...)
}
