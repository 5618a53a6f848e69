package client

import (
	"context"
	"encoding/json"
	"net/http"
)

// ListSubscriptions is GET /subscriptions.
func (c *Client) ListSubscriptions(ctx context.Context) ([]Subscription, error) {
	a, err := c.do(ctx, call{op: "ListSubscriptions", method: http.MethodGet, path: "/subscriptions"})
	if err != nil {
		return nil, err
	}
	return decodeList(c, a, decodeSubscription)
}

// CreateSubscription is POST /subscriptions.
func (c *Client) CreateSubscription(ctx context.Context, req SubscriptionRequest) (Subscription, error) {
	return c.writeSubscription(ctx, call{op: "CreateSubscription", method: http.MethodPost, path: "/subscriptions"}, req)
}

// GetSubscription is GET /subscriptions/{subscriptionId}.
func (c *Client) GetSubscription(ctx context.Context, subscriptionID string) (Subscription, error) {
	cl := call{op: "GetSubscription", method: http.MethodGet, path: "/subscriptions/" + escapeID(subscriptionID)}
	if err := c.requireID(cl, "subscription id", subscriptionID); err != nil {
		return Subscription{}, err
	}
	a, err := c.do(ctx, cl)
	if err != nil {
		return Subscription{}, err
	}
	s, _, err := decodeOne(c, a, decodeSubscription, false)
	return s, err
}

// UpdateSubscription is PUT /subscriptions/{subscriptionId}. The body carries
// the id too, as the seed shows; an empty sub.ID is filled with subscriptionID.
func (c *Client) UpdateSubscription(ctx context.Context, subscriptionID string, sub Subscription) (Subscription, error) {
	cl := call{op: "UpdateSubscription", method: http.MethodPut, path: "/subscriptions/" + escapeID(subscriptionID)}
	if err := c.requireID(cl, "subscription id", subscriptionID); err != nil {
		return Subscription{}, err
	}
	if sub.ID == "" {
		sub.ID = subscriptionID
	}
	return c.writeSubscription(ctx, cl, sub)
}

func (c *Client) writeSubscription(ctx context.Context, cl call, body any) (Subscription, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return Subscription{}, c.errorf(cl, 0, err)
	}
	cl.body = data
	a, err := c.do(ctx, cl)
	if err != nil {
		return Subscription{}, err
	}
	s, problems, err := decodeOne(c, a, decodeSubscription, true)
	s.Problems = append(s.Problems, problems...)
	return s, err
}

// DeleteSubscription is DELETE /subscriptions/{subscriptionId}.
func (c *Client) DeleteSubscription(ctx context.Context, subscriptionID string) error {
	cl := call{op: "DeleteSubscription", method: http.MethodDelete, path: "/subscriptions/" + escapeID(subscriptionID)}
	if err := c.requireID(cl, "subscription id", subscriptionID); err != nil {
		return err
	}
	_, err := c.do(ctx, cl)
	return err
}
