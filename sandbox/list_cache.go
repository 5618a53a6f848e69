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
// the cache compares. A list is encoded once, by whoever asks first (or
// by warm); answers asked for meanwhile follow the encode as it goes, so a
// client decodes the start of 150 MB while the end is still being made.
type listCache struct {
	mu      sync.Mutex
	entries map[string]*cachedList
}

// cachedList is one list's answer, in segments of about segmentBytes.
type cachedList struct {
	list any // the slice the answer is encoded from

	mu   sync.Mutex
	more *sync.Cond // a segment was added, or the encode ended
	segs [][]byte
	size int
	done bool
	err  error
}

// segmentBytes is how much of an answer is made before readers get it.
const segmentBytes = 1 << 20

// entry returns list's answer for name, starting its encode (in this
// goroutine, before returning) unless it is cached or under way.
func entry[T any](c *listCache, name string, list []T) *cachedList {
	list = nonNil(list)
	c.mu.Lock()
	e := c.entries[name]
	if e != nil && sameSlice(e.list, list) {
		c.mu.Unlock()
		return e
	}
	e = &cachedList{list: list}
	e.more = sync.NewCond(&e.mu)
	if c.entries == nil {
		c.entries = map[string]*cachedList{}
	}
	c.entries[name] = e
	c.mu.Unlock()
	go e.encode(func(add func([]byte)) error { return encodeList(list, add) })
	return e
}

// encode runs the encoder, publishing each segment it makes.
func (e *cachedList) encode(run func(add func([]byte)) error) {
	err := run(func(seg []byte) {
		e.mu.Lock()
		e.segs = append(e.segs, seg)
		e.size += len(seg)
		e.more.Broadcast()
		e.mu.Unlock()
	})
	e.mu.Lock()
	e.done, e.err = true, err
	e.more.Broadcast()
	e.mu.Unlock()
}

// writeTo answers with the list: with its length when it is complete,
// otherwise segment by segment as they are made.
func (e *cachedList) writeTo(w http.ResponseWriter) {
	e.mu.Lock()
	done, err, size := e.done, e.err, e.size
	e.mu.Unlock()
	if err != nil {
		http.Error(w, "internal error: cannot encode the answer", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if done {
		h.Set("Content-Length", strconv.Itoa(size))
	}
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	for i := 0; ; {
		e.mu.Lock()
		for i == len(e.segs) && !e.done {
			e.more.Wait()
		}
		segs, done, err := e.segs[i:], e.done, e.err
		e.mu.Unlock()
		if err != nil {
			panic(http.ErrAbortHandler) // the status is sent: cut the answer short
		}
		for _, seg := range segs {
			if _, werr := w.Write(seg); werr != nil {
				return // the client went away
			}
		}
		i += len(segs)
		if done && i == len(e.segs) {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
	}
}

// writeList answers list as JSON (see listCache).
func writeList[T any](s *Server, w http.ResponseWriter, name string, list []T) {
	entry(&s.lists, name, list).writeTo(w)
}

// sameSlice reports whether cached is list: the same elements, same length.
func sameSlice[T any](cached any, list []T) bool {
	c, ok := cached.([]T)
	return ok && len(c) == len(list) && (len(c) == 0 || &c[0] == &list[0])
}

// encodeList writes list as a JSON array to add, in segments of about
// segmentBytes, one element at a time into a buffer sized for the
// segment (encoding/json would grow one buffer by doubling, copying and
// clearing 100 MB for 100,000 events, and validate every element's
// MarshalJSON output once more).
func encodeList[T any](list []T, add func([]byte)) error {
	buf := make([]byte, 0, min(segmentBytes+segmentBytes/4, 64<<10+len(list)*64))
	buf = append(buf, '[')
	for i := range list {
		b, err := encodeElement(list[i])
		if err != nil {
			return err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, b...)
		if len(buf) >= segmentBytes {
			add(buf)
			buf = make([]byte, 0, segmentBytes+segmentBytes/4)
		}
	}
	add(append(buf, ']', '\n'))
	return nil
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
