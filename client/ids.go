package client

import (
	"errors"
	"net/url"
	"strings"
)

// escapeID makes an id one path segment ("a/b" must not become two).
func escapeID(id string) string { return url.PathEscape(id) }

// requireID refuses an empty id before any request: GET /events/ would
// silently be a different operation (or a 404 that blames the server).
func (c *Client) requireID(cl call, what, id string) error {
	if strings.TrimSpace(id) == "" {
		return c.errorf(cl, 0, errors.New(what+" is empty"))
	}
	return nil
}
