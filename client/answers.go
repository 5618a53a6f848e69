package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"strconv"
)

// decodeList reads a 2xx answer that should be a JSON array. An element that
// cannot be read becomes an element with a Problem; only an answer that is not
// JSON, or not an array, is an error. A null answer is an empty list.
func decodeList[T any](c *Client, a *answer, decode func(json.RawMessage, string, *decoding) T) ([]T, error) {
	body := bytes.TrimSpace(a.body)
	if err := c.checkJSON(a, body); err != nil {
		return nil, err
	}
	switch jsonKind(body) {
	case 'n':
		return []T{}, nil
	case '[':
	default:
		return nil, c.errorf(a.call, a.status, fmt.Errorf("answer is %s, not a JSON array", kindName(body)))
	}
	elems, ok := scanElements(body, nil)
	if !ok {
		return nil, c.errorf(a.call, a.status, errors.New("answer is not a readable JSON array"))
	}
	out := make([]T, len(elems))
	dec := newDecoding()
	for i, raw := range elems {
		out[i] = decode(raw, "["+strconv.Itoa(i)+"]", dec)
	}
	return out, nil
}

// decodeOne reads a 2xx answer that should be one JSON object. For a write
// (wrote is true), an empty answer is not an error: the server did act, so the
// caller gets an empty object whose Problems say so, and is not led to retry.
func decodeOne[T any](c *Client, a *answer, decode func(json.RawMessage, string, *decoding) T, wrote bool) (T, []FieldProblem, error) {
	var zero T
	body := bytes.TrimSpace(a.body)
	if len(body) == 0 && wrote {
		return zero, []FieldProblem{{Message: fmt.Sprintf("the server answered %d with no body", a.status)}}, nil
	}
	if err := c.checkJSON(a, body); err != nil {
		return zero, nil, err
	}
	if jsonKind(body) != '{' {
		return zero, nil, c.errorf(a.call, a.status, fmt.Errorf("answer is %s, not a JSON object", kindName(body)))
	}
	return decode(body, "", nil), nil, nil
}

// checkJSON fails with a clear error when body is empty or not JSON, quoting
// the start of what came instead.
func (c *Client) checkJSON(a *answer, body []byte) error {
	if len(body) == 0 {
		return c.errorf(a.call, a.status, errors.New("empty answer where JSON was expected"))
	}
	if json.Valid(body) {
		return nil
	}
	mediaType, _, _ := mime.ParseMediaType(a.header.Get("Content-Type"))
	if mediaType == "" {
		mediaType = "no content type"
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		// JSON cut off or malformed: its start may be an object holding a
		// webhook secret, which the scrubber does not know, so it is not quoted.
		return c.errorf(a.call, a.status, fmt.Errorf("answer is malformed JSON (%s, %d bytes)", mediaType, len(body)))
	}
	return c.errorf(a.call, a.status, fmt.Errorf("answer is not JSON (%s): %q", mediaType, snippet(c.scrub(string(body)))))
}

// snippet is the start of s, for quoting a bad answer in an error.
func snippet(s string) string {
	const n = 60
	s = oneLine(s)
	if len(s) > n {
		cut := n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		return s[:cut] + "…"
	}
	return s
}
