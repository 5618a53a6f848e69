package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// ListResources is GET /resources: every enrolled vehicle.
func (c *Client) ListResources(ctx context.Context) ([]Resource, error) {
	a, err := c.do(ctx, call{op: "ListResources", method: http.MethodGet, path: "/resources"})
	if err != nil {
		return nil, err
	}
	return decodeList(c, a, decodeResource)
}

// CreateResource is POST /resources. A duplicate resourceId answers 409 (IsConflict).
func (c *Client) CreateResource(ctx context.Context, req ResourceRequest) (Resource, error) {
	return c.writeResource(ctx, call{op: "CreateResource", method: http.MethodPost, path: "/resources"}, req)
}

// UpdateResource is PUT /resources?resourceId=…: it replaces the vehicle whose
// partner id is resourceID.
func (c *Client) UpdateResource(ctx context.Context, resourceID string, req ResourceRequest) (Resource, error) {
	cl := call{op: "UpdateResource", method: http.MethodPut, path: "/resources", query: url.Values{"resourceId": {resourceID}}}
	if err := c.requireID(cl, "resource id", resourceID); err != nil {
		return Resource{}, err
	}
	return c.writeResource(ctx, cl, req)
}

func (c *Client) writeResource(ctx context.Context, cl call, req ResourceRequest) (Resource, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return Resource{}, c.errorf(cl, 0, err)
	}
	cl.body = body
	a, err := c.do(ctx, cl)
	if err != nil {
		return Resource{}, err
	}
	r, problems, err := decodeOne(c, a, decodeResource, true)
	r.Problems = append(r.Problems, problems...)
	return r, err
}

// DeleteResource is DELETE /resources?resourceId=….
func (c *Client) DeleteResource(ctx context.Context, resourceID string) error {
	cl := call{op: "DeleteResource", method: http.MethodDelete, path: "/resources", query: url.Values{"resourceId": {resourceID}}}
	if err := c.requireID(cl, "resource id", resourceID); err != nil {
		return err
	}
	_, err := c.do(ctx, cl)
	return err
}

// GetResource is GET /resources/{resourceId}.
func (c *Client) GetResource(ctx context.Context, resourceID string) (Resource, error) {
	cl := call{op: "GetResource", method: http.MethodGet, path: "/resources/" + escapeID(resourceID)}
	if err := c.requireID(cl, "resource id", resourceID); err != nil {
		return Resource{}, err
	}
	a, err := c.do(ctx, cl)
	if err != nil {
		return Resource{}, err
	}
	r, _, err := decodeOne(c, a, decodeResource, false)
	return r, err
}
