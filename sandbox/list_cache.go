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
		body, err := encodeList(list)
		if err != nil {
			http.Error(w, "internal error: cannot encode the answer", http.StatusInternalServerError)
			return
		}
		e = cachedList{list: list, body: body}
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

// encodeList writes list as a JSON array, one element at a time into a
// buffer sized from the first: encoding/json would grow its buffer by
// doubling (copying and clearing 100 MB for 100,000 events) and validate
// every element's MarshalJSON output once more.
func encodeList[T any](list []T) ([]byte, error) {
	var buf []byte
	for i := range list {
		b, err := encodeElement(list[i])
		if err != nil {
			return nil, err
		}
		if i == 0 {
			buf = make([]byte, 0, (len(b)+1)*len(list)*5/4+2)
			buf = append(buf, '[')
		} else {
			buf = append(buf, ',')
		}
		buf = append(buf, b...)
	}
	if len(list) == 0 {
		buf = append(buf, '[')
	}
	return append(buf, ']', '\n'), nil
}

// encodeElement is v's JSON; its own MarshalJSON, whose output needs no
// second check (the tests hold it to the contract), when it has one.
func encodeElement(v any) ([]byte, error) {
	if m, ok := v.(json.Marshaler); ok {
		return m.MarshalJSON()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
