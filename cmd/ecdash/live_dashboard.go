package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/livefeed"
)

// dashboardFeed is the dashboard's live feed as the CLI started it; the zero
// (or nil) value is "no live feed".
type dashboardFeed struct {
	Source livefeed.Source
	Self   *livefeed.SelfSubscription
	// Receiver is this process's receiver, when the feed is local.
	Receiver *receiverServer
}

func (d *dashboardFeed) source() livefeed.Source {
	if d == nil {
		return nil
	}
	return d.Source
}

func (d *dashboardFeed) selfSub() *livefeed.SelfSubscription {
	if d == nil {
		return nil
	}
	return d.Self
}

// Close stops the receiver and closes its journal.
func (d *dashboardFeed) Close() error {
	if d == nil || d.Receiver == nil {
		return nil
	}
	return d.Receiver.Close()
}

// startDashboardFeed picks the dashboard's live feed: a relay (--feed); else
// a receiver here when there is a secret to verify with (--webhook-secret,
// or the one "subscribe this dashboard" stored, made now when --public-url
// asks for it); else none.
func (a *app) startDashboardFeed(cmd *cobra.Command, s *settings) (*dashboardFeed, error) {
	ls, err := a.resolveLive(cmd, s.Profile.Value)
	if err != nil {
		return nil, err
	}
	stored, err := livefeed.LoadSelfSecret(ls.StateFile)
	if err != nil {
		return nil, err
	}
	secrets := ls.Secrets
	if stored != "" {
		secrets = append(secrets, []byte(stored))
		a.addSecrets(stored)
	}
	self := func(add func([]byte) error) *livefeed.SelfSubscription {
		if ls.PublicURL.Value == "" {
			return nil
		}
		return &livefeed.SelfSubscription{PublicURL: ls.PublicURL.Value, StateFile: ls.StateFile, AddSecret: add}
	}

	if ls.Feed.Value != "" {
		if err := ls.needRelayToken(); err != nil {
			return nil, err
		}
		// Without secrets of its own the dashboard shows the relay's verdict.
		return &dashboardFeed{
			Source: livefeed.NewRelaySource(livefeed.FollowOptions{URL: ls.Feed.Value, Token: ls.RelayToken.Value, Secrets: secrets}),
			Self:   self(nil),
		}, nil
	}

	if len(secrets) == 0 && ls.PublicURL.Value != "" {
		secret, err := livefeed.LoadOrCreateSelfSecret(ls.StateFile)
		if err != nil {
			return nil, err
		}
		a.addSecrets(secret)
		secrets = append(secrets, []byte(secret))
	}
	if len(secrets) == 0 {
		if ls.Listen.From != fromDefault {
			return nil, noSecretError(ls.Listen.Value)
		}
		return nil, nil // no live feed: the Feed tab says how to start one
	}
	rs, err := startReceiver(receiverConfig{Listen: ls.Listen.Value, Store: ls.Store, Secrets: secrets, Limits: ls.Limits})
	if err != nil {
		return nil, err
	}
	local := livefeed.NewLocalSource(rs.Store, rs.Receiver, dialAddr(rs.Addr), secrets)
	return &dashboardFeed{Source: local, Self: self(local.AddSecret), Receiver: rs}, nil
}

// noSecretError explains the ways on when --listen has no secret to check
// the webhooks' signatures with (one line, as every error ecdash prints).
func noSecretError(listen string) error {
	return fmt.Errorf("the webhook receiver (--listen %s) needs the secret its webhooks are signed with: "+
		"pass the subscription's secret with --webhook-secret SECRET or ECDASH_WEBHOOK_SECRET (the API shows it once, when the subscription is made); "+
		"or add --public-url URL (where the API reaches this receiver) and run \"subscribe this dashboard\" from the palette (:) to have a subscription and its secret made; "+
		"or leave out --listen to follow the API by polling only", listen)
}
