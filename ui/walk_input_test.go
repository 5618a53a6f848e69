package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/ecdash/ecdash/livefeed"
)

// walkKeys is every key a walk presses: each printable ASCII character,
// the named keys and every control key but ctrl+c's twins that end a
// terminal session (the walk sends ctrl+c itself, as a quit).
var walkKeys = func() []tea.KeyMsg {
	var ks []tea.KeyMsg
	for r := rune(0x21); r < 0x7f; r++ {
		ks = append(ks, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	for _, t := range []tea.KeyType{
		tea.KeySpace, tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyBackspace, tea.KeyDelete,
		tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd,
		tea.KeyShiftUp, tea.KeyShiftDown, tea.KeyCtrlUp, tea.KeyCtrlDown, tea.KeyInsert, tea.KeyF1, tea.KeyF5, tea.KeyF12,
	} {
		ks = append(ks, tea.KeyMsg{Type: t})
	}
	for t := tea.KeyCtrlA; t <= tea.KeyCtrlZ; t++ {
		if t == tea.KeyTab || t == tea.KeyEnter || t == tea.KeyBackspace {
			continue // the same codes as tab, enter and backspace
		}
		ks = append(ks, tea.KeyMsg{Type: t})
	}
	// The keys most worth pressing, once more each so a walk meets them more often.
	for _, s := range []string{"1", "2", "3", "4", "5", "/", ":", "?", "L", "e", "n", "d", "R", "v", "x", "s", "S", "D", "E", "J"} {
		ks = append(ks, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
	}
	ks = append(ks, tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyEnter},
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'ä'}, Alt: true}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}, Alt: true})
	return ks
}()

// walkTexts are runs of text a walk types or pastes at once: command lines,
// filters, field values, and text that is hard to measure or to draw.
var walkTexts = []string{
	"theme /path/to/file.yaml", "theme light", "theme high-contrast", "subscribe this dashboard", "unsubscribe this dashboard",
	"refresh all", "mouse off", "log", "z", "quit",
	"tesla 2024", "volvo", "ev-0001", "Morning", "  ", "",
	"名前名前名前", "🚗🚗🚗🚗🚗", "e\u0301\u0301\u0301", "\u202eevil", "\x1b[31mred\x1b[0m", "a\tb", "line\nbreak",
	"http://127.0.0.1:9/hook", "-1", "1e308", "0001-01-01T00:00:00Z", "1969-07-20T20:17:40Z", "9999-12-31T23:59:59Z",
	"00:30:00", "-00:30:00", strings.Repeat("x", 300),
}

// hostileValues replace members of real objects in a hostile list answer.
var hostileValues = []string{
	`null`, `""`, `" "`, `"\u001b[2J\u001b[31mred"`, `"名前名前名前名前名前名前名前名前"`, `"` + strings.Repeat("🚗", 40) + `"`,
	`"a\nb\tc\r"`, `"\u202eevil"`, `"` + strings.Repeat("x", 500) + `"`, `0`, `-1`, `1e308`, `-1e308`, `1.5e-300`,
	`9007199254740993`, `true`, `[]`, `{}`, `[1,"2",null]`, `"0001-01-01T00:00:00Z"`, `"1969-07-20T20:17:40Z"`,
	`"9999-12-31T23:59:59Z"`, `"2025-03-04T18:30:00+14:00"`, `"-00:30:00"`, `"99999.23:59:59"`, `"P1Y2M3DT4H"`,
	`"PT0S"`, `"00:00:00"`, `"not a time"`, `"2025-02-30T00:00:00Z"`, `"ev-0001"`,
}

// withHostile returns resp with its JSON array answer (a list) changed by
// flavour: real elements with members replaced by hostile values, copies
// of an element (the same id twice), elements that are not objects.
func withHostile(resp *http.Response, path string, flavour byte) *http.Response {
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	var elems []json.RawMessage
	if err != nil || json.Unmarshal(body, &elems) != nil {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return resp
	}
	rng := rand.New(rand.NewPCG(uint64(flavour), uint64(len(path))))
	for range 1 + int(flavour)%4 {
		switch n := rng.IntN(10); {
		case n < 6 && len(elems) > 0:
			i := rng.IntN(len(elems))
			elems = append(elems, mutate(elems[i], rng))
		case n < 8 && len(elems) > 0:
			elems = append(elems, elems[rng.IntN(len(elems))])
		default:
			elems = append(elems, json.RawMessage([]string{`42`, `"x"`, `null`, `[]`, `{}`}[rng.IntN(5)]))
		}
	}
	out, _ := json.Marshal(elems)
	resp.Body = io.NopCloser(bytes.NewReader(out))
	resp.ContentLength = int64(len(out))
	resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
	return resp
}

// mutate replaces one to three members (at any depth) of an object.
func mutate(raw json.RawMessage, rng *rand.Rand) json.RawMessage {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return raw
	}
	for range 1 + rng.IntN(3) {
		paths := memberPaths(v, nil)
		if len(paths) == 0 {
			break
		}
		var hostile any
		_ = json.Unmarshal([]byte(hostileValues[rng.IntN(len(hostileValues))]), &hostile)
		v = setPath(v, paths[rng.IntN(len(paths))], hostile)
	}
	out, _ := json.Marshal(v)
	return out
}

func memberPaths(v any, prefix []string) [][]string {
	var out [][]string
	if obj, ok := v.(map[string]any); ok {
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := append(slices.Clone(prefix), k)
			out = append(out, p)
			out = append(out, memberPaths(obj[k], p)...)
		}
	}
	if arr, ok := v.([]any); ok && len(arr) > 0 {
		out = append(out, memberPaths(arr[0], prefix)...)
	}
	return out
}

func setPath(v any, path []string, val any) any {
	if len(path) == 0 {
		return val
	}
	switch x := v.(type) {
	case map[string]any:
		x[path[0]] = setPath(x[path[0]], path[1:], val)
	case []any:
		if len(x) > 0 {
			x[0] = setPath(x[0], path, val)
		}
	}
	return v
}

// feedBatch makes up a batch of notifications: about an event the sandbox
// knows, created, changed or deleted, or about one it does not; verified or
// not; a vendor body; or bytes that are not JSON at all.
func (w *walker) feedBatch() livefeed.Batch {
	var b livefeed.Batch
	events := w.m.cache.Events()
	for range 1 + int(w.byte())%6 {
		w.feed.seq++
		seq := w.feed.seq
		var body []byte
		switch k := w.byte() % 8; {
		case k < 5 && len(events) > 0:
			ev := events[int(w.byte())%len(events)]
			op := []string{"Create", "Update", "Delete", "Frobnicate"}[k%4]
			if k == 4 {
				ev.ID = "ev-unknown-" + strconv.Itoa(int(seq))
			}
			body = fmt.Appendf(nil, `{"notificationId":"n-%d","operationType":%q,"eventPayloadType":"PowerLevel","notificationSentUtc":%q,"eventId":%q,"event":%s}`,
				seq, op, w.clock.Now().Format(time.RFC3339), ev.ID, ev.Raw)
		case k == 5:
			body = []byte(`{"id":"18d91015","type":"PriceCurveCreated","eventId":"1cc9ea41","payload":{}}`)
		case k == 6:
			body = []byte(walkTexts[int(w.byte())%len(walkTexts)])
		default:
			body = fmt.Appendf(nil, `{"notificationId":"n-%d","operationType":"Update","eventId":%s,"event":%s}`,
				seq, hostileValues[int(w.byte())%len(hostileValues)], hostileValues[int(w.byte())%len(hostileValues)])
		}
		sum, _ := livefeed.DecodeSummary(body)
		b.Records = append(b.Records, livefeed.Record{
			Seq: seq, Received: w.clock.Now(), Body: body, Signature: "sig", Verified: w.byte()%4 != 0,
			Summary: sum, Key: "k" + strconv.Itoa(int(seq)), Duplicates: int(w.byte() % 3),
		})
	}
	if w.byte()%2 == 0 && w.feed.seq > 0 {
		b.Duplicates = map[uint64]int{1 + uint64(w.byte())%w.feed.seq: int(w.byte())}
	}
	return b
}
