package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// listCache keeps the encoded answer of each list until the list changes,
// so a dashboard polling 100,000 events every 15 s costs the sandbox a
// write of bytes already made, not an encode. The state is copy on write:
// a list that changed is another slice (or a longer one), which is what
// the cache compares.
type listCache struct {
	mu      sync.Mutex
	entries map[string]cachedList
}

type cachedList struct {
	list any // the slice the body was encoded from
	body []byte
}

// writeList answers list as JSON, encoding it only when it changed since
// the last answer for name.
func writeList[T any](s *Server, w http.ResponseWriter, name string, list []T) {
	list = nonNil(list)
	c := &s.lists
	c.mu.Lock()
	e, ok := c.entries[name]
	c.mu.Unlock()
	if !ok || !sameSlice(e.list, list) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(list); err != nil {
			http.Error(w, "internal error: cannot encode the answer", http.StatusInternalServerError)
			return
		}
		e = cachedList{list: list, body: buf.Bytes()}
		c.mu.Lock()
		if c.entries == nil {
			c.entries = map[string]cachedList{}
		}
		c.entries[name] = e
		c.mu.Unlock()
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

// sameSlice reports whether cached is list: the same elements, same length.
func sameSlice[T any](cached any, list []T) bool {
	c, ok := cached.([]T)
	return ok && len(c) == len(list) && (len(c) == 0 || &c[0] == &list[0])
}
