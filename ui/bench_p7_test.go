package ui

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/internal/state"
)

// The P7 child process: set by BenchmarkP7Memory, it says what the child
// holds and where the account is served.
const (
	p7ChildEnv = "ECDASH_P7_CHILD"
	p7URLEnv   = "ECDASH_P7_URL"
	p7Polls    = 3
	p7Size     = 100_000
)

// BenchmarkP7Memory is the P7: the resident memory of a process
// holding an account of 100,000 events and 100,000 resources. Each run
// starts this test binary again as a child (so nothing else shares its
// memory), which loads the account from this process' server over
// loopback, collects its garbage, returns free pages to the system and
// reports its resident set.
//   - ecdash: the dashboard after three polls of events and resources,
//     each applied as the program applies it (rows made, Events tab drawn).
//   - baseline: a process holding only the two lists as the client
//     decodes them.
func BenchmarkP7Memory(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads the resident set from /proc")
	}
	url := scaleServer(b, p7Size).URL
	for _, what := range []string{"ecdash", "baseline"} {
		b.Run(what, func(b *testing.B) {
			var rss, peak float64
			for b.Loop() {
				r, p := p7Child(b, what, url)
				rss, peak = max(rss, r), max(peak, p)
			}
			b.ReportMetric(rss, "rss-MB")
			b.ReportMetric(peak, "peak-rss-MB")
		})
	}
}

// p7Child runs one child and returns its resident and peak resident set
// in MB.
func p7Child(b *testing.B, what, url string) (rss, peak float64) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "-test.run=^TestP7ChildProcess$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), p7ChildEnv+"="+what, p7URLEnv+"="+url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child %s: %v\n%s", what, err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if _, rest, ok := strings.Cut(line, "P7 "); ok {
			if _, err := fmt.Sscanf(rest, "rss=%f peak=%f", &rss, &peak); err == nil {
				return rss, peak
			}
		}
	}
	b.Fatalf("child %s reported nothing:\n%s", what, out)
	return 0, 0
}

// TestP7ChildProcess is BenchmarkP7Memory's child; it does nothing unless
// that benchmark started it.
func TestP7ChildProcess(t *testing.T) {
	what, url := os.Getenv(p7ChildEnv), os.Getenv(p7URLEnv)
	if what == "" {
		t.Skip("run by BenchmarkP7Memory")
	}
	api := newClient(t, url, testToken, nil)
	var keep []any
	switch what {
	case "ecdash":
		m := scaleModelWith(t, api, p7Size, benchW, benchH) // the first poll of each
		for range p7Polls - 1 {
			for _, kind := range []state.Kind{state.Resources, state.Events} {
				m.Update(fetched(t, m, kind))
			}
		}
		_ = m.View()
		keep = append(keep, m)
	case "baseline":
		evs, err := api.ListEvents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res, err := api.ListResources(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) < p7Size || len(res) < p7Size {
			t.Fatalf("%d events, %d resources", len(evs), len(res))
		}
		keep = append(keep, evs, res)
	default:
		t.Fatalf("unknown child %q", what)
	}
	runtime.GC()
	debug.FreeOSMemory()
	rss, peak := residentMB(t)
	fmt.Printf("P7 rss=%.1f peak=%.1f\n", rss, peak)
	runtime.KeepAlive(keep)
}

// residentMB reads the resident and peak resident set of this process.
func residentMB(t *testing.T) (rss, peak float64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		switch {
		case err != nil:
		case name == "VmRSS":
			rss = kb / 1024
		case name == "VmHWM":
			peak = kb / 1024
		}
	}
	return rss, peak
}
