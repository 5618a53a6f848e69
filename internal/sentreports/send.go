package sentreports

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ecdash/ecdash/client"
)

// ErrUnrecordable marks a Send that sent nothing because the record could
// not be written: a report the record cannot hold is not sent, since the
// record is the only place a dashboard finds it again on a v1 server.
var ErrUnrecordable = errors.New("not sent, since it could not be recorded")

// NotRecordedError is a report the server accepted whose entry could not
// be written to the record. The report is sent: it must not be sent again.
type NotRecordedError struct {
	Report client.Report // the server's answer
	Err    error
}

func (e *NotRecordedError) Error() string {
	return "report " + e.Report.ID + " was accepted by the server (do not send it again) but could not be recorded: " + e.Err.Error()
}

func (e *NotRecordedError) Unwrap() error { return e.Err }

// SendOptions tune Send. The zero value is usable.
type SendOptions struct {
	// Server is the base URL recorded with the entry ("": the API's own
	// BaseURL, when it has one).
	Server string
	// Now is the clock read just before sending: the entry's SentAt (nil:
	// time.Now).
	Now func() time.Time
	// Redact scrubs the error text before it is written (nil: as is), for
	// a caller that knows secrets the client does not.
	Redact func(string) string
}

// Send posts req once (a mutation is never retried) and appends the
// outcome, whatever it is, to rec, as `ecdash report send` and the
// dashboard's report composer both must:
//   - rec cannot be written to: nothing is sent (ErrUnrecordable);
//   - the server refused: its error;
//   - no answer arrived: the error says the server may have stored the
//     report, to check before sending it again;
//   - accepted but not recorded: the report and a *NotRecordedError.
//
// A nil rec sends without recording (a dashboard with no state directory).
func Send(ctx context.Context, api client.API, rec *Record, req client.ReportRequest, o SendOptions) (client.Report, error) {
	if rec != nil {
		if err := rec.Ready(); err != nil {
			return client.Report{}, fmt.Errorf("%w: %w", ErrUnrecordable, err)
		}
	}
	server := o.Server
	if b, ok := api.(interface{ BaseURL() string }); ok && server == "" {
		server = b.BaseURL()
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	sentAt := now()
	rep, sendErr := api.CreateReport(ctx, req)
	entry := NewEntry(server, req, sentAt, rep, sendErr)
	if o.Redact != nil {
		entry.Error = o.Redact(entry.Error)
	}
	var recErr error
	if rec != nil {
		recErr = rec.Append(entry)
	}
	if sendErr != nil {
		if entry.Outcome() == Unknown {
			sendErr = fmt.Errorf("%w; the server may have stored the report: check before sending it again", sendErr)
		}
		if recErr != nil {
			return rep, fmt.Errorf("%w (recording the failure also failed: %v)", sendErr, recErr)
		}
		return rep, sendErr
	}
	if recErr != nil {
		return rep, &NotRecordedError{Report: rep, Err: recErr}
	}
	return rep, nil
}
