package feed

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// feedStore is the shell's store as the tab's list sees it: the Feed kind's
// marks and loaded state come from the tab, everything else from the shell.
type feedStore struct {
	state.Store
	t *Tab
}

func (s feedStore) Change(kind state.Kind, key string) state.Change {
	if kind == state.Feed {
		return s.t.change(key)
	}
	return s.Store.Change(kind, key)
}

func (s feedStore) Version(kind state.Kind) uint64 {
	if kind == state.Feed {
		return s.t.version
	}
	return s.Store.Version(kind)
}

func (s feedStore) ChangedSince(kind state.Kind, version uint64) ([]string, bool) {
	if kind == state.Feed {
		return s.t.log.Since(version)
	}
	return s.Store.ChangedSince(kind, version)
}

func (s feedStore) Loaded(kind state.Kind) bool {
	return kind == state.Feed || s.Store.Loaded(kind)
}

func (s feedStore) Failure(kind state.Kind) string {
	if kind == state.Feed {
		return ""
	}
	return s.Store.Failure(kind)
}

// emptyStore stands in until the shell's first Sync.
type emptyStore struct{}

func (emptyStore) Events() []client.Event                           { return nil }
func (emptyStore) Resources() []client.Resource                     { return nil }
func (emptyStore) Subscriptions() []client.Subscription             { return nil }
func (emptyStore) Reports() []client.Report                         { return nil }
func (emptyStore) ReportsOffered() bool                             { return true }
func (emptyStore) SentHere(string) bool                             { return false }
func (emptyStore) Loaded(state.Kind) bool                           { return false }
func (emptyStore) Failure(state.Kind) string                        { return "" }
func (emptyStore) Version(state.Kind) uint64                        { return 0 }
func (emptyStore) Change(state.Kind, string) state.Change           { return state.Unchanged }
func (emptyStore) ChangedSince(state.Kind, uint64) ([]string, bool) { return nil, true }
func (emptyStore) Position(state.Kind, string) (int, bool)          { return 0, false }
