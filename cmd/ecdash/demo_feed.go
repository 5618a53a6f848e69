package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
)

// demoStarted, when set (by tests), is told the demo's sandbox and live feed
// once the dashboard's subscription exists.
var demoStarted func(rs *runningSandbox, lf *dashboardFeed)

// startDemoFeed gives the demo dashboard its own receiver on a free loopback
// port, with a generated secret and a journal in a temporary directory, and
// subscribes it with the sandbox so that the sandbox's webhooks reach it.
// stop deletes the subscription, stops the receiver and removes the
// directory: the demo's sandbox is in memory, so its history would refer to
// events that no longer exist.
func (a *app) startDemoFeed(ctx context.Context, rs *runningSandbox) (lf *dashboardFeed, stop func() error, err error) {
	dir, err := os.MkdirTemp("", "ecdash-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	cleanup := []func() error{func() error { return os.RemoveAll(dir) }}
	stop = func() error {
		var errs []error
		for i := len(cleanup) - 1; i >= 0; i-- {
			errs = append(errs, cleanup[i]())
		}
		return errors.Join(errs...)
	}
	defer func() {
		if err != nil {
			stop()
		}
	}()

	stateFile := filepath.Join(dir, "dashboard-subscription.json")
	secret, err := livefeed.LoadOrCreateSelfSecret(stateFile)
	if err != nil {
		return nil, nil, err
	}
	a.addSecrets(secret)
	recv, err := startReceiver(receiverConfig{Listen: "127.0.0.1:0", Store: livefeed.StoreOptions{Dir: dir, Profile: "demo"}, Secrets: [][]byte{[]byte(secret)}})
	if err != nil {
		return nil, nil, err
	}
	cleanup = append(cleanup, recv.Close)
	local := livefeed.NewLocalSource(recv.Store, recv.Receiver, dialAddr(recv.Addr), [][]byte{[]byte(secret)})
	self := &livefeed.SelfSubscription{PublicURL: recv.WebhookURL(), StateFile: stateFile, AddSecret: local.AddSecret}

	api, err := a.newAPI(client.Options{BaseURL: rs.BaseURL, Token: rs.Token})
	if err != nil {
		return nil, nil, err
	}
	if _, _, err := livefeed.SubscribeSelf(ctx, api, *self); err != nil {
		return nil, nil, fmt.Errorf("demo: subscribing the dashboard with the sandbox: %w", err)
	}
	cleanup = append(cleanup, func() error {
		// The operator may have unsubscribed from the palette already.
		if _, err := livefeed.UnsubscribeSelf(context.Background(), api, *self); err != nil && !errors.Is(err, livefeed.ErrNotSubscribed) {
			return fmt.Errorf("demo: removing the dashboard's subscription: %w", err)
		}
		return nil
	})
	// Receiver is left nil: stop closes it, after unsubscribing.
	lf = &dashboardFeed{Source: local, Self: self}
	if demoStarted != nil {
		demoStarted(rs, lf)
	}
	return lf, stop, nil
}

// closeIdleConnections closes the pooled connections of the clients that
// talked to the demo's sandbox. A request cancelled while its connection was
// being dialled leaves that connection pooled but never used, and the
// sandbox's graceful stop would wait for it until its deadline.
func (a *app) closeIdleConnections() {
	if a.httpClient != nil {
		a.httpClient.CloseIdleConnections()
	}
	http.DefaultClient.CloseIdleConnections() // clients built without one use http.DefaultTransport
}
