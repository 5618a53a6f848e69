// Package contract checks HTTP traffic against client/openapi.yaml with
// kin-openapi's openapi3filter. Tests of the client, the sandbox and the CLI
// wrap their HTTP client (Transport) or their server (Middleware) in a Checker,
// run their scenario, and then require that there are no Violations and that
// every operation, with its error answers, was Seen.
package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ecdash/ecdash/client"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Violation is one way an exchange broke the contract.
type Violation struct {
	Side    string // "request" or "response"
	Op      string // operationId, or "METHOD /path" for a method the path does not have
	Method  string
	Path    string // as sent, without the base path and query
	Status  int
	Message string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s %s (%s %s → %d): %s", v.Side, v.Op, v.Method, v.Path, v.Status, v.Message)
}

// Checker validates requests and responses against the contract and records
// what it saw. It is safe for concurrent use.
type Checker struct {
	doc       *openapi3.T
	router    routers.Router
	basePath  string
	problem   *openapi3.Schema
	operation map[string]bool // every operationId in the contract

	mu         sync.Mutex
	violations []Violation
	seen       map[string]map[int]bool
	unrouted   map[string]map[int]bool
}

// Option configures a Checker.
type Option func(*Checker)

// BasePath is the path prefix under which the API is served (the path of the
// client's base URL, e.g. "/energy-coordination/v1"); the default is none.
func BasePath(p string) Option {
	return func(c *Checker) { c.basePath = strings.TrimRight(p, "/") }
}

// NewChecker loads the contract. The spec's servers are ignored: any host
// matches, so it works for http://127.0.0.1:PORT (see BasePath for a prefix).
func NewChecker(opts ...Option) (*Checker, error) {
	doc, err := client.LoadSpec()
	if err != nil {
		return nil, err
	}
	doc.Servers = nil
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("contract: building the router: %w", err)
	}
	c := &Checker{
		doc:       doc,
		router:    router,
		operation: map[string]bool{},
		seen:      map[string]map[int]bool{},
		unrouted:  map[string]map[int]bool{},
	}
	if ref := doc.Components.Schemas["ProblemDetails"]; ref != nil {
		c.problem = ref.Value
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			c.operation[op.OperationID] = true
		}
	}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// Operations lists every operationId in the contract, sorted.
func (c *Checker) Operations() []string {
	out := make([]string, 0, len(c.operation))
	for op := range c.operation {
		out = append(out, op)
	}
	sort.Strings(out)
	return out
}

// Check validates one exchange given as bytes. Transport and Middleware call
// it; tests may call it directly. It returns the violations it found.
func (c *Checker) Check(req *http.Request, reqBody []byte, status int, header http.Header, body []byte) []Violation {
	path := strings.TrimPrefix(req.URL.Path, c.basePath)
	if path == "" {
		path = "/"
	}
	routed := req.Clone(context.Background())
	routed.URL.Path = path
	routed.URL.RawPath = ""
	if rawPath := req.URL.EscapedPath(); strings.HasPrefix(rawPath, c.basePath) {
		routed.URL.RawPath = strings.TrimPrefix(rawPath, c.basePath)
	}
	routed.Body = io.NopCloser(bytes.NewReader(reqBody))

	route, params, err := c.router.FindRoute(routed)
	if err != nil {
		return c.checkUnrouted(routed, err, status, header, body)
	}
	op := route.Operation.OperationID
	var found []Violation
	add := func(side string, err error) {
		found = append(found, Violation{Side: side, Op: op, Method: req.Method, Path: path, Status: status, Message: oneLine(err.Error())})
	}

	reqInput := &openapi3filter.RequestValidationInput{
		Request:    routed,
		PathParams: params,
		Route:      route,
		Options:    c.options(),
	}
	if err := openapi3filter.ValidateRequest(context.Background(), reqInput); err != nil {
		add("request", err)
	}
	respInput := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: reqInput,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                c.options(),
	}
	if err := openapi3filter.ValidateResponse(context.Background(), respInput); err != nil {
		add("response", err)
	}
	c.record(c.seen, op, status, found)
	return found
}

// checkUnrouted handles a request the contract has no operation for. A path
// the contract does not know at all (a token endpoint, a webhook) is not API
// traffic and is ignored. A known path with an unknown method must not
// succeed, and a problem+json answer must still be well formed.
func (c *Checker) checkUnrouted(req *http.Request, routeErr error, status int, header http.Header, body []byte) []Violation {
	if !errors.Is(routeErr, routers.ErrMethodNotAllowed) {
		return nil
	}
	key := req.Method + " " + req.URL.Path
	var found []Violation
	add := func(msg string) {
		found = append(found, Violation{Side: "response", Op: key, Method: req.Method, Path: req.URL.Path, Status: status, Message: msg})
	}
	if status >= 200 && status <= 299 {
		add("the contract has no such operation, yet it succeeded")
	}
	if mediaType, _, _ := mime.ParseMediaType(header.Get("Content-Type")); mediaType == "application/problem+json" && c.problem != nil {
		var value any
		if err := json.Unmarshal(body, &value); err != nil {
			add("problem+json body is not JSON: " + oneLine(err.Error()))
		} else if err := c.problem.VisitJSON(value, openapi3.DisableSchemaErrorDetails()); err != nil {
			add("problem+json body doesn't match ProblemDetails: " + oneLine(err.Error()))
		}
	}
	c.record(c.unrouted, key, status, found)
	return found
}

// options are fresh per validation: openapi3filter may keep state in them.
func (c *Checker) options() *openapi3filter.Options {
	return &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    acceptAnyBearer,
		// Schema dumps would print whole values, webhook secrets included.
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
	}
}

// acceptAnyBearer accepts any non-empty bearer token: the contract says a
// token is required, not which; a wrong one is the server's to refuse (401),
// and that answer is then checked as a response.
func acceptAnyBearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return errors.New("no bearer token")
	}
	return nil
}

func (c *Checker) record(into map[string]map[int]bool, key string, status int, found []Violation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if into[key] == nil {
		into[key] = map[int]bool{}
	}
	into[key][status] = true
	c.violations = append(c.violations, found...)
}

// Violations lists every violation so far, requests and responses.
func (c *Checker) Violations() []string { return c.strings("") }

// RequestViolations lists the requests that broke the contract. A test that
// sends bad requests on purpose (to see the server's 400) expects some here.
func (c *Checker) RequestViolations() []string { return c.strings("request") }

// ResponseViolations lists the answers that broke the contract.
func (c *Checker) ResponseViolations() []string { return c.strings("response") }

func (c *Checker) strings(side string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, v := range c.violations {
		if side == "" || v.Side == side {
			out = append(out, v.String())
		}
	}
	return out
}

// Seen maps each operationId exercised to the statuses it answered, sorted.
func (c *Checker) Seen() map[string][]int { return c.statuses(c.seen) }

// Unrouted maps "METHOD /path" for methods the contract does not define on a
// known path (e.g. "PATCH /events") to the statuses answered.
func (c *Checker) Unrouted() map[string][]int { return c.statuses(c.unrouted) }

// Unseen lists the contract's operations never exercised, sorted.
func (c *Checker) Unseen() []string {
	seen := c.Seen()
	var out []string
	for _, op := range c.Operations() {
		if _, ok := seen[op]; !ok {
			out = append(out, op)
		}
	}
	return out
}

func (c *Checker) statuses(from map[string]map[int]bool) map[string][]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][]int, len(from))
	for key, set := range from {
		list := make([]int, 0, len(set))
		for s := range set {
			list = append(list, s)
		}
		slices.Sort(list)
		out[key] = list
	}
	return out
}

// Reset forgets everything recorded.
func (c *Checker) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.violations = nil
	c.seen = map[string]map[int]bool{}
	c.unrouted = map[string]map[int]bool{}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
