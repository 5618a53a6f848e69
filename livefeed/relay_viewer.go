package livefeed

import (
	"context"
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

// serve sends the hello, then what the viewer misses from the stream itself
// (catchUp), then the relay's live frames (follow).
func (v *viewer) serve(after uint64, clientJournal string) {
	defer v.conn.Close()
	st := v.s.store

	first, last, err := st.Bounds()
	if err == nil {
		err = v.s.fan.start()
	}
	if err != nil {
		v.writeClose(websocket.CloseTryAgainLater, "feed store unavailable; retry")
		return
	}
	reset := (clientJournal != "" && clientJournal != st.ID()) || after > last
	if reset {
		after = 0
	}
	hello, _ := json.Marshal(helloFrame{Type: frameHello, Journal: st.ID(), After: after, LastSeq: last, FirstSeq: first, Reset: reset})
	if v.write(websocket.TextMessage, hello) != nil {
		return
	}

	readDone := make(chan struct{})
	go v.readPump(readDone)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-readDone:
		case <-v.stop:
		case <-ctx.Done():
		}
		cancel()
	}()
	if pos, ok := v.catchUp(ctx, after); ok {
		v.follow(ctx, pos, readDone)
	}
}

// catchUp sends what the viewer misses from the stream itself, until it
// is within SendBuffer of the live end, which the relay's ring holds; it returns the last stream
// sequence sent, and false when the viewer is gone or the read failed.
func (v *viewer) catchUp(ctx context.Context, pos uint64) (uint64, bool) {
	buffer := v.s.opts.SendBuffer
	if v.s.fan.near(pos+1, buffer) {
		return pos, true
	}
	// The stream may be quiet while the viewer waits here: keep pinging, or
	// its read deadline would drop it. Control frames may be written
	// beside the frames this goroutine writes.
	pinging, stopPing := context.WithCancel(ctx)
	defer stopPing()
	go func() {
		t := time.NewTicker(v.s.opts.PingPeriod)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				v.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(v.s.opts.WriteWait))
			case <-pinging.Done():
				return
			}
		}
	}()
	var werr error
	err := v.s.store.read(ctx, pos, 0, false, func(u Update, seq, _ uint64) bool {
		if v.s.fan.near(seq, buffer) {
			pos = seq - 1 // all before it was sent, or was a repeat marker counted in a record
			return false  // the ring has it: the live part starts here
		}
		if msg, err := encodeUpdate(u); err == nil {
			if werr = v.write(websocket.TextMessage, msg); werr != nil {
				return false
			}
		}
		pos = seq
		return true
	})
	switch {
	case werr != nil, ctx.Err() != nil:
		return pos, false
	case err != nil:
		v.writeClose(websocket.CloseInternalServerErr, "feed store read failed")
		return pos, false
	}
	return pos, true
}

// follow sends the ring's frames after pos as they come. A viewer more than
// SendBuffer behind, or behind what the ring keeps, is let go to resume.
func (v *viewer) follow(ctx context.Context, pos uint64, readDone <-chan struct{}) {
	ping := time.NewTicker(v.s.opts.PingPeriod)
	defer ping.Stop()
	for {
		e, ok, behind, pending, changed, err := v.s.fan.at(pos)
		switch {
		case behind || pending > uint64(v.s.opts.SendBuffer):
			v.s.slow.Add(1)
			v.writeClose(CloseViewerLagging, "too slow; reconnect with after="+strconv.FormatUint(pos, 10))
			return
		case ok:
			if e.frame != nil && v.write(websocket.TextMessage, e.frame) != nil {
				return
			}
			pos = e.seq
			continue
		case errors.Is(err, ErrClosed):
			v.writeClose(websocket.CloseGoingAway, "relay shutting down")
			return
		case err != nil:
			v.writeClose(websocket.CloseTryAgainLater, "feed store unavailable; retry")
			return
		}
		select {
		case <-changed:
		case <-ping.C:
			if v.write(websocket.PingMessage, nil) != nil {
				return
			}
		case <-readDone:
			return
		case <-v.stop:
			v.writeClose(websocket.CloseGoingAway, "relay shutting down")
			return
		case <-ctx.Done():
			return
		}
	}
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
