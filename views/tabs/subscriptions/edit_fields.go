package subscriptions

import (
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
)

// Form field names: the JSON members the API names them by in its errors.
const (
	fID       = "id"
	fURL      = "webhookUrl"
	fPayloads = "eventPayloadTypes"
	fOps      = "operationTypes"
	fSecret   = secretField
)

func payloadOptions() []string { return names(client.PayloadTypes) }
func opOptions() []string      { return names(client.OperationTypes) }

func names[S ~string](xs []S) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// fields lays out the subscription form; item is nil for a new one.
func fields(_ *views.Context, item *client.Subscription) []form.Field {
	var out []form.Field
	secretNote := "new: 32 random bytes, base64; masked until revealed"
	if item != nil {
		out = append(out, form.Field{Name: fID, Label: "id", Kind: form.Display})
		secretNote = "the stored secret, kept unless you change it"
	}
	return append(out,
		form.Field{Name: fURL, Label: "webhook URL", Placeholder: "https://partner.example/webhooks", Limit: 2048,
			Check: checkURL},
		form.Field{Name: fPayloads, Label: "payload types", Kind: form.Multi, Options: payloadOptions(),
			Note: "none selected: every type"},
		form.Field{Name: fOps, Label: "operations", Kind: form.Multi, Options: opOptions(),
			Note: "none selected: every operation"},
		form.Field{Name: fSecret, Label: "secret", Kind: form.Secret, Limit: 512, Note: secretNote,
			Check: checkSecret, Generate: newSecret},
	)
}

// values is what the form shows for s; a new subscription gets every
// type and operation and a fresh secret.
func values(_ *views.Context, s *client.Subscription) form.Values {
	if s == nil {
		return form.Values{
			fURL:      "",
			fPayloads: strings.Join(payloadOptions(), ","),
			fOps:      strings.Join(opOptions(), ","),
			fSecret:   newSecret(),
		}
	}
	return form.Values{
		fID:       s.ID,
		fURL:      s.WebhookURL,
		fPayloads: form.JoinList(payloadOptions(), names(s.EventPayloadTypes)),
		fOps:      form.JoinList(opOptions(), names(s.OperationTypes)),
		fSecret:   s.WebhookSecret,
	}
}

// checkURL is the API's rule: an absolute http or https URL with a host
// and no credentials. Messages never echo the URL (it may carry a token).
func checkURL(v string) string {
	if v == "" {
		return "required: where the API sends webhooks"
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return "not a URL the API can call"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must start with https:// or http://"
	case u.Host == "":
		return "must name a host, e.g. https://partner.example/webhooks"
	case u.User != nil:
		return "must not carry a user name or password"
	}
	return ""
}

func checkSecret(v string) string {
	if v == "" {
		return "required to verify webhooks: ctrl+g generates one"
	}
	return ""
}

// newSecret is 32 random bytes, base64: the API signs with its UTF-8 bytes.
func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics on a broken system source)
	return base64.StdEncoding.EncodeToString(b)
}

func payloadTypes(v string) []client.PayloadType {
	out := []client.PayloadType{}
	for _, s := range form.SplitList(v) {
		out = append(out, client.PayloadType(s))
	}
	return out
}

func operationTypes(v string) []client.OperationType {
	out := []client.OperationType{}
	for _, s := range form.SplitList(v) {
		out = append(out, client.OperationType(s))
	}
	return out
}

// preview is the row shown while a save is in flight.
func preview(v form.Values, prev *client.Subscription) client.Subscription {
	s := client.Subscription{
		WebhookURL: v[fURL], WebhookSecret: v[fSecret],
		EventPayloadTypes: payloadTypes(v[fPayloads]), OperationTypes: operationTypes(v[fOps]),
	}
	if prev != nil {
		s.ID = prev.ID
	}
	return s
}

// describe names a subscription in the delete confirmation (never its secret).
func describe(s client.Subscription) []string {
	return []string{
		"id           " + s.ID,
		"webhook URL  " + s.WebhookURL,
		"payloads     " + joinTypes(s.EventPayloadTypes),
		"operations   " + joinTypes(s.OperationTypes),
		"",
		"The API stops sending webhooks to this URL.",
	}
}
