package sandbox

import (
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// state is everything the sandbox knows; it is what the data file holds.
//
// It is copy-on-write: a mutation builds the next state (appending to, or
// cloning, the slices it changes, never writing into an element a reader
// may hold), persists it, and only then replaces the current one. So a
// failed write changes nothing, and a handler may encode a slice it took
// under the lock after releasing it.
type state struct {
	Seed   int64
	NextID uint64 // ids handed out so far; see uuidFor
	// FleetCursor is the clock time up to which the simulated fleet's actions
	// have been turned into reports.
	FleetCursor   time.Time
	Events        []client.Event // in order of interval start
	Resources     []client.Resource
	Subscriptions []client.Subscription
	Reports       []client.Report // in order of receipt
}

// newID hands out the next id of this state's seed.
func (s *state) newID() string {
	id := uuidFor(s.Seed, s.NextID)
	s.NextID++
	return id
}

func (s *state) eventIndex(id string) int {
	return slices.IndexFunc(s.Events, func(e client.Event) bool { return e.ID == id })
}

func (s *state) resourceIndex(resourceID string) int {
	return slices.IndexFunc(s.Resources, func(r client.Resource) bool { return r.ResourceID == resourceID })
}

func (s *state) subscriptionIndex(id string) int {
	return slices.IndexFunc(s.Subscriptions, func(x client.Subscription) bool { return x.ID == id })
}

func (s *state) reportIndex(id string) int {
	return slices.IndexFunc(s.Reports, func(r client.Report) bool { return r.ID == id })
}

// replaced returns a copy of list with element i set to v, leaving list as
// it was for readers of the previous state.
func replaced[T any](list []T, i int, v T) []T {
	out := slices.Clone(list)
	out[i] = v
	return out
}

// removed returns a copy of list without element i.
func removed[T any](list []T, i int) []T {
	out := make([]T, 0, len(list)-1)
	out = append(out, list[:i]...)
	return append(out, list[i+1:]...)
}

// appended returns list with v added. Appending may write into spare
// capacity beyond len(list), which no reader of the previous state can see.
func appended[T any](list []T, v ...T) []T {
	return append(list, v...)
}
