package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestErrorAnswersBecomeOneClearLine(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		call        func(c *Client) error
		want        string
		check       func(t *testing.T, err error)
	}{
		{
			name: "problem+json 401 with detail", status: 401, contentType: "application/problem+json",
			body: `{"type":"about:blank","title":"Unauthorized","status":401,"detail":"invalid token"}`,
			call: func(c *Client) error { _, err := c.ListEvents(context.Background()); return err },
			want: "GET /events: 401 Unauthorized: invalid token",
			check: func(t *testing.T, err error) {
				if !IsAuth(err) || IsTransient(err) || StatusCode(err) != 401 {
					t.Errorf("classification of %v", err)
				}
			},
		},
		{
			name: "validation problem lists each field", status: 400, contentType: "application/problem+json; charset=utf-8",
			body: `{"title":"One or more validation errors occurred.","status":400,"errors":{"metadata.vin":["must be 17 characters of A-Z and 0-9 without I, O or Q"],"metadata.year":["must be between 1990 and 2026"]},"traceId":"x"}`,
			call: func(c *Client) error {
				_, err := c.CreateResource(context.Background(), ResourceRequest{ResourceID: "v"})
				return err
			},
			want: "POST /resources: 400 Bad Request: One or more validation errors occurred.: metadata.vin: must be 17 characters of A-Z and 0-9 without I, O or Q; metadata.year: must be between 1990 and 2026",
			check: func(t *testing.T, err error) {
				var e *Error
				if !errors.As(err, &e) || e.Problem == nil || string(e.Problem.Extensions["traceId"]) != `"x"` || e.Op != "CreateResource" {
					t.Errorf("%#v", e)
				}
			},
		},
		{
			name: "plain-text 400 keeps its text", status: 400, contentType: "text/plain; charset=utf-8",
			body: "resourceId query parameter is required\n",
			call: func(c *Client) error { return c.DeleteResource(context.Background(), "veh 1") },
			want: "DELETE /resources: 400 Bad Request: resourceId query parameter is required",
		},
		{
			name: "a JSON string 400", status: 400, contentType: "application/json",
			body: `"Invalid payload type"`,
			call: func(c *Client) error { _, err := c.CreateReport(context.Background(), ReportRequest{}); return err },
			want: "POST /reports: 400 Bad Request: Invalid payload type",
		},
		{
			name: "409 conflict", status: 409, contentType: "application/problem+json",
			body: `{"title":"Conflict","status":409,"detail":"resourceId veh-1 already exists"}`,
			call: func(c *Client) error { _, err := c.CreateResource(context.Background(), ResourceRequest{}); return err },
			want: "POST /resources: 409 Conflict: resourceId veh-1 already exists",
			check: func(t *testing.T, err error) {
				if !IsConflict(err) || IsNotFound(err) {
					t.Error(err)
				}
			},
		},
		{
			name: "404 with an empty body", status: 404,
			call:  func(c *Client) error { _, err := c.GetEvent(context.Background(), "e/1"); return err },
			want:  "GET /events/e%2F1: 404 Not Found",
			check: func(t *testing.T, err error) { checkIs(t, IsNotFound(err), err) },
		},
		{
			name: "a proxy's HTML page is not quoted", status: 502, contentType: "text/html",
			body:  "<html><body><h1>502 Bad Gateway</h1></body></html>",
			call:  func(c *Client) error { _, err := c.ListResources(context.Background()); return err },
			want:  "GET /resources: 502 Bad Gateway",
			check: func(t *testing.T, err error) { checkIs(t, IsTransient(err), err) },
		},
		{
			name: "a server echoing the token has it scrubbed", status: 403, contentType: "application/problem+json",
			body: `{"title":"Forbidden","detail":"token test-token lacks scope"}`,
			call: func(c *Client) error { _, err := c.ListSubscriptions(context.Background()); return err },
			want: "GET /subscriptions: 403 Forbidden: token [redacted] lacks scope",
		},
		{
			name: "405 on the reports extension means not offered", status: 405, contentType: "application/problem+json",
			body:  `{"title":"Method Not Allowed","status":405}`,
			call:  func(c *Client) error { _, err := c.ListReports(context.Background()); return err },
			want:  "GET /reports: 405 Method Not Allowed: " + ErrNotOffered.Error(),
			check: func(t *testing.T, err error) { checkIs(t, errors.Is(err, ErrNotOffered), err) },
		},
		{
			name: "404 on GetReport", status: 404,
			call: func(c *Client) error { _, err := c.GetReport(context.Background(), "rep-1"); return err },
			want: "GET /reports/rep-1: 404 Not Found: " + ErrNotOffered.Error(),
			check: func(t *testing.T, err error) {
				checkIs(t, errors.Is(err, ErrNotOffered) && IsNotFound(err), err)
			},
		},
		{
			name: "200 that is not JSON names the operation", status: 200, contentType: "text/html",
			body:  "<html>maintenance</html>",
			call:  func(c *Client) error { _, err := c.ListEvents(context.Background()); return err },
			want:  `ListEvents GET /events: answer 200: answer is not JSON (text/html): "<html>maintenance</html>"`,
			check: func(t *testing.T, err error) { checkIs(t, !IsTransient(err), err) },
		},
		{
			name: "200 object where a list belongs", status: 200, contentType: "application/json",
			body: `{"items":[]}`,
			call: func(c *Client) error { _, err := c.ListEvents(context.Background()); return err },
			want: "ListEvents GET /events: answer 200: answer is an object, not a JSON array",
		},
		{
			name: "200 list where an object belongs", status: 200, contentType: "application/json",
			body: `[]`,
			call: func(c *Client) error { _, err := c.GetResource(context.Background(), "veh-1"); return err },
			want: "GetResource GET /resources/veh-1: answer 200: answer is an array, not a JSON object",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			c, _ := testClient(t, srv, Options{MaxAttempts: 1})
			err := tt.call(c)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err.Error(), tt.want)
			}
			if strings.Contains(err.Error(), "test-token") {
				t.Errorf("token in error: %v", err)
			}
			if tt.check != nil {
				tt.check(t, err)
			}
		})
	}
}

func checkIs(t *testing.T, ok bool, err error) {
	t.Helper()
	if !ok {
		t.Errorf("wrong classification of %v", err)
	}
}

func TestNetworkErrorNamesOperationAndPath(t *testing.T) {
	// A port that was just free: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := New(Options{BaseURL: "http://" + addr + "/api/v1/", Token: "sekret-token", MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdateResource(ctxT(t), "veh-1", ResourceRequest{})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "UpdateResource PUT /resources: ") || !strings.Contains(msg, "refused") {
		t.Errorf("message %q", msg)
	}
	if strings.Contains(msg, "sekret") || strings.Contains(msg, "resourceId=") || strings.Contains(msg, addr+"/api") {
		t.Errorf("message leaks: %q", msg)
	}
	if !IsTransient(err) || IsAuth(err) || StatusCode(err) != 0 {
		t.Errorf("classification of %v", err)
	}
}

func TestEmptyIDIsRefusedWithoutARequest(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {})
	c, _ := testClient(t, srv, Options{})
	if _, err := c.GetEvent(ctxT(t), " "); err == nil || !strings.Contains(err.Error(), "GetEvent GET /events/%20: event id is empty") {
		t.Errorf("err = %v", err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d requests", hits.Load())
	}
}

func TestNewRefusesBadOptionsWithoutEchoingSecrets(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no base URL", Options{}, "base URL is required"},
		{"relative base URL", Options{BaseURL: "/events"}, "absolute http or https"},
		{"credentials in URL", Options{BaseURL: "https://me:hunter2@api.test"}, "must not contain credentials"},
		{"token and client credentials", Options{BaseURL: "http://h", Token: "t", ClientID: "id", ClientSecret: "hunter2", TokenURL: "http://h/t"}, "not both"},
		{"incomplete client credentials", Options{BaseURL: "http://h", ClientID: "id", ClientSecret: "hunter2"}, "need a client id, a client secret and a token URL"},
		{"token with a newline inside", Options{BaseURL: "http://h", Token: "abc\ndef"}, "control characters"},
		{"negative timeout", Options{BaseURL: "http://h", RequestTimeout: -1}, "must not be negative"},
	}
	for _, tt := range tests {
		_, err := New(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: secret in %v", tt.name, err)
		}
	}
	o := Options{Token: "abcdefghijkl", ClientSecret: "hunter2"}
	for _, s := range []string{o.String(), o.GoString()} {
		if strings.Contains(s, "abcdefghijkl") || strings.Contains(s, "hunter2") {
			t.Errorf("Options prints secrets: %s", s)
		}
	}
}
