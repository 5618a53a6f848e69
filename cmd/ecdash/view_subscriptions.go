package main

import "github.com/ecdash/ecdash/client"

var subscriptionHeader = []string{"ID", "WEBHOOK URL", "PAYLOAD TYPES", "OPERATIONS", "SECRET"}

// secretCell masks the webhook secret, including one the client could not
// decode (whose raw form is the secret too).
func secretCell(s client.Subscription) string {
	if _, bad := problemFor(s.Problems, "webhookSecret"); bad {
		return "!invalid"
	}
	return orDash(client.MaskSecret(s.WebhookSecret))
}

func subscriptionRow(s client.Subscription) []string {
	pr := s.Problems
	return []string{
		cell(pr, "id", s.ID),
		cell(pr, "webhookUrl", s.WebhookURL),
		cell(pr, "eventPayloadTypes", joinStrings(s.EventPayloadTypes)),
		cell(pr, "operationTypes", joinStrings(s.OperationTypes)),
		secretCell(s),
	}
}

func subscriptionFields(s client.Subscription) []field {
	pr := s.Problems
	fs := []field{
		{"id", cell(pr, "id", s.ID)},
		{"webhook url", cell(pr, "webhookUrl", s.WebhookURL)},
		{"payload types", cell(pr, "eventPayloadTypes", joinStrings(s.EventPayloadTypes))},
		{"operations", cell(pr, "operationTypes", joinStrings(s.OperationTypes))},
		{"secret", secretCell(s)},
	}
	return append(fs, problemFields(pr, "webhookSecret")...)
}
