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

// entry returns list's answer for name, starting its encode in the
// background unless it is cached or under way.
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
// segmentBytes, in order. Segments are encoded on every core, ahead of
// the one being handed out, each one element at a time into a buffer
// sized for it (encoding/json would grow one buffer by doubling, copying
// and clearing 100 MB for 100,000 events, and validate every element's
// MarshalJSON output once more).
func encodeList[T any](list []T, add func([]byte)) error {
	if len(list) == 0 {
		add([]byte("[]\n"))
		return nil
	}
	first, err := encodeElement(list[0])
	if err != nil {
		return err
	}
	per := max(segmentBytes/(len(first)+1), 1) // elements per segment
	type segment struct {
		buf  []byte
		err  error
		done chan struct{}
	}
	n := (len(list) + per - 1) / per
	segs := make([]*segment, n)
	for k := range segs {
		segs[k] = &segment{done: make(chan struct{})}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for k := range work {
				sg := segs[k]
				sg.buf, sg.err = encodeElements(list[k*per:min((k+1)*per, len(list))], k == 0, k == n-1, len(first))
				close(sg.done)
			}
		})
	}
	go func() {
		for k := range n {
			work <- k
		}
		close(work)
	}()
	for _, sg := range segs {
		<-sg.done
		if sg.err != nil {
			err = sg.err
			break
		}
		add(sg.buf)
	}
	for range work { // after an error: let the workers run out
	}
	wg.Wait()
	return err
}

// encodeElements writes list's elements separated by commas, opening the
// array when first and closing it when last (a comma leads otherwise),
// into a buffer sized for elements of about each bytes.
func encodeElements[T any](list []T, first, last bool, each int) ([]byte, error) {
	buf := make([]byte, 0, (each+1)*len(list)*5/4+3)
	for i := range list {
		switch {
		case i > 0 || !first:
			buf = append(buf, ',')
		default:
			buf = append(buf, '[')
		}
		var err error
		if buf, err = appendElement(buf, &list[i]); err != nil {
			return nil, err
		}
	}
	if last {
		buf = append(buf, ']', '\n')
	}
	return buf, nil
}

// jsonAppender is a type that writes its own JSON into a buffer
// (client.Event: the list that is 150 MB at 100,000 events).
type jsonAppender interface {
	AppendJSON([]byte) ([]byte, error)
}

// appendElement appends *v's JSON (see encodeElement); a pointer, so that
// an element is neither copied into an interface nor into a buffer of its own.
func appendElement[T any](buf []byte, v *T) ([]byte, error) {
	if a, ok := any(v).(jsonAppender); ok {
		return a.AppendJSON(buf)
	}
	b, err := encodeElement(*v)
	return append(buf, b...), err
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
