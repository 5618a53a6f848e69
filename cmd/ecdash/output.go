package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/itchyny/gojq"
	"gopkg.in/yaml.v3"

	"github.com/ecdash/ecdash/internal/present"
)

// outputFormats are the -o values every command that prints objects takes.
var outputFormats = []string{"table", "wide", "json", "yaml", "name"}

// output is how a command prints objects: -o, --no-headers and --jq.
type output struct {
	format    string
	noHeaders bool
	jq        string
	code      *gojq.Code // --jq compiled
}

// check validates the flags, compiling --jq; a mistake is a usage error.
func (o *output) check() error {
	valid := false
	for _, f := range outputFormats {
		valid = valid || o.format == f
	}
	if !valid {
		return usageErrorf("invalid output format %q: use -o %s", o.format, strings.Join(outputFormats, "|"))
	}
	if o.jq == "" {
		return nil
	}
	if o.format != "table" && o.format != "json" {
		return usageErrorf("--jq prints its own results: leave out -o %s", o.format)
	}
	q, err := gojq.Parse(o.jq)
	if err != nil {
		return usageErrorf("--jq %q: %v", o.jq, err)
	}
	if o.code, err = gojq.Compile(q); err != nil {
		return usageErrorf("--jq %q: %v", o.jq, err)
	}
	return nil
}

// structured reports whether objects are printed as data (json, yaml or
// through --jq) rather than as a table or names.
func (o *output) structured() bool {
	return o.code != nil || o.format == "json" || o.format == "yaml"
}

// writeObjects prints raws (the server's own JSON, secrets masked) as a
// list or one object, in the structured format asked for.
func (o *output) writeObjects(w io.Writer, raws []json.RawMessage, list bool) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf, raws, list, secretMembers...); err != nil {
		return err
	}
	switch {
	case o.code != nil:
		return runJQ(w, o.code, buf.Bytes())
	case o.format == "yaml":
		return writeYAML(w, buf.Bytes())
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeNames prints kind/id, one per line, as kubectl -o name does.
func writeNames(w io.Writer, kind string, ids []string) error {
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(kind + "/" + present.Sanitize(id) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// runJQ runs a compiled --jq query over data and prints each result: a
// string as it is, anything else as compact JSON, as gh does.
func runJQ(w io.Writer, code *gojq.Code, data []byte) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("--jq: %w", err)
	}
	iter := code.Run(normalizeNumbers(v))
	for {
		r, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := r.(error); isErr {
			return fmt.Errorf("--jq: %w", err)
		}
		var line []byte
		if s, isStr := r.(string); isStr {
			line = []byte(s)
		} else {
			var err error
			if line, err = gojq.Marshal(r); err != nil {
				return fmt.Errorf("--jq: %w", err)
			}
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
	}
}

// normalizeNumbers turns json.Numbers into the int or float64 gojq works on.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
	}
	return v
}

// writeYAML prints JSON as block-style YAML, keeping the members' order:
// YAML reads JSON as it is, and only JSON's style is dropped.
func writeYAML(w io.Writer, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("cannot print YAML: %w", err)
	}
	blockStyle(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("cannot print YAML: %w", err)
	}
	return enc.Close()
}

// blockStyle drops JSON's flow style and quotes: the encoder quotes a
// string again where YAML would read it as something else ("true", "12").
func blockStyle(n *yaml.Node) {
	n.Style &^= yaml.FlowStyle | yaml.DoubleQuotedStyle
	for _, c := range n.Content {
		blockStyle(c)
	}
}
