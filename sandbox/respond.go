package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// writeJSON answers status with v encoded as application/json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, status, "application/json; charset=utf-8", v)
}

// writeJSONAs encodes v before writing any header, so that an encoding
// failure becomes a clean 500 instead of a truncated 200.
func writeJSONAs(w http.ResponseWriter, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error: cannot encode the answer", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// commitOrFail saves next as the current state, or answers 500 and returns
// false; the change is then not applied.
func (s *Server) commitOrFail(w http.ResponseWriter, r *http.Request, next state) bool {
	if err := s.commitLocked(next); err != nil {
		s.log.Error("sandbox: change not saved", "path", r.URL.Path, "err", err)
		writeProblem(w, r, http.StatusInternalServerError, "", "the change could not be saved; nothing was changed", nil)
		return false
	}
	return true
}

// quote renders an id inside a message, escaped so that odd input cannot
// break the line.
func quote(s string) string { return strconv.Quote(s) }
