package livefeed

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/atomicfile"
)

// SelfSubscription configures "subscribe this dashboard": a subscription whose
// webhooks reach this dashboard's receiver.
type SelfSubscription struct {
	// PublicURL is the receiver's webhook URL as the API can reach it (a
	// tunnel, or the relay's /webhook): the subscription's webhookUrl.
	PublicURL string
	// StateFile keeps the webhook secret and the subscription id, mode 0600.
	// The secret is made once and re-used.
	StateFile string
	// AddSecret makes the receiver accept the secret at once
	// (LocalSource.AddSecret). Nil when the receiver is elsewhere (a relay),
	// which must then be started with the secret.
	AddSecret func(secret []byte) error
}

// selfState is the StateFile's content.
type selfState struct {
	// Secret is base64 of 32 random bytes; the API signs with its UTF-8 bytes.
	Secret         string `json:"webhookSecret"`
	SubscriptionID string `json:"subscriptionId,omitempty"`
	WebhookURL     string `json:"webhookUrl,omitempty"`
}

func readSelfState(path string) (selfState, error) {
	var st selfState
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading %s: %w", path, err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("%s is not a dashboard subscription file: %v (delete it to start over)", path, err)
	}
	return st, nil
}

// writeSelfState replaces the file atomically, readable by its owner only.
func writeSelfState(path string, st selfState) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the state directory: %w", err)
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, 0o600, append(b, '\n'))
}

// LoadSelfSecret returns the dashboard's stored webhook secret, "" when
// none was made yet.
func LoadSelfSecret(path string) (string, error) {
	st, err := readSelfState(path)
	return st.Secret, err
}

// LoadOrCreateSelfSecret returns the dashboard's webhook secret from path,
// making (and storing, mode 0600) a new random one the first time.
func LoadOrCreateSelfSecret(path string) (string, error) {
	st, err := readSelfState(path)
	if err != nil || st.Secret != "" {
		return st.Secret, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	st.Secret = base64.StdEncoding.EncodeToString(raw)
	return st.Secret, writeSelfState(path, st)
}

// SubscribeSelf subscribes cfg.PublicURL to every event payload type and
// operation, signed with the stored secret, and records the subscription.
// When the recorded subscription still exists with the same URL it is
// returned as is (existing=true).
func SubscribeSelf(ctx context.Context, api client.API, cfg SelfSubscription) (sub client.Subscription, existing bool, err error) {
	if cfg.PublicURL == "" {
		return sub, false, errors.New("no public URL: start the dashboard with --public-url (where the API reaches this receiver)")
	}
	secret, err := LoadOrCreateSelfSecret(cfg.StateFile)
	if err != nil {
		return sub, false, err
	}
	if cfg.AddSecret != nil {
		if err := cfg.AddSecret([]byte(secret)); err != nil {
			return sub, false, err
		}
	}
	st, err := readSelfState(cfg.StateFile)
	if err != nil {
		return sub, false, err
	}
	if st.SubscriptionID != "" && st.WebhookURL == cfg.PublicURL {
		got, err := api.GetSubscription(ctx, st.SubscriptionID)
		switch {
		case err == nil && got.WebhookURL == cfg.PublicURL:
			return got, true, nil
		case err != nil && !client.IsNotFound(err):
			return sub, false, err
		}
	}
	if st.SubscriptionID != "" && st.WebhookURL != cfg.PublicURL {
		// The public URL moved (a new tunnel): the old subscription would go
		// on POSTing, signed with our secret, to an address we left.
		if err := api.DeleteSubscription(ctx, st.SubscriptionID); err != nil && !client.IsNotFound(err) {
			return sub, false, fmt.Errorf("removing this dashboard's subscription to %s first: %w", st.WebhookURL, err)
		}
	}
	sub, err = api.CreateSubscription(ctx, client.SubscriptionRequest{
		WebhookURL:        cfg.PublicURL,
		WebhookSecret:     secret,
		EventPayloadTypes: append([]client.PayloadType(nil), client.PayloadTypes...),
		OperationTypes:    append([]client.OperationType(nil), client.OperationTypes...),
	})
	if err != nil {
		return sub, false, err
	}
	st.Secret, st.SubscriptionID, st.WebhookURL = secret, sub.ID, cfg.PublicURL
	return sub, false, writeSelfState(cfg.StateFile, st)
}

// ErrNotSubscribed: there is no subscription of this dashboard on record.
var ErrNotSubscribed = errors.New("this dashboard has no subscription on record")

// UnsubscribeSelf deletes the recorded subscription (one already gone counts
// as deleted) and forgets it; the secret is kept for the next subscribe.
func UnsubscribeSelf(ctx context.Context, api client.API, cfg SelfSubscription) (id string, err error) {
	st, err := readSelfState(cfg.StateFile)
	if err != nil {
		return "", err
	}
	if st.SubscriptionID == "" {
		return "", ErrNotSubscribed
	}
	if err := api.DeleteSubscription(ctx, st.SubscriptionID); err != nil && !client.IsNotFound(err) {
		return "", err
	}
	id = st.SubscriptionID
	st.SubscriptionID, st.WebhookURL = "", ""
	return id, writeSelfState(cfg.StateFile, st)
}
