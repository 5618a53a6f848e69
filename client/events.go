package client

import (
	"context"
	"net/http"
)

// ListEvents is GET /events: every event, past, active and upcoming.
func (c *Client) ListEvents(ctx context.Context) ([]Event, error) {
	a, err := c.do(ctx, call{op: "ListEvents", method: http.MethodGet, path: "/events"})
	if err != nil {
		return nil, err
	}
	return decodeList(c, a, decodeEvent)
}

// GetEvent is GET /events/{eventId}.
func (c *Client) GetEvent(ctx context.Context, eventID string) (Event, error) {
	cl := call{op: "GetEvent", method: http.MethodGet, path: "/events/" + escapeID(eventID)}
	if err := c.requireID(cl, "event id", eventID); err != nil {
		return Event{}, err
	}
	a, err := c.do(ctx, cl)
	if err != nil {
		return Event{}, err
	}
	e, _, err := decodeOne(c, a, decodeEvent, false)
	return e, err
}
