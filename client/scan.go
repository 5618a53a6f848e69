package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// ElementFunc receives element i of a list answer: raw is valid only
// during the call, and is not yet known to be valid JSON (the
// ElementDecoder checks the elements it decodes).
type ElementFunc func(i int, raw []byte) error

// Scanner reads the two lists that grow with the fleet element by element
// as they arrive, for a caller that keeps only what changed since its last
// look: it never holds a whole answer (150 MB for 100,000 events), and it
// decodes only the elements it asks an ElementDecoder for. *Client
// implements it; a fake API need not.
type Scanner interface {
	// ScanEvents is ListEvents read element by element. begin runs at the
	// start of every attempt: a retried request starts over.
	ScanEvents(ctx context.Context, begin func(), each ElementFunc) error
	// ScanResources is ListResources read element by element.
	ScanResources(ctx context.Context, begin func(), each ElementFunc) error
}

var _ Scanner = (*Client)(nil)

// ScanEvents implements Scanner.
func (c *Client) ScanEvents(ctx context.Context, begin func(), each ElementFunc) error {
	return c.scan(ctx, call{op: "ListEvents", method: http.MethodGet, path: "/events"}, begin, each)
}

// ScanResources implements Scanner.
func (c *Client) ScanResources(ctx context.Context, begin func(), each ElementFunc) error {
	return c.scan(ctx, call{op: "ListResources", method: http.MethodGet, path: "/resources"}, begin, each)
}

func (c *Client) scan(ctx context.Context, cl call, begin func(), each ElementFunc) error {
	cl.stream = func(r io.Reader) error {
		begin()
		return newArraySplitter(r).split(each)
	}
	_, err := c.do(ctx, cl)
	return err
}

// readStream hands a 2xx answer to cl.stream, with the limits and error
// wording of an answer read whole.
func (c *Client) readStream(ctx context.Context, cl call, resp *http.Response) error {
	counted := &countingReader{r: io.LimitReader(resp.Body, maxAnswerBytes+1)}
	err := cl.stream(counted)
	switch {
	case counted.n > maxAnswerBytes:
		return c.errorf(cl, resp.StatusCode, fmt.Errorf("answer larger than %d MiB", maxAnswerBytes>>20))
	case isMalformed(err):
		return c.errorf(cl, resp.StatusCode, errors.Unwrap(err))
	case err != nil:
		return c.errorf(cl, 0, fmt.Errorf("reading the %d answer: %w", resp.StatusCode, c.timeoutCause(ctx, errorCause(err))))
	}
	return nil
}

func isMalformed(err error) bool {
	var m *errContent
	return errors.As(err, &m)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// ElementDecoder decodes the elements a scan hands over, as tolerantly as
// the List methods. Use one per answer: it shares the strings that repeat
// across its elements. Decoded values carry no Raw (the caller keeps the
// bytes if it wants them).
type ElementDecoder struct{ dec *decoding }

// NewElementDecoder returns a decoder for one answer.
func NewElementDecoder() *ElementDecoder {
	dec := newDecoding()
	dec.dropRaw = true
	return &ElementDecoder{dec: dec}
}

// Event decodes element i of an events answer; an error when raw is not
// valid JSON (which makes the whole answer unusable, as for ListEvents).
func (d *ElementDecoder) Event(i int, raw []byte) (Event, error) {
	if err := checkElement(i, raw); err != nil {
		return Event{}, err
	}
	return decodeEvent(raw, elem("", i), d.dec), nil
}

// Resource decodes element i of a resources answer (see Event).
func (d *ElementDecoder) Resource(i int, raw []byte) (Resource, error) {
	if err := checkElement(i, raw); err != nil {
		return Resource{}, err
	}
	return decodeResource(raw, elem("", i), d.dec), nil
}

func checkElement(i int, raw []byte) error {
	if !validJSON(raw) {
		return fmt.Errorf("answer is malformed JSON (element %d)", i)
	}
	return nil
}
