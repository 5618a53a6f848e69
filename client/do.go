package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxAnswerBytes caps how much of an answer is read: far above any real list,
// low enough that a broken server cannot exhaust memory.
const maxAnswerBytes = 256 << 20

// call is one operation to perform.
type call struct {
	op     string // e.g. "ListEvents"
	method string
	path   string // relative to the base URL, already escaped, e.g. "/events/e%201"
	query  url.Values
	body   []byte // JSON; nil for none
	// stream, when set, reads a 2xx answer instead of it being read whole;
	// it runs again from the start when the request is retried. An error
	// other than errContent is the network's.
	stream func(io.Reader) error
}

// answer is a 2xx response, read in full.
type answer struct {
	call   call
	status int
	header http.Header
	body   []byte
}

// do performs cl: it authorizes, sends, reads the answer and turns anything but
// a 2xx into an *Error. GETs are retried on transient failures (see retry.go)
// and once after a 401 when the client can fetch a new token. A write is
// never sent twice by the client: after a 401 its token is dropped, so the
// caller's next try (the form is still open) carries a fresh one.
func (c *Client) do(ctx context.Context, cl call) (*answer, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	start := c.now()
	attempt, tries := 0, 0
	reauthorized := false
	for {
		attempt++
		tries++
		ans, tok, err := c.attempt(ctx, cl, attempt)
		if err == nil {
			return ans, nil
		}
		if StatusCode(err) == http.StatusUnauthorized && !reauthorized && tok != "" && c.auth.invalidate(tok) {
			if cl.method != http.MethodGet {
				return nil, err
			}
			reauthorized = true
			tries-- // the re-authorized try does not count against MaxAttempts
			continue
		}
		wait, ok := c.retryWait(ctx, cl, err, tries, start)
		if !ok {
			return nil, err
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			return nil, c.errorf(cl, 0, fmt.Errorf("%w (while waiting to retry after: %v)", serr, errorCause(err)))
		}
	}
}

// attempt sends cl once and reports it to the observer. tok is the bearer
// token used, so a 401 can invalidate exactly that one.
func (c *Client) attempt(ctx context.Context, cl call, n int) (ans *answer, tok string, err error) {
	began := c.now()
	status := 0
	if c.observe != nil {
		id := c.attempts.Add(1)
		c.observe(RequestRecord{ID: id, InFlight: true, Op: cl.op, Method: cl.method, Path: cl.path, Attempt: n, At: began})
		defer func() {
			c.observe(RequestRecord{
				ID: id, Op: cl.op, Method: cl.method, Path: cl.path, Status: status,
				Duration: c.now().Sub(began), Attempt: n, Err: err, At: began,
			})
		}()
	}

	attemptCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	tok, err = c.auth.token(attemptCtx)
	if err != nil {
		return nil, "", c.errorf(cl, 0, c.timeoutCause(ctx, err))
	}
	req, err := c.newRequest(attemptCtx, cl, tok)
	if err != nil {
		return nil, tok, c.errorf(cl, 0, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, tok, c.errorf(cl, 0, c.timeoutCause(ctx, errorCause(err)))
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	if cl.stream != nil && status >= 200 && status <= 299 {
		if err := c.readStream(ctx, cl, resp); err != nil {
			if !isMalformed(err) {
				status = 0 // the answer did not arrive whole: a network failure
			}
			return nil, tok, err
		}
		return &answer{call: cl, status: status, header: resp.Header}, tok, nil
	}
	body, err := readAnswer(resp)
	if err != nil {
		status = 0 // the answer did not arrive whole: a network failure
		return nil, tok, c.errorf(cl, 0, fmt.Errorf("reading the %d answer: %w", resp.StatusCode, c.timeoutCause(ctx, errorCause(err))))
	}
	if len(body) > maxAnswerBytes {
		return nil, tok, c.errorf(cl, resp.StatusCode, fmt.Errorf("answer larger than %d MiB", maxAnswerBytes>>20))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, tok, c.statusError(cl, resp, body)
	}
	return &answer{call: cl, status: resp.StatusCode, header: resp.Header, body: body}, tok, nil
}

func (c *Client) newRequest(ctx context.Context, cl call, tok string) (*http.Request, error) {
	u := *c.base
	u.Path = c.base.Path + mustUnescape(cl.path)
	u.RawPath = c.base.EscapedPath() + cl.path
	u.RawQuery = cl.query.Encode()
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json, application/problem+json")
	req.Header.Set("User-Agent", c.userAgent)
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return req, nil
}

func mustUnescape(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// statusError reads an error answer: problem+json (or JSON that looks like
// it) becomes Problem; a JSON string or plain text becomes Text.
func (c *Client) statusError(cl call, resp *http.Response, body []byte) *Error {
	e := &Error{Op: cl.op, Method: cl.method, Path: cl.path, StatusCode: resp.StatusCode}
	e.retryAfter, e.hasRetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
	case jsonKind(trimmed) == '{' && isJSONish(mediaType) && json.Valid(trimmed):
		p := decodeProblem(trimmed)
		p.Title, p.Detail = c.scrub(p.Title), c.scrub(p.Detail)
		for f, msgs := range p.Errors {
			for i := range msgs {
				msgs[i] = c.scrub(msgs[i])
			}
			p.Errors[f] = msgs
		}
		e.Problem = &p
	case jsonKind(trimmed) == '"' && isJSONish(mediaType):
		if s, ok := scalarText(trimmed); ok {
			e.Text = oneLine(c.scrub(s))
		}
	case mediaType == "text/html":
		// A proxy's error page says nothing the status does not.
	default:
		e.Text = oneLine(c.scrub(string(trimmed)))
	}
	if e.Problem != nil && e.Problem.Title == "" && e.Problem.Detail == "" && len(e.Problem.Errors) == 0 {
		e.Problem = nil // an object without any of the members that explain an error
		e.Text = oneLine(c.scrub(string(trimmed)))
	}
	return e
}

func isJSONish(mediaType string) bool {
	return mediaType == "" || mediaType == "application/json" || mediaType == "application/problem+json" ||
		(len(mediaType) > 5 && mediaType[len(mediaType)-5:] == "+json") || mediaType == "text/plain"
}

// errorf builds the *Error for a failure without an error answer.
func (c *Client) errorf(cl call, status int, cause error) *Error {
	return &Error{Op: cl.op, Method: cl.method, Path: cl.path, StatusCode: status, Err: cause}
}

// errorCause strips *url.Error, whose text repeats the full URL (with its
// query), since Error already names the method and path.
func errorCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// timeoutCause names RequestTimeout when it, not the caller, ended the attempt.
func (c *Client) timeoutCause(parent context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && parent.Err() == nil {
		return fmt.Errorf("no answer within %s: %w", c.timeout, err)
	}
	return err
}

// readAnswer reads at most maxAnswerBytes+1 of the body. A declared length
// sizes the buffer up front (io.ReadAll would double it from 512 bytes,
// copying and clearing 200 MB for a 100 MB list), but only up to
// presizeCap: the header is the server's word, not a promise.
func readAnswer(resp *http.Response) ([]byte, error) {
	const presizeCap = 32 << 20
	r := io.LimitReader(resp.Body, maxAnswerBytes+1)
	if n := resp.ContentLength; n > 0 {
		buf := bytes.NewBuffer(make([]byte, 0, min(n, presizeCap)+1))
		_, err := buf.ReadFrom(r)
		return buf.Bytes(), err
	}
	return io.ReadAll(r)
}
