package ui

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/sandbox"
)

// The P benchmarks (see the README's Performance section) run the
// dashboard against a sandbox account of 100,000 vehicles and 100,000
// events, and their baselines against the same account at 1,000 each or
// against the widget they are compared with. Accounts are generated once
// per test binary.

type account struct {
	srv  *httptest.Server
	once sync.Once
}

type accountKey struct {
	n     int
	later bool
}

var (
	accountsMu sync.Mutex
	accounts   = map[accountKey]*account{}
)

// scaleServer serves an account of n vehicles and n events.
func scaleServer(b testing.TB, n int) *httptest.Server { return accountServer(b, accountKey{n: n}) }

// laterServer serves the same account generated 15 minutes later: the same
// ids, every event's times 15 minutes on (every event changed).
func laterServer(b testing.TB, n int) *httptest.Server {
	return accountServer(b, accountKey{n: n, later: true})
}

func accountServer(b testing.TB, k accountKey) *httptest.Server {
	accountsMu.Lock()
	a := accounts[k]
	if a == nil {
		a = &account{}
		accounts[k] = a
	}
	accountsMu.Unlock()
	a.once.Do(func() {
		now := fixedNow
		if k.later {
			now = func() time.Time { return fixedNow().Add(15 * time.Minute) }
		}
		sb, err := sandbox.New(sandbox.Options{Token: testToken, Seed: testSeed, Now: now, Size: sandbox.Size{Vehicles: k.n, Events: k.n}})
		if err != nil {
			b.Fatal(err)
		}
		a.srv = httptest.NewServer(sb.Handler()) // kept for the whole run
	})
	return a.srv
}

// scaleModel is the dashboard at width×height with the account's events
// and resources loaded and every row made, on the Events tab.
func scaleModel(b testing.TB, n, width, height int) *Model {
	b.Helper()
	return scaleModelWith(b, newClient(b, scaleServer(b, n).URL, testToken, nil), n, width, height)
}

func scaleModelWith(b testing.TB, api client.API, n, width, height int) *Model {
	m := New(testOptions(api))
	b.Cleanup(m.Shutdown)
	m.Update(sizeMsg(width, height))
	press(m, "2")
	load(b, m, state.Resources)
	press(m, "1")
	load(b, m, state.Events)
	if _, total := m.activeTab().Counts(); total < n {
		b.Fatalf("%d events shown, want at least %d", total, n)
	}
	return m
}

// fetched runs one poll of kind as the program would, off the UI loop,
// and returns its answer without applying it.
func fetched(b testing.TB, m *Model, kind state.Kind) listResultMsg {
	b.Helper()
	m.polls.Arm(kind)
	cmd := m.fetch(kind)
	if cmd == nil {
		b.Fatalf("no fetch of %v started", kind)
	}
	msg, ok := cmd().(listResultMsg)
	if !ok || msg.err != nil {
		b.Fatalf("fetch of %v: %+v", kind, msg.err)
	}
	return msg
}

// timed returns how long f took.
func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// twoAccounts serves the events of one of two accounts (see laterServer),
// as a server whose events all changed between two polls.
type twoAccounts struct {
	*client.Client
	later *client.Client
	use   bool // serve the later account's events
}

func (t *twoAccounts) events() *client.Client {
	if t.use {
		return t.later
	}
	return t.Client
}

func (t *twoAccounts) ScanEvents(ctx context.Context, begin func(), each client.ElementFunc) error {
	return t.events().ScanEvents(ctx, begin, each)
}
