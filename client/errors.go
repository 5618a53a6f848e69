package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Error is every failure of an operation: an HTTP error answer (StatusCode >= 400,
// with Problem or Text), a 2xx answer that could not be read (StatusCode 2xx, Err),
// or no answer at all (StatusCode 0, Err: network, timeout, token endpoint).
// It never holds a token or a client secret.
type Error struct {
	Op         string // operation, e.g. "ListEvents"
	Method     string
	Path       string // relative to the base URL, without query, e.g. "/events/e1"
	StatusCode int    // 0 when no answer arrived
	Problem    *ProblemDetails
	Text       string // a plain-text (or JSON string) error body, one line, capped
	Err        error  // the cause: network error, *TokenError, ErrNotOffered, decoding error

	retryAfter    time.Duration // from a Retry-After header
	hasRetryAfter bool
}

// maxErrorText caps Text and the problem members shown in Error(), so one line
// on a terminal stays one line.
const maxErrorText = 300

// maxFieldErrors caps how many field errors Error() lists.
const maxFieldErrors = 8

func (e *Error) Error() string {
	var b strings.Builder
	if e.StatusCode >= 400 {
		b.WriteString(e.Method + " " + e.Path + ": " + strconv.Itoa(e.StatusCode))
		statusText := http.StatusText(e.StatusCode)
		if statusText != "" {
			b.WriteString(" " + statusText)
		}
		if p := e.Problem; p != nil {
			writeProblem(&b, p, statusText)
		} else if e.Text != "" {
			b.WriteString(": " + e.Text)
		}
		if e.Err != nil {
			b.WriteString(": " + e.Err.Error())
		}
		return b.String()
	}
	b.WriteString(e.Op + " " + e.Method + " " + e.Path + ": ")
	if e.StatusCode != 0 {
		b.WriteString("answer " + strconv.Itoa(e.StatusCode) + ": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("failed")
	}
	return b.String()
}

// writeProblem appends title (unless it only repeats the status text), detail
// and each field error as "field: message".
func writeProblem(b *strings.Builder, p *ProblemDetails, statusText string) {
	title := oneLine(p.Title)
	if title != "" && !strings.EqualFold(title, statusText) {
		b.WriteString(": " + title)
	}
	if detail := oneLine(p.Detail); detail != "" && detail != title {
		b.WriteString(": " + detail)
	}
	fields := make([]string, 0, len(p.Errors))
	for f := range p.Errors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	sep := ": "
	shown := 0
	for _, f := range fields {
		for _, msg := range p.Errors[f] {
			if shown == maxFieldErrors {
				b.WriteString(sep + "(more field errors)")
				return
			}
			b.WriteString(sep + f + ": " + oneLine(msg))
			sep = "; "
			shown++
		}
	}
}

func (e *Error) Unwrap() error { return e.Err }

// TokenError is a failure to get a token from the OAuth2 token endpoint. It
// keeps the endpoint's error code and description (scrubbed of the client
// secret) but never its raw body.
type TokenError struct {
	Host        string // the token endpoint's host
	StatusCode  int    // 0 when the endpoint did not answer
	Code        string // RFC 6749 "error", e.g. "invalid_client"
	Description string
	Err         error // the network cause, when there was no answer
}

func (e *TokenError) Error() string {
	var b strings.Builder
	b.WriteString("token endpoint " + e.Host)
	if e.StatusCode != 0 {
		b.WriteString(": " + strconv.Itoa(e.StatusCode))
		if st := http.StatusText(e.StatusCode); st != "" {
			b.WriteString(" " + st)
		}
	}
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Description != "" {
		b.WriteString(": " + e.Description)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *TokenError) Unwrap() error { return e.Err }

// StatusCode is the HTTP status of the answer that made err, or 0.
func StatusCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// IsAuth reports whether err means the credentials were refused: a 401 or 403
// answer, or a failure to get a token from the token endpoint.
func IsAuth(err error) bool {
	var te *TokenError
	if errors.As(err, &te) {
		return true
	}
	code := StatusCode(err)
	return code == http.StatusUnauthorized || code == http.StatusForbidden
}

// IsNotFound reports a 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// IsConflict reports a 409 answer (e.g. a duplicate resourceId).
func IsConflict(err error) bool { return StatusCode(err) == http.StatusConflict }

// IsTransient reports whether trying again later may succeed: no answer (a
// network error or timeout, not a cancellation), 429, or a 5xx answer.
func IsTransient(err error) bool {
	var te *TokenError
	if errors.As(err, &te) {
		return transientStatus(te.StatusCode) || (te.StatusCode == 0 && transientCause(te.Err))
	}
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	if e.StatusCode != 0 {
		return transientStatus(e.StatusCode)
	}
	return transientCause(e.Err)
}

func transientStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500
}

// transientCause tells a network failure worth retrying from one that will
// fail the same way again (a cancelled context, a certificate problem).
func transientCause(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var (
		certErr      *tls.CertificateVerificationError
		unknownAuth  x509.UnknownAuthorityError
		hostnameErr  x509.HostnameError
		invalidCert  x509.CertificateInvalidError
		recordHeader tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostnameErr),
		errors.As(err, &invalidCert), errors.As(err, &recordHeader):
		return false
	}
	return true
}

// oneLine collapses whitespace runs (newlines included) to single spaces and
// caps the length, so a server's message fits the one-line error.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxErrorText {
		cut := maxErrorText
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
