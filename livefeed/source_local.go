package livefeed

import (
	"bytes"
	"context"
	"sync"
)

// LocalSource is a receiver and journal running in this process: the Feed tab
// reads the journal's history, then follows its hub.
type LocalSource struct {
	journal  *Journal
	receiver *Receiver
	addr     string

	mu      sync.Mutex
	secrets [][]byte
}

// NewLocalSource follows j, which r writes to; addr is where r listens (for
// the status bar) and secrets are the ones r was built with, so AddSecret
// can extend them.
func NewLocalSource(j *Journal, r *Receiver, addr string, secrets [][]byte) *LocalSource {
	return &LocalSource{journal: j, receiver: r, addr: addr, secrets: append([][]byte(nil), secrets...)}
}

// Start subscribes to the journal from history records before its end.
func (f *LocalSource) Start(ctx context.Context, history int) (<-chan Update, func(Record) bool, error) {
	last := f.journal.LastSeq()
	after := uint64(0)
	if history >= 0 && last > uint64(history) {
		after = last - uint64(history)
	}
	// LagCatchUp: a dashboard that falls behind reads back from the journal
	// instead of blocking the receiver or losing records. Early: the
	// dashboard is this process, so it shows a notification without waiting
	// for the disk (the sender's 2xx still does).
	sub := f.journal.Hub().Subscribe(after, SubscribeOptions{OnLag: LagCatchUp, Early: true})
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
