package livefeed

import (
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// viewer is one connected dashboard. Its serve goroutine is the only writer
// on the connection; readPump is the only reader.
type viewer struct {
	s        *RelayServer
	conn     *websocket.Conn
	stop     chan struct{}
	stopOnce sync.Once
}

func (v *viewer) serve(after uint64, clientJournal string) {
	defer v.conn.Close()
	st, opts := v.s.store, v.s.opts

	first, last, err := st.Bounds()
	if err != nil {
		v.writeClose(websocket.CloseTryAgainLater, "feed store unavailable; retry")
		return
	}
	reset := (clientJournal != "" && clientJournal != st.ID()) || after > last
	if reset {
		after = 0
	}
	// Subscribe before the hello: the subscription replays from the stream
	// and follows it live, so nothing falls between the two.
	sub := st.Subscribe(after, SubscribeOptions{Buffer: opts.SendBuffer, OnLag: LagDisconnect})
	defer sub.Close()

	hello, _ := json.Marshal(helloFrame{Type: frameHello, Journal: st.ID(), After: after, LastSeq: last, FirstSeq: first, Reset: reset})
	if v.write(websocket.TextMessage, hello) != nil {
		return
	}

	readDone := make(chan struct{})
	go v.readPump(readDone)
	finished, watched := make(chan struct{}), make(chan struct{})
	defer func() { close(finished); <-watched }()
	go v.watch(sub, finished, watched)
	ping := time.NewTicker(opts.PingPeriod)
	defer ping.Stop()

	for {
		select {
		case u, ok := <-sub.Updates():
			if !ok {
				<-watched // it is telling the viewer why
				return
			}
			msg, err := encodeUpdate(u)
			if err != nil {
				continue
			}
			if v.write(websocket.TextMessage, msg) != nil {
				return
			}
		case <-ping.C:
			if v.write(websocket.PingMessage, nil) != nil {
				return
			}
		case <-readDone:
			return
		case <-v.stop:
			v.writeClose(websocket.CloseGoingAway, "relay shutting down")
			return
		}
	}
}

// watch closes the connection as soon as the subscription ends, e.g. for
// lagging. The writer may be stuck in a write to this very viewer, so this
// cannot wait for it: a close frame is tried briefly (WriteControl may run
// concurrently with the writer), then the connection is closed, which frees
// the writer at once instead of after its write deadline.
func (v *viewer) watch(sub *Subscription, finished <-chan struct{}, watched chan<- struct{}) {
	defer close(watched)
	select {
	case <-finished:
		return
	case <-sub.Done():
	}
	switch err := sub.Err(); {
	case errors.Is(err, ErrLagging):
		v.s.slow.Add(1)
		v.writeClose(CloseViewerLagging, "too slow; reconnect with after="+strconv.FormatUint(sub.LastSeq(), 10))
	case errors.Is(err, ErrClosed):
		v.writeClose(websocket.CloseGoingAway, "relay shutting down")
	case err != nil:
		v.writeClose(websocket.CloseInternalServerErr, "feed store read failed")
	}
	v.conn.Close()
}

// write sends one message within the write deadline; a viewer that cannot
// take it in time counts as slow, like one that lags.
func (v *viewer) write(kind int, msg []byte) error {
	v.conn.SetWriteDeadline(time.Now().Add(v.s.opts.WriteWait))
	err := v.conn.WriteMessage(kind, msg)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		v.s.slow.Add(1)
	}
	return err
}

func (v *viewer) writeClose(code int, reason string) {
	wait := min(v.s.opts.WriteWait, time.Second)
	v.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(wait))
}

// readPump reads only to process pongs and the viewer's close; a viewer that
// stops answering pings is dropped when its read deadline passes.
func (v *viewer) readPump(done chan<- struct{}) {
	defer close(done)
	pongWait := v.s.opts.PongWait
	v.conn.SetReadLimit(512)
	v.conn.SetReadDeadline(time.Now().Add(pongWait))
	v.conn.SetPongHandler(func(string) error {
		return v.conn.SetReadDeadline(time.Now().Add(pongWait))
	})
	for {
		if _, _, err := v.conn.ReadMessage(); err != nil {
			return
		}
	}
}
