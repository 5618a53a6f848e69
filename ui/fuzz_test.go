package ui

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// walkMaxSteps bounds one walk, so a long fuzz input costs a bounded time.
const walkMaxSteps = 600

// FuzzModel drives the whole dashboard with walks the fuzzer invents (see
// walker): any sequence of keys, mouse events, sizes from 1×1 to 300×100,
// answers in any order, API faults and hostile lists, feed batches and
// timers, on every tab and screen. Run it with
//
//	go test ./ui -run '^$' -fuzz '^FuzzModel$' -fuzztime 10m
//
// The seeds (walkSeeds, and testdata/fuzz/FuzzModel: walks that once
// crashed) run in every plain go test.
func FuzzModel(f *testing.F) {
	for _, s := range walkSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		newWalker(t, in).walk(walkMaxSteps)
	})
}

// TestRandomWalk is the fuzzer's deterministic twin for CI: long walks from
// fixed seeds of a random generator.
func TestRandomWalk(t *testing.T) {
	walks, length := 24, 3000
	if testing.Short() {
		walks = 6
	}
	for i := range walks {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel() // each walk has its own sandbox and model: they share the cores
			rng := rand.New(rand.NewPCG(uint64(i), 12))
			in := make([]byte, length)
			for j := range in {
				in[j] = byte(rng.UintN(256))
			}
			w := newWalker(t, in)
			w.walk(length)
			if w.quits == 0 && len(w.trace) < 100 {
				t.Errorf("the walk took only %d steps", len(w.trace))
			}
		})
	}
}

// walkSeeds are scripted walks that reach every screen, so the fuzzer
// starts from inside each of them rather than having to find them.
func walkSeeds() [][]byte {
	return [][]byte{
		// the dispatch screen: zoom, pan, modes, vehicles, descriptors, export, compose
		seedWalk("k:enter", "settle", "k:+", "k:+", "k:h", "k:l", "k:0", "k:m", "k:v", "k:V", "k:d", "k:J", "k:J",
			"k:x", "settle", "k:R", "settle", "k:down", "k: ", "k:tab", "t:-1", "k:ctrl+s", "settle", "k:esc", "k:esc"),
		// resources: detail, raw JSON, a new vehicle, an edit, a delete
		seedWalk("k:2", "k:enter", "k:v", "k:down", "k:esc", "k:n", "t:ev-0001", "k:tab", "t:volvo", "k:ctrl+s", "settle",
			"k:esc", "k:e", "k:tab", "t:-1", "k:ctrl+s", "settle", "k:esc", "k:d", "k:y", "settle"),
		// subscriptions: a new one, subscribe this dashboard, a secret revealed
		seedWalk("k:4", "k:n", "t:http://127.0.0.1:9/hook", "k:tab", "k:ctrl+r", "k:ctrl+s", "settle", "k:D", "settle",
			"k:enter", "k:esc", "k:e", "k:ctrl+y", "k:esc"),
		// the palette with text nothing matches, then commands
		seedWalk("k::", "t:z", "k:enter", "k::", "t:theme /path/to/file.yaml", "k:enter", "k::", "t:theme light",
			"k:tab", "k:enter", "k::", "k:up", "k:down", "k:esc", "k::", "t:refresh all", "k:enter", "settle"),
		// filter, sort, help, log
		seedWalk("k:/", "t:tesla 2024", "k:enter", "k:s", "k:S", "k:right", "k:S", "k:esc", "k:?", "k:L", "k:esc", "k:L", "k:esc"),
		// the feed: batches, a notification's detail
		seedWalk("k:5", "feed", "feed", "k:enter", "k:v", "k:esc", "feed", "k:G", "k:1", "feed", "settle"),
		// reports, with the API failing and answering hostile lists
		seedWalk("fault:0:3", "k:r", "settle", "hostile:9", "k:3", "k:r", "settle", "k:enter", "k:esc",
			"fault:3:2", "timer", "timer", "settle", "hostile:200", "k:1", "k:r", "settle", "k:enter", "settle"),
		// every size class, with a screen open
		seedWalk("k:enter", "size:1,1", "size:40,12", "size:59,14", "size:60,15", "size:80,24", "size:300,100",
			"k:?", "size:61,16", "k:esc", "k::", "size:200,60", "k:esc"),
		// the clock runs: countdowns, staleness, polls
		seedWalk("clock:200", "timer", "timer", "timer", "settle", "clock:250", "timer", "settle"),
	}
}

// seedWalk writes the bytes of a walk from named steps: "k:NAME" presses
// a key (tea.KeyMsg's name), "t:TEXT" types one of walkTexts, "settle" runs
// every waiting command, "timer" fires one, "size:W,H", "fault:KIND:N",
// "hostile:FLAVOUR", "clock:SECONDS", "feed".
func seedWalk(steps ...string) []byte {
	var out []byte
	for _, s := range steps {
		verb, arg, _ := strings.Cut(s, ":")
		switch verb {
		case "k":
			out = append(out, 0, keyIndex(arg))
		case "t":
			out = append(out, 9, textIndex(arg), 1)
		case "settle":
			out = append(out, 18)
		case "timer":
			out = append(out, 15, 0)
		case "size":
			w, h, _ := strings.Cut(arg, ",")
			out = append(out, 11, sizeByte(w, 300), sizeByte(h, 100))
		case "fault":
			k, n, _ := strings.Cut(arg, ":")
			out = append(out, 16, byte(atoi(k)), byte(atoi(n)-1))
		case "hostile":
			out = append(out, 16, 7, byte(atoi(arg)))
		case "clock":
			out = append(out, 19, byte(atoi(arg)))
		case "feed":
			out = append(out, 17, 4, 0, 0, 1, 1, 0, 1, 1, 2, 0, 1, 2, 1, 0, 0, 3, 1, 1, 0)
		default:
			panic("seedWalk: unknown step " + s)
		}
	}
	return out
}

func keyIndex(name string) byte {
	if name == "" { // "k::" names the colon key
		name = ":"
	}
	for i, k := range walkKeys {
		if k.String() == name && i < 256 {
			return byte(i)
		}
	}
	panic("seedWalk: no key " + name)
}

func textIndex(text string) byte {
	for i, s := range walkTexts {
		if s == text {
			return byte(i)
		}
	}
	panic("seedWalk: no text " + text)
}

// sizeByte inverts the walker's mapping of a byte to a size in 1..max.
func sizeByte(s string, maxSize int) byte {
	v := atoi(s)
	return byte(((v-1)*256 + maxSize - 1) / maxSize)
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}
