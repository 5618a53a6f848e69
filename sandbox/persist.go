package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/atomicfile"
)

// dataFormat names the data file's layout, so a future layout can be told apart.
const dataFormat = "ecdash-sandbox/1"

// dataFile is the JSON layout of the --data file. Events, resources and
// reports use the client's canonical wire encoding, the same the API serves.
type dataFile struct {
	Format        string                `json:"format"`
	Seed          int64                 `json:"seed"`
	NextID        uint64                `json:"nextId"`
	FleetCursor   time.Time             `json:"fleetCursor"`
	Events        []client.Event        `json:"events"`
	Resources     []client.Resource     `json:"resources"`
	Subscriptions []client.Subscription `json:"subscriptions"`
	Reports       []client.Report       `json:"reports"`
}

// encodeState renders a state as the data file's bytes.
func encodeState(st state) ([]byte, error) {
	df := dataFile{
		Format:        dataFormat,
		Seed:          st.Seed,
		NextID:        st.NextID,
		FleetCursor:   st.FleetCursor,
		Events:        nonNil(st.Events),
		Resources:     nonNil(st.Resources),
		Subscriptions: nonNil(st.Subscriptions),
		Reports:       nonNil(st.Reports),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(df); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// loadState reads the data file at path. found is false when there is no
// file (or an empty one, as `touch` or mktemp leave), so the caller seeds.
// Any other problem is an error, and the file is left untouched for the
// operator to inspect: a sandbox never overwrites data it could not read.
func loadState(path string) (st state, found bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return state{}, false, nil
	}
	if err != nil {
		return state{}, false, fmt.Errorf("read data file: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return state{}, false, nil
	}
	var df dataFile
	if err := json.Unmarshal(data, &df); err != nil {
		return state{}, false, fmt.Errorf("data file %s is not a sandbox data file: %w", path, err)
	}
	if df.Format != dataFormat {
		return state{}, false, fmt.Errorf("data file %s has format %q, want %q", path, df.Format, dataFormat)
	}
	st = state{Seed: df.Seed, NextID: df.NextID, FleetCursor: df.FleetCursor}
	var problems []string
	for i, e := range df.Events {
		problems = appendProblems(problems, fmt.Sprintf("events[%d]", i), e.Problems)
		e.Raw, e.Problems = nil, nil
		st.Events = append(st.Events, e)
	}
	for i, r := range df.Resources {
		problems = appendProblems(problems, fmt.Sprintf("resources[%d]", i), r.Problems)
		r.Raw, r.Problems = nil, nil
		st.Resources = append(st.Resources, r)
	}
	for i, s := range df.Subscriptions {
		problems = appendProblems(problems, fmt.Sprintf("subscriptions[%d]", i), s.Problems)
		s.Raw, s.Problems = nil, nil
		st.Subscriptions = append(st.Subscriptions, s)
	}
	for i, r := range df.Reports {
		problems = appendProblems(problems, fmt.Sprintf("reports[%d]", i), r.Problems)
		r.Raw, r.Problems = nil, nil
		st.Reports = append(st.Reports, r)
	}
	if len(problems) > 0 {
		const show = 5
		more := ""
		if len(problems) > show {
			more = fmt.Sprintf(" (and %d more)", len(problems)-show)
			problems = problems[:show]
		}
		return state{}, false, fmt.Errorf("data file %s has invalid fields: %s%s", path, strings.Join(problems, "; "), more)
	}
	return st, true, nil
}

func appendProblems(out []string, where string, ps []client.FieldProblem) []string {
	for _, p := range ps {
		out = append(out, where+"."+p.Error())
	}
	return out
}

// removeStaleTemps deletes temporary files a crashed sandbox left next to
// path. They are never read: the data file is only ever replaced whole.
func removeStaleTemps(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(atomicfile.TempPrefix(base))+"*"))
	for _, m := range matches {
		_ = os.Remove(m)
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
