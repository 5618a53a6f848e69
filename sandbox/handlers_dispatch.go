package sandbox

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
)

// dispatchEvent is the POST /events extension: it creates an event now, as
// the dispatcher does, so that a script or a second terminal can trigger
// one. An empty body gives a generated event; a JSON object overrides parts
// of it (see parseDispatchRequest). 201 with the event as stored.
func (s *Server) dispatchEvent(w http.ResponseWriter, r *http.Request) {
	var body *object
	if !emptyBody(r) {
		obj, ok := readObject(w, r)
		if !ok {
			return
		}
		body = &obj
	}
	ev, errs, err := s.dispatchWith(r.Context(), body)
	switch {
	case len(errs) > 0:
		writeValidation(w, r, errs)
		return
	case errors.Is(err, errNoVehicles):
		writeProblem(w, r, http.StatusConflict, "", err.Error(), nil)
		return
	case err != nil:
		s.log.Error("sandbox: event not dispatched", "err", err)
		writeProblem(w, r, http.StatusInternalServerError, "", "the event could not be saved; nothing was changed", nil)
		return
	}
	w.Header().Set("Location", "/events/"+url.PathEscape(ev.ID))
	writeJSON(w, s.created, ev)
}

// emptyBody reports whether a request has no body or only white space, and
// leaves the body readable either way.
func emptyBody(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	const peek = 512
	head := make([]byte, peek)
	n, _ := io.ReadFull(r.Body, head)
	head = head[:n]
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r.Body), r.Body}
	return n < peek && len(bytes.TrimSpace(head)) == 0
}
