package livefeed_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// p8Viewers and p8Rate are P8's load: 50 websocket viewers, 1,000
// notifications a second.
const (
	p8Viewers = 50
	p8Rate    = 1000
)

// BenchmarkP8RelayFanOut is P8: b.N notifications stored at 1,000 a second
// on the embedded store and fanned out by the relay to 50 websocket
// viewers. The latency runs from the moment a notification is due (not
// when the store took it: a publisher that falls behind counts) to a
// viewer reading its frame, over every viewer; each viewer must read every
// notification once, in order. The baseline writes the same frames
// straight to 50 websocket connections (no store, no resume, no relay
// protocol): the cost of the fan-out itself. The viewers are the same
// light readers on both sides (they decode a frame's seq and time, as a
// dashboard on another machine would before its own work), so the two
// differ only in what serves them. Run with -benchtime 2000x.
func BenchmarkP8RelayFanOut(b *testing.B) {
	b.Run("ecdash", func(b *testing.B) {
		st, err := livefeed.OpenStore(context.Background(), livefeed.StoreOptions{Dir: b.TempDir(), Profile: "p8"})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		relay, err := livefeed.NewRelayServer(st, livefeed.RelayOptions{Token: "p8-token"})
		if err != nil {
			b.Fatal(err)
		}
		defer relay.Close()
		srv := httptest.NewServer(relay)
		defer srv.Close()
		header := http.Header{"Authorization": {"Bearer p8-token"}}
		n := b.N
		lat, wait := viewers(b, "ws"+strings.TrimPrefix(srv.URL, "http")+livefeed.DefaultFeedPath, header, n)
		b.ResetTimer()
		pace(n, func(i int, due time.Time) {
			rec := livefeed.Record{Body: livefeedtest.Notification(i, client.OperationCreate), Key: "p8-" + strconv.Itoa(i), Received: due}
			if _, _, err := st.Append(context.Background(), rec); err != nil {
				b.Error(err)
			}
		})
		wait()
		lat.Report(b, "")
	})
	b.Run("baseline", func(b *testing.B) {
		h := newBareHub()
		srv := httptest.NewServer(h)
		defer srv.Close()
		n := b.N
		lat, wait := viewers(b, "ws"+strings.TrimPrefix(srv.URL, "http"), nil, n)
		h.waitFor(p8Viewers)
		b.ResetTimer()
		pace(n, func(i int, due time.Time) {
			frame, _ := json.Marshal(p8Frame{Type: "record", Seq: uint64(i + 1), Received: due, Body: livefeedtest.Notification(i, client.OperationCreate)})
			h.broadcast(frame)
		})
		wait()
		lat.Report(b, "")
	})
}

// p8Frame is what a viewer reads of a relay's record frame.
type p8Frame struct {
	Type     string    `json:"type"`
	Seq      uint64    `json:"seq"`
	Received time.Time `json:"received"`
	Body     []byte    `json:"body,omitempty"`
}

// viewers connects p8Viewers websocket readers to url; each must read n
// record frames, in order and once each. wait blocks until they have.
func viewers(b *testing.B, url string, header http.Header, n int) (*livefeedtest.Latencies, func()) {
	lat := &livefeedtest.Latencies{}
	var wg sync.WaitGroup
	for range p8Viewers {
		conn, _, err := websocket.DefaultDialer.Dial(url, header)
		if err != nil {
			b.Fatal(err)
		}
		wg.Go(func() {
			defer conn.Close()
			var last uint64
			for got := 0; got < n; {
				_, msg, err := conn.ReadMessage()
				if err != nil {
					b.Errorf("a viewer read %d of %d: %v", got, n, err)
					return
				}
				var f struct {
					Type     string    `json:"type"`
					Seq      uint64    `json:"seq"`
					Received time.Time `json:"received"`
				}
				if json.Unmarshal(msg, &f) != nil || f.Type != "record" {
					continue
				}
				if f.Seq <= last {
					b.Errorf("a viewer read seq %d after %d", f.Seq, last)
					return
				}
				last = f.Seq
				lat.Add(time.Since(f.Received))
				got++
			}
		})
	}
	return lat, wg.Wait
}

// pace calls send(i, due) for i in [0, n), the i-th due at start + i/p8Rate
// and sent then (at once when the sends fall behind).
func pace(n int, send func(i int, due time.Time)) {
	start := time.Now()
	for i := range n {
		due := start.Add(time.Duration(i) * time.Second / p8Rate)
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		send(i, due)
	}
}

// bareHub is the baseline fan-out: each connection has a writer goroutine
// fed by a buffered channel; nothing is stored.
type bareHub struct {
	mu     sync.Mutex
	conns  []chan []byte
	joined chan struct{}
}

func newBareHub() *bareHub { return &bareHub{joined: make(chan struct{}, 1024)} }

func (h *bareHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	ch := make(chan []byte, 4096)
	h.mu.Lock()
	h.conns = append(h.conns, ch)
	h.mu.Unlock()
	h.joined <- struct{}{}
	for msg := range ch {
		if conn.WriteMessage(websocket.TextMessage, msg) != nil {
			return
		}
	}
}

func (h *bareHub) waitFor(n int) {
	for range n {
		<-h.joined
	}
}

func (h *bareHub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ch := range h.conns {
		ch <- msg
	}
}
