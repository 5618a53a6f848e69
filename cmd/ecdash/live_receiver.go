package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/ecdash/ecdash/livefeed"
)

// receiverServer is a webhook receiver (and optionally a relay) writing to
// the feed's store, served on one listener.
type receiverServer struct {
	Store    *livefeed.Store
	Receiver *livefeed.Receiver
	Relay    *livefeed.RelayServer // nil for a dashboard's own receiver
	Addr     net.Addr
	http     *livefeed.Server
	served   chan error
}

// receiverConfig is what startReceiver needs.
type receiverConfig struct {
	Listen     string
	Store      livefeed.StoreOptions
	Secrets    [][]byte
	OnDelivery func(livefeed.Delivery)
	// RelayToken, when set, also serves the relay at /feed.
	RelayToken     string
	AllowedOrigins []string
	// Limits bound connections and their deadlines (zero: the defaults).
	Limits livefeed.ServerOptions
}

// startReceiver opens the store, listens and serves /webhook (and /feed).
// Close must be called.
func startReceiver(cfg receiverConfig) (*receiverServer, error) {
	j, err := livefeed.OpenStore(context.Background(), cfg.Store)
	if err != nil {
		return nil, err
	}
	rcv, err := livefeed.NewReceiver(j, livefeed.ReceiverOptions{Secrets: cfg.Secrets, OnDelivery: cfg.OnDelivery})
	if err != nil {
		j.Close()
		return nil, err
	}
	rs := &receiverServer{Store: j, Receiver: rcv, served: make(chan error, 1)}
	mux := http.NewServeMux()
	mux.Handle(livefeed.DefaultWebhookPath, rcv)
	if cfg.RelayToken != "" {
		relay, err := livefeed.NewRelayServer(j, livefeed.RelayOptions{Token: cfg.RelayToken, AllowedOrigins: cfg.AllowedOrigins})
		if err != nil {
			j.Close()
			return nil, err
		}
		rs.Relay = relay
		mux.Handle(livefeed.DefaultFeedPath, relay)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		j.Close()
		return nil, fmt.Errorf("webhook receiver: %w (another ecdash may be listening there: pass --listen)", err)
	}
	rs.Addr = ln.Addr()
	rs.http = livefeed.NewServer(mux, cfg.Limits)
	go func() { rs.served <- rs.http.Serve(ln) }()
	return rs, nil
}

// WebhookURL is the receiver's URL on this machine.
func (rs *receiverServer) WebhookURL() string {
	return "http://" + dialAddr(rs.Addr) + livefeed.DefaultWebhookPath
}

// wait blocks until ctx ends or the server fails.
func (rs *receiverServer) wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-rs.served:
		rs.served <- err
		return fmt.Errorf("webhook receiver: %w", err)
	}
}

// Close lets in-flight deliveries finish (up to 5 s), disconnects relay
// viewers (they resume elsewhere or later) and closes the store.
func (rs *receiverServer) Close() error {
	if rs.Relay != nil {
		rs.Relay.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	errHTTP := rs.http.Shutdown(ctx)
	if errors.Is(errHTTP, context.DeadlineExceeded) {
		rs.http.Close() // websocket viewers are hijacked: Shutdown does not wait for them
		errHTTP = nil
	}
	return errors.Join(errHTTP, rs.Store.Close())
}
