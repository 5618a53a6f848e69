package ui

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/livefeed"
	"github.com/ecdash/ecdash/livefeed/livefeedtest"
)

// P4's load: 10,000 notifications posted at 1,000 a second.
const (
	p4Total = 10_000
	p4Rate  = 1_000
)

// BenchmarkP4WebhookToModel is the P4: 10,000 signed notifications
// POSTed over loopback at 1,000 a second, by a sender in another process
// (as a grid operator's server is), through the real receiver and journal
// into the dashboard (Feed tab on screen, 120×36), each message followed
// by Update and View as tea.Program does. It reports the latency from
// just before each POST (the time travels in the notification) to the
// model having applied it (Update returned; the View that follows is in
// update-view), and the most messages (so View calls) let go within any
// one frame (1/60 s).
//   - ecdash: the shell's Batcher: a notification after a quiet frame at
//     once, the rest of a burst at the frame's end, event JSON decoded
//     off the UI loop.
//   - baseline: one message per notification.
func BenchmarkP4WebhookToModel(b *testing.B) {
	b.Run("ecdash", func(b *testing.B) { benchPaced(b, true) })
	b.Run("baseline", func(b *testing.B) { benchPaced(b, false) })
}

// The P4 sender process: set by benchPaced.
const (
	p4SenderURL    = "ECDASH_P4_URL"
	p4SenderSecret = "ECDASH_P4_SECRET"
)

func benchPaced(b *testing.B, coalesce bool) {
	var lat, arrive, work livefeedtest.Latencies
	maxPerFrame, views := 0, 0
	for b.Loop() {
		srv, local := localFeedServer(b)
		m := New(feedOptions(nil, local))
		m.Update(sizeMsg(testWidth, testHeight))
		m.switchTab(state.Feed)

		sender := p4Sender(b, srv)
		next := feedMessages(b, m, local, coalesce)
		var arrivals []time.Time
		for done := 0; done < p4Total; {
			msg := next()
			got := time.Now()
			fb, _ := msg.(feedBatchMsg)
			out := fb.batch.At // when the Batcher let it go
			if out.IsZero() {
				out = got // one message per notification: no Batcher
			}
			arrivals = append(arrivals, out) // one View per message
			for _, r := range fb.batch.Records {
				if at, ok := livefeedtest.SentAt(r.Summary); ok {
					arrive.Add(got.Sub(at))
				}
			}
			m.Update(msg)
			applied := time.Now()
			for _, r := range fb.batch.Records {
				if at, ok := livefeedtest.SentAt(r.Summary); ok {
					lat.Add(applied.Sub(at))
				}
			}
			m.View()
			work.Add(time.Since(got))
			done += len(fb.batch.Records)
		}
		if err := sender.Wait(); err != nil {
			b.Fatal(err)
		}
		if feedRows(m) != p4Total {
			b.Fatalf("%d rows, want %d", feedRows(m), p4Total)
		}
		m.Shutdown()
		views += len(arrivals)
		maxPerFrame = max(maxPerFrame, mostWithin(arrivals, livefeed.DefaultFrame))
	}
	b.ReportMetric(float64(views)/float64(b.N), "views/op")
	b.ReportMetric(float64(maxPerFrame), "max-views/frame")
	lat.Report(b, "post-to-model-")
	arrive.Report(b, "post-to-message-")
	work.Report(b, "update-view-")
}

// p4Sender starts this test binary again as the sender of P4's load.
func p4Sender(b *testing.B, srv *livefeedtest.Server) *p4Process {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestP4SenderProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), p4SenderURL+"="+srv.URL, p4SenderSecret+"="+hex.EncodeToString(srv.Secret))
	p := &p4Process{cmd: cmd}
	cmd.Stdout, cmd.Stderr = &p.out, &p.out // shown only if it fails: its PASS would split the benchmark's line
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cmd.Process.Kill() })
	return p
}

// p4Process is the running sender and what it printed.
type p4Process struct {
	cmd *exec.Cmd
	out bytes.Buffer
}

// Wait waits for the sender; its error carries what it printed.
func (p *p4Process) Wait() error {
	if err := p.cmd.Wait(); err != nil {
		return fmt.Errorf("the sender process: %w\n%s", err, p.out.Bytes())
	}
	return nil
}

// TestP4SenderProcess is BenchmarkP4WebhookToModel's sender; it does
// nothing unless that benchmark started it.
func TestP4SenderProcess(t *testing.T) {
	url := os.Getenv(p4SenderURL)
	if url == "" {
		t.Skip("run by BenchmarkP4WebhookToModel")
	}
	secret, err := hex.DecodeString(os.Getenv(p4SenderSecret))
	if err != nil {
		t.Fatal(err)
	}
	if err := livefeedtest.NewSender(url, secret).PostPaced(context.Background(), p4Total, p4Rate, 8, nil); err != nil {
		t.Fatal(err)
	}
}

// mostWithin is the largest number of times (in order) that fall within
// one span of each other: the most views any one frame saw.
func mostWithin(times []time.Time, span time.Duration) int {
	most, lo := 0, 0
	for hi := range times {
		for times[hi].Sub(times[lo]) >= span {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	return most
}
