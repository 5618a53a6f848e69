package sentreports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// jnode is a JSON value with the byte offset where it starts, so a problem
// found after parsing can still name its line and column. encoding/json's
// Unmarshal forgets positions and silently keeps the last of two equal
// keys; a report file deserves better.
type jnode struct {
	kind   byte // '{' object, '[' array, '"' string, '0' number, 'b' boolean, 'n' null
	off    int64
	str    string
	num    json.Number
	boolV  bool
	keys   []string // object member names in order
	fields map[string]*jnode
	items  []*jnode
}

// maxDepth bounds nesting: a report is three levels deep, and a file of a
// million '[' must not exhaust the stack.
const maxDepth = 32

type treeParser struct {
	data     []byte
	dec      *json.Decoder
	problems []Problem
}

// errTooDeep stops parsing a value nested deeper than any report.
var errTooDeep = errors.New("nested too deeply")

// parseTree reads exactly one JSON value from data. Syntax is checked first
// by encoding/json's scanner, whose error offsets are exact (the token
// reader's are not); problems that do not stop parsing (a duplicate key)
// are collected.
func parseTree(data []byte) (*jnode, []Problem) {
	p := &treeParser{data: data}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []Problem{{Message: "the file is empty"}}
	}
	if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
		return nil, []Problem{p.syntaxProblem(err)}
	}
	p.dec = json.NewDecoder(bytes.NewReader(data))
	p.dec.UseNumber()
	root, err := p.value(0)
	if err != nil {
		at := p.next()
		if errors.Is(err, errTooDeep) {
			return nil, append(p.problems, p.problemAt(at, "", fmt.Sprintf("nested more than %d levels deep: this is not a report", maxDepth)))
		}
		return nil, append(p.problems, p.problemAt(at, "", "invalid JSON: "+err.Error()))
	}
	return root, p.problems
}

func (p *treeParser) value(depth int) (*jnode, error) {
	if depth > maxDepth {
		return nil, errTooDeep
	}
	off := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &jnode{off: off}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind, n.fields = '{', map[string]*jnode{}
			for p.dec.More() {
				koff := p.next()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				child, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if _, dup := n.fields[key]; dup {
					p.problems = append(p.problems, p.problemAt(koff, "", fmt.Sprintf("member %q appears twice", key)))
					continue
				}
				n.keys = append(n.keys, key)
				n.fields[key] = child
			}
		case '[':
			n.kind = '['
			for p.dec.More() {
				child, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, child)
			}
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.kind, n.str = '"', t
	case json.Number:
		n.kind, n.num = '0', t
	case bool:
		n.kind, n.boolV = 'b', t
	case nil:
		n.kind = 'n'
	}
	return n, nil
}

// next is the offset of the next token: the decoder's position is the end
// of the previous one, before any whitespace, comma or colon.
func (p *treeParser) next() int64 {
	off := p.dec.InputOffset()
	for off < int64(len(p.data)) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (p *treeParser) syntaxProblem(err error) Problem {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return Problem{Message: "invalid JSON: " + err.Error()}
	}
	if se.Offset >= int64(len(p.data)) && strings.Contains(se.Error(), "unexpected end") {
		return p.problemAt(int64(len(p.data)), "", "invalid JSON: the file ends before the report does (a missing } or ] or \")")
	}
	// The scanner stops just after the offending byte.
	return p.problemAt(se.Offset-1, "", "invalid JSON: "+se.Error())
}

// problemAt locates a problem at a byte offset.
func (p *treeParser) problemAt(off int64, path, msg string) Problem {
	line, col := lineCol(p.data, off)
	return Problem{Line: line, Column: col, Path: path, Message: msg}
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[start:]))) + 1
}

// describe names a value's kind for "got …" in a message.
func (n *jnode) describe() string {
	switch n.kind {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		s := n.str
		if r := []rune(s); len(r) > 40 {
			s = string(r[:40]) + "…"
		}
		return "the string " + strconv.Quote(s)
	case '0':
		return "the number " + n.num.String()
	case 'b':
		return strconv.FormatBool(n.boolV)
	}
	return "null"
}
