package ui

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
)

// Palette commands that change server data: they are left out of the
// palette, and refused, in read-only mode.
const (
	cmdSubscribe   = "subscribe this dashboard"
	cmdUnsubscribe = "unsubscribe this dashboard"
)

// selfSubRun is the state of the (un)subscribe commands.
type selfSubRun struct{ busy bool }

// selfSubMsg is the answer to one of them.
type selfSubMsg struct {
	text string
	err  error
}

// selfSubCommands are the palette entries, when the dashboard may use them.
func (m *Model) selfSubCommands() []string {
	if m.opts.SelfSubscribe == nil || m.ctx.ReadOnly {
		return nil
	}
	return []string{cmdSubscribe, cmdUnsubscribe}
}

// runSelfSub runs "subscribe this dashboard" (subscribe=true) or
// "unsubscribe this dashboard" in the background.
func (m *Model) runSelfSub(subscribe bool) tea.Cmd {
	switch {
	case m.ctx.ReadOnly:
		m.flash = "read-only: (un)subscribing this dashboard is disabled"
		return nil
	case m.opts.SelfSubscribe == nil:
		m.flash = "start the dashboard with --public-url to subscribe it"
		return nil
	case m.opts.API == nil:
		m.flash = state.ErrNoAPI.Error()
		return nil
	case m.selfsub.busy:
		m.flash = "a subscription change is already running"
		return nil
	}
	m.selfsub.busy = true
	cfg, api, base := *m.opts.SelfSubscribe, m.opts.API, m.base
	if subscribe {
		m.flash = "subscribing this dashboard…"
		return func() tea.Msg {
			sub, existing, err := livefeed.SubscribeSelf(base, api, cfg)
			text := "subscribed this dashboard: " + sub.ID + " → " + cfg.PublicURL
			if existing {
				text = "already subscribed: " + sub.ID + " → " + cfg.PublicURL
			}
			if err == nil && cfg.AddSecret == nil {
				text += " (give the relay the secret in " + cfg.StateFile + ")"
			}
			return selfSubMsg{text: text, err: err}
		}
	}
	m.flash = "unsubscribing this dashboard…"
	return func() tea.Msg {
		id, err := livefeed.UnsubscribeSelf(base, api, cfg)
		return selfSubMsg{text: "deleted this dashboard's subscription " + id, err: err}
	}
}

// onSelfSub reports the result and refreshes the Subscriptions tab.
func (m *Model) onSelfSub(msg selfSubMsg) tea.Cmd {
	m.selfsub.busy = false
	if msg.err != nil {
		if !errors.Is(msg.err, errReadOnly) {
			m.noteError("subscription", msg.err)
		}
		m.flash = ""
		return nil
	}
	m.flash = oneLine(msg.text)
	return m.refreshNow(state.Subscriptions)
}
