package ui

import (
	"bytes"
	"context"
	"sync"

	"github.com/ecdash/ecdash/livefeed"
)

// LocalFeed is a receiver and journal running in this process: the Feed tab
// reads the journal's history, then follows its hub.
type LocalFeed struct {
	journal  *livefeed.Journal
	receiver *livefeed.Receiver
	addr     string

	mu      sync.Mutex
	secrets [][]byte
}

// NewLocalFeed follows j, which r writes to; addr is where r listens (for
// the status bar) and secrets are the ones r was built with, so AddSecret
// can extend them.
func NewLocalFeed(j *livefeed.Journal, r *livefeed.Receiver, addr string, secrets [][]byte) *LocalFeed {
	return &LocalFeed{journal: j, receiver: r, addr: addr, secrets: append([][]byte(nil), secrets...)}
}

// Start subscribes to the journal from history records before its end.
func (f *LocalFeed) Start(ctx context.Context, history int) (<-chan livefeed.Update, func(livefeed.Record) bool, error) {
	last := f.journal.LastSeq()
	after := uint64(0)
	if history >= 0 && last > uint64(history) {
		after = last - uint64(history)
	}
	// LagCatchUp: a dashboard that falls behind reads back from the journal
	// instead of blocking the receiver or losing records.
	sub := f.journal.Hub().Subscribe(after, livefeed.SubscribeOptions{OnLag: livefeed.LagCatchUp})
	context.AfterFunc(ctx, sub.Close)
	return sub.Updates(), func(r livefeed.Record) bool { return r.Seq > last }, nil
}

// Status names the receiver's address and its last verified delivery.
func (f *LocalFeed) Status() FeedStatus {
	return FeedStatus{
		Source:       "webhook " + f.addr,
		LastDelivery: f.receiver.Stats().LastDelivery,
	}
}

// AddSecret makes the receiver accept signatures made with secret as well,
// at once (the dashboard just subscribed itself with it).
func (f *LocalFeed) AddSecret(secret []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.secrets {
		if bytes.Equal(s, secret) {
			return nil
		}
	}
	next := append(append([][]byte(nil), f.secrets...), append([]byte(nil), secret...))
	if err := f.receiver.SetSecrets(next); err != nil {
		return err
	}
	f.secrets = next
	return nil
}
