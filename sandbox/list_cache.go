package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"runtime"
	"strconv"
	"sync"
)

// listCache keeps the encoded answer of each list until the list changes,
// so a dashboard polling 100,000 events every 15 s costs the sandbox a
// write of bytes already made, not an encode. The state is copy on write:
// a list that changed is another slice (or a longer one), which is what
// the cache compares. A list being encoded (by a request or by warm) is
// waited for, not encoded twice.
type listCache struct {
	mu      sync.Mutex
	entries map[string]*cachedList
}

type cachedList struct {
	list any           // the slice the body is encoded from
	done chan struct{} // closed when body (or err) is set
	body []byte
	err  error
}

// body returns list's encoded answer for name, encoding it unless it is
// cached or being encoded.
func body[T any](c *listCache, name string, list []T) ([]byte, error) {
	list = nonNil(list)
	c.mu.Lock()
	e := c.entries[name]
	if e == nil || !sameSlice(e.list, list) {
		e = &cachedList{list: list, done: make(chan struct{})}
		if c.entries == nil {
			c.entries = map[string]*cachedList{}
		}
		c.entries[name] = e
		c.mu.Unlock()
		e.body, e.err = encodeList(list)
		close(e.done)
		return e.body, e.err
	}
	c.mu.Unlock()
	<-e.done
	return e.body, e.err
}

// writeList answers list as JSON (see listCache).
func writeList[T any](s *Server, w http.ResponseWriter, name string, list []T) {
	b, err := body(&s.lists, name, list)
	if err != nil {
		http.Error(w, "internal error: cannot encode the answer", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// sameSlice reports whether cached is list: the same elements, same length.
func sameSlice[T any](cached any, list []T) bool {
	c, ok := cached.([]T)
	return ok && len(c) == len(list) && (len(c) == 0 || &c[0] == &list[0])
}

// encodeList writes list as a JSON array: its elements encoded in as many
// parts as there are processors, each one element at a time into a buffer
// sized from its first (encoding/json would grow its buffer by doubling,
// copying and clearing 100 MB for 100,000 events, and validate every
// element's MarshalJSON output once more), then joined.
func encodeList[T any](list []T) ([]byte, error) {
	parts := min(runtime.GOMAXPROCS(0), max(len(list)/1000, 1))
	per := (len(list) + parts - 1) / max(parts, 1)
	bufs := make([][]byte, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { bufs[p], errs[p] = encodeElements(list[min(p*per, len(list)):min((p+1)*per, len(list))]) })
	}
	wg.Wait()
	size := 3
	for p := range parts {
		if errs[p] != nil {
			return nil, errs[p]
		}
		size += len(bufs[p]) + 1
	}
	out := make([]byte, 0, size)
	out = append(out, '[')
	for _, b := range bufs {
		if len(b) == 0 {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, b...)
	}
	return append(out, ']', '\n'), nil
}

// encodeElements writes the elements of list separated by commas.
func encodeElements[T any](list []T) ([]byte, error) {
	var buf []byte
	for i := range list {
		b, err := encodeElement(list[i])
		if err != nil {
			return nil, err
		}
		if i == 0 {
			buf = make([]byte, 0, (len(b)+1)*len(list)*5/4)
		} else {
			buf = append(buf, ',')
		}
		buf = append(buf, b...)
	}
	return buf, nil
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
