package livefeed

import (
	"bytes"
	"context"
	"sync"
)

// LocalSource is a receiver and its store running in this process: the
// Feed tab reads the store's history, then follows it.
type LocalSource struct {
	store    *Store
	receiver *Receiver
	addr     string

	mu      sync.Mutex
	secrets [][]byte
}

// NewLocalSource follows store, which r writes to; addr is where r listens (for
// the status bar) and secrets are the ones r was built with, so AddSecret
// can extend them.
func NewLocalSource(store *Store, r *Receiver, addr string, secrets [][]byte) *LocalSource {
	return &LocalSource{store: store, receiver: r, addr: addr, secrets: append([][]byte(nil), secrets...)}
}

// Start subscribes to the store from history records before its end.
func (f *LocalSource) Start(ctx context.Context, history int) (<-chan Update, func(Record) bool, error) {
	_, last, err := f.store.Bounds()
	if err != nil {
		return nil, nil, err // not 0: all history would read as new
	}
	after := uint64(0)
	if history >= 0 && last > uint64(history) {
		after = last - uint64(history)
	}
	// A dashboard that falls behind reads on from the stream at its own
	// pace, never blocking the receiver or losing records.
	sub := f.store.Subscribe(after)
	context.AfterFunc(ctx, sub.Close)
	return sub.Updates(), func(r Record) bool { return r.Seq > last }, nil
}

// Status names the receiver's address and its last verified delivery.
func (f *LocalSource) Status() SourceStatus {
	return SourceStatus{
		Source:       "webhook " + f.addr,
		LastDelivery: f.receiver.Stats().LastDelivery,
	}
}

// AddSecret makes the receiver accept signatures made with secret as well,
// at once (the dashboard just subscribed itself with it).
func (f *LocalSource) AddSecret(secret []byte) error {
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
