package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wildStrings are strings encoding/json escapes in every way it does.
var wildStrings = []string{"", "plain", "a\"b\\c", "<tag>&amp;", "tab\there\nnew\rret\bbs\ffeed", "\x00\x01\x1f\x7f",
	"ünïcødé ✓", "line\u2028sep\u2029para", "bad\xffutf8\xc3", "emoji 🚗", "end\\"}

func randomEvent(r *rand.Rand) Event {
	pick := func() string { return wildStrings[r.IntN(len(wildStrings))] }
	ev := Event{ID: pick(), Name: pick(), ProgramID: pick()}
	if r.IntN(2) == 0 {
		p := r.IntN(2000) - 1000
		ev.Priority = &p
	}
	if r.IntN(3) > 0 {
		ev.CreatedDateTime = time.Date(2025, 3, 1, r.IntN(24), r.IntN(60), 0, r.IntN(3)*500_000_000, time.FixedZone("x", 3600*(r.IntN(5)-2)))
	}
	if r.IntN(3) > 0 {
		ev.ModificationDateTime = time.Unix(int64(r.IntN(2e9)), 0).UTC()
	}
	if r.IntN(4) > 0 {
		ev.IntervalPeriod.Start = time.Unix(int64(r.IntN(2e9)), 0).UTC()
	}
	ev.IntervalPeriod.Duration = time.Duration(r.IntN(4)) * time.Duration(r.IntN(100000)) * time.Second
	ev.IntervalPeriod.RandomizeStart = time.Duration(r.IntN(3)) * time.Duration(r.IntN(3600)) * time.Second
	for range r.IntN(4) {
		ev.TargetResources = append(ev.TargetResources, TargetResource{ResourceID: pick(), LocationID: pick()})
	}
	for range r.IntN(3) {
		d := ReportDescriptor{PayloadType: pick()}
		if r.IntN(3) > 0 {
			for range r.IntN(3) {
				d.TargetResources = append(d.TargetResources, pick())
			}
		}
		ev.ReportDescriptors = append(ev.ReportDescriptors, d)
	}
	ev.Payload.Type = []PayloadType{"", PayloadPowerLevel, PayloadCurrentLevel, PayloadUnknown, "Other<>"}[r.IntN(5)]
	ev.Payload.HasValue = r.IntN(4) > 0
	ev.Payload.Value = []float64{0, 7400, -3.5, 1e-7, 1.5e21, 123456789.123, 1e-320, math.MaxFloat64, math.NaN(), math.Inf(1)}[r.IntN(10)]
	if r.IntN(5) == 0 {
		ev.Problems = []FieldProblem{{Field: "intervalPeriod.duration"}}
	}
	return ev
}

// TestEventMarshalMatchesEncodingJSON: the hand-written encoder writes
// exactly what encoding/json writes for the wire struct, or fails alike.
func TestEventMarshalMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for i := 0; i < 20000; i++ {
		ev := randomEvent(r)
		got, gotErr := ev.MarshalJSON()
		want, wantErr := json.Marshal(ev.wire())
		if (gotErr != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("case %d:\n got %s (%v)\nwant %s (%v)", i, got, gotErr, want, wantErr)
		}
	}
}

// FuzzAppendJSONString: any string is written as encoding/json writes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range wildStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

// FuzzAppendJSONFloat: any finite float is written as encoding/json does.
func FuzzAppendJSONFloat(f *testing.F) {
	for _, v := range []float64{0, -0.0, 1, 1e-7, 1e21, 1e20, 123.456, 5e-324} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		want, _ := json.Marshal(v)
		if got := appendJSONFloat(nil, v); !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s, want %s", v, got, want)
		}
	})
}

// FuzzValidJSON: validJSON agrees with json.Valid on any bytes.
func FuzzValidJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, ` {"a":[1,-2.5e+3,true,false,null,"x\u00e9\n"]} `, `{"a":}`, `[1,]`, `01`, `1.`, `-`, `"\x01"`,
		`"\ud834"`, `[[[]]]`, `{"a":1,"a":2}`, "\"bad\xff\"", `1e`, `nul`, `"\q"`, `{"a" 1}`, `[1 2]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validJSON(b), json.Valid(b); got != want {
			t.Fatalf("%q: validJSON %v, json.Valid %v", b, got, want)
		}
	})
}

// TestValidJSONDepth: the nesting limit is encoding/json's.
func TestValidJSONDepth(t *testing.T) {
	for _, n := range []int{9999, 10000, 10001} {
		b := append(bytes.Repeat([]byte("["), n), bytes.Repeat([]byte("]"), n)...)
		if got, want := validJSON(b), json.Valid(b); got != want {
			t.Fatalf("depth %d: validJSON %v, json.Valid %v", n, got, want)
		}
	}
}

// TestTimeSpanMatchesPrintf: the appended TimeSpan is the one fmt wrote.
func TestTimeSpanMatchesPrintf(t *testing.T) {
	old := func(d time.Duration) string {
		var b strings.Builder
		u := uint64(d)
		if d < 0 {
			b.WriteByte('-')
			u = uint64(-d)
		}
		ticks := u / 100
		frac, secs := ticks%10_000_000, ticks/10_000_000
		days := secs / 86400
		secs %= 86400
		if days > 0 {
			b.WriteString(strconv.FormatUint(days, 10))
			b.WriteByte('.')
		}
		fmt.Fprintf(&b, "%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
		if frac != 0 {
			fmt.Fprintf(&b, ".%07d", frac)
		}
		return b.String()
	}
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 100000; i++ {
		d := time.Duration(r.Int64()) >> r.IntN(64)
		if r.IntN(2) == 0 {
			d = -d
		}
		for _, d := range []time.Duration{d, math.MinInt64, math.MaxInt64, 0} {
			if got, want := FormatTimeSpan(d), old(d); got != want {
				t.Fatalf("%d: got %q, want %q", d, got, want)
			}
		}
	}
}
