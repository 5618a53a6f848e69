package feed

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/table"
)

// feedStore is the shell's store as the tab's list sees it: the Feed kind's
// marks and loaded state come from the tab, everything else from the shell.
type feedStore struct {
	views.Store
	t *Tab
}

func (s feedStore) Mark(kind views.Kind, key string) table.Mark {
	if kind == views.Feed {
		return s.t.mark(key)
	}
	return s.Store.Mark(kind, key)
}

func (s feedStore) Loaded(kind views.Kind) bool {
	return kind == views.Feed || s.Store.Loaded(kind)
}

func (s feedStore) Failure(kind views.Kind) string {
	if kind == views.Feed {
		return ""
	}
	return s.Store.Failure(kind)
}

// emptyStore stands in until the shell's first Sync.
type emptyStore struct{}

func (emptyStore) Events() []client.Event               { return nil }
func (emptyStore) Resources() []client.Resource         { return nil }
func (emptyStore) Subscriptions() []client.Subscription { return nil }
func (emptyStore) Reports() []client.Report             { return nil }
func (emptyStore) ReportsOffered() bool                 { return true }
func (emptyStore) Loaded(views.Kind) bool               { return false }
func (emptyStore) Failure(views.Kind) string            { return "" }
func (emptyStore) Mark(views.Kind, string) table.Mark   { return table.MarkNone }
