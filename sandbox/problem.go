package sandbox

import (
	"net/http"

	"github.com/ecdash/ecdash/client"
)

// problemTypes names each status the sandbox answers with an error by its
// section of RFC 9110, as ASP.NET-based APIs such as the real one do.
var problemTypes = map[int]string{
	http.StatusBadRequest:          "https://tools.ietf.org/html/rfc9110#section-15.5.1",
	http.StatusUnauthorized:        "https://tools.ietf.org/html/rfc9110#section-15.5.2",
	http.StatusNotFound:            "https://tools.ietf.org/html/rfc9110#section-15.5.5",
	http.StatusMethodNotAllowed:    "https://tools.ietf.org/html/rfc9110#section-15.5.6",
	http.StatusConflict:            "https://tools.ietf.org/html/rfc9110#section-15.5.10",
	http.StatusInternalServerError: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
}

// Titles the sandbox uses for errors it distinguishes within one status.
const (
	titleValidation    = "One or more validation errors occurred."
	titleMalformedJSON = "Malformed JSON"
	titleTooLarge      = "Request body too large"
)

// writeProblem answers an RFC 9457 application/problem+json body. title
// defaults to the status text.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, title, detail string, errs fieldErrors) {
	if title == "" {
		title = http.StatusText(status)
	}
	p := client.ProblemDetails{
		Type:     problemTypes[status],
		Title:    title,
		Status:   status,
		Detail:   detail,
		Instance: r.URL.Path,
	}
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if len(errs) > 0 {
		p.Errors = errs
	}
	writeJSONAs(w, status, "application/problem+json", p)
}

// writeValidation answers 400 with one entry per invalid field.
func writeValidation(w http.ResponseWriter, r *http.Request, errs fieldErrors) {
	writeProblem(w, r, http.StatusBadRequest, titleValidation, errs.summary(), errs)
}

func writeNotFound(w http.ResponseWriter, r *http.Request, detail string) {
	writeProblem(w, r, http.StatusNotFound, "", detail, nil)
}
