package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
)

// CreateReport is POST /reports: what the partner's vehicles did for an event.
// A payload without a payloadType is sent as "VehicleChargeAction", the only
// type v1 defines. The server never lists reports back (v1 has no GET
// /reports), so callers keep their own record of what they sent.
func (c *Client) CreateReport(ctx context.Context, req ReportRequest) (Report, error) {
	cl := call{op: "CreateReport", method: http.MethodPost, path: "/reports"}
	req.Payloads = withPayloadType(req.Payloads)
	body, err := json.Marshal(req)
	if err != nil {
		return Report{}, c.errorf(cl, 0, err)
	}
	cl.body = body
	a, err := c.do(ctx, cl)
	if err != nil {
		return Report{}, err
	}
	r, problems, err := decodeOne(c, a, decodeReport, true)
	r.Problems = append(r.Problems, problems...)
	return r, err
}

// ListReports is the sandbox's GET /reports extension. A server without it
// answers 404 or 405, and the error then satisfies errors.Is(err, ErrNotOffered).
// That answer is remembered: the client does not ask the same server again.
func (c *Client) ListReports(ctx context.Context) ([]Report, error) {
	if e := c.noReports.Load(); e != nil {
		copied := *e
		return nil, &copied
	}
	a, err := c.do(ctx, call{op: "ListReports", method: http.MethodGet, path: "/reports"})
	if err != nil {
		err = notOffered(err)
		var e *Error
		if errors.Is(err, ErrNotOffered) && errors.As(err, &e) {
			c.noReports.Store(e)
		}
		return nil, err
	}
	return decodeList(c, a, decodeReport)
}

// GetReport is the sandbox's GET /reports/{reportId} extension. A 404 cannot
// tell an unknown id from a server without the extension, so it satisfies both
// IsNotFound and errors.Is(err, ErrNotOffered); call ListReports first to know
// whether the extension is there.
func (c *Client) GetReport(ctx context.Context, reportID string) (Report, error) {
	cl := call{op: "GetReport", method: http.MethodGet, path: "/reports/" + escapeID(reportID)}
	if err := c.requireID(cl, "report id", reportID); err != nil {
		return Report{}, err
	}
	a, err := c.do(ctx, cl)
	if err != nil {
		return Report{}, notOffered(err)
	}
	r, _, err := decodeOne(c, a, decodeReport, false)
	return r, err
}

// notOffered marks a 404 or 405 answer on an extension path with ErrNotOffered.
func notOffered(err error) error {
	var e *Error
	if errors.As(err, &e) && (e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusMethodNotAllowed) && e.Err == nil {
		e.Err = ErrNotOffered
	}
	return err
}
