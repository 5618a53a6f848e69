package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// errContent marks an answer that arrived but cannot be used: bytes that
// are not the JSON array expected, or an element the caller refused. Any
// other error of a split is the reader's (the network's), worth a retry.
type errContent struct{ err error }

func (e *errContent) Error() string { return e.err.Error() }
func (e *errContent) Unwrap() error { return e.err }

func malformed(format string, args ...any) error {
	return &errContent{err: fmt.Errorf(format, args...)}
}

// arraySplitter reads a JSON array from a stream and hands over each
// element's bytes as soon as the element is complete, so a 150 MB list is
// never held whole. It finds where elements end (strings, escapes and
// nesting) but does not check that they are valid JSON: the element
// decoders do, for the elements they decode.
type arraySplitter struct {
	src      io.Reader
	win      []byte // read window
	pos, end int
	readErr  error
	elem     []byte // the element being gathered, reused
}

func newArraySplitter(r io.Reader) *arraySplitter {
	return &arraySplitter{src: r, win: make([]byte, 64<<10)}
}

// fill reads more into the window once it is used up; false at the end of
// the stream (readErr says why).
func (s *arraySplitter) fill() bool {
	if s.pos < s.end {
		return true
	}
	for s.readErr == nil {
		n, err := s.src.Read(s.win)
		s.pos, s.end, s.readErr = 0, n, err
		if n > 0 {
			return true
		}
	}
	return false
}

// failure is the error for a stream that ended early: the reader's own
// error, or malformed content when the stream simply stopped.
func (s *arraySplitter) failure(what string) error {
	if s.readErr != nil && !errors.Is(s.readErr, io.EOF) {
		return s.readErr
	}
	return malformed("answer ends %s", what)
}

// next is the next byte that is not white space, consumed; false at the end.
func (s *arraySplitter) next() (byte, bool) {
	for s.fill() {
		c := s.win[s.pos]
		s.pos++
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c, true
	}
	return 0, false
}

// split calls fn with each element of the array in order; raw is valid only
// during the call. A null answer is an empty list.
func (s *arraySplitter) split(fn func(i int, raw []byte) error) error {
	c, ok := s.next()
	switch {
	case !ok:
		return s.failure("before any JSON")
	case c == 'n':
		return s.literalRest("ull")
	case c != '[':
		return malformed("answer is not a JSON array")
	}
	for i := 0; ; i++ {
		c, ok := s.next()
		if !ok {
			return s.failure("inside the array")
		}
		if c == ']' && i == 0 {
			return s.trailer()
		}
		s.pos-- // c starts the element
		if err := s.element(); err != nil {
			return err
		}
		if err := fn(i, s.elem); err != nil {
			return &errContent{err: err}
		}
		switch c, ok := s.next(); {
		case !ok:
			return s.failure("inside the array")
		case c == ']':
			return s.trailer()
		case c != ',':
			return malformed("unexpected %q after element %d", c, i)
		}
	}
}

// element gathers one value into s.elem.
func (s *arraySplitter) element() error {
	s.elem = s.elem[:0]
	depth, inStr, esc := 0, false, false
	start := s.pos
	first := true
	for {
		if s.pos >= s.end {
			s.elem = append(s.elem, s.win[start:s.end]...)
			if !s.fill() {
				if depth == 0 && !inStr && !first {
					return nil // a number or literal that ends the stream: the caller sees no ']'
				}
				return s.failure("inside an element")
			}
			start = s.pos
		}
		c := s.win[s.pos]
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
				if depth == 0 {
					s.pos++
					s.elem = append(s.elem, s.win[start:s.pos]...)
					return nil
				}
			default:
				// Skip to the next quote or backslash (or the window's
				// end): most of a list is the bytes of its strings.
				rest := s.win[s.pos:s.end]
				n := bytes.IndexByte(rest, '"')
				if n < 0 {
					n = len(rest)
				}
				if b := bytes.IndexByte(rest[:n], '\\'); b >= 0 {
					n = b
				}
				s.pos += n
				first = false
				continue
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				if first {
					return malformed("unexpected %q", c)
				}
				s.elem = append(s.elem, s.win[start:s.pos]...)
				return nil // ends a scalar: the array's own ']'
			}
			if depth--; depth == 0 {
				s.pos++
				s.elem = append(s.elem, s.win[start:s.pos]...)
				return nil
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			if first {
				return malformed("unexpected %q", c)
			}
			s.elem = append(s.elem, s.win[start:s.pos]...)
			return nil // ends a scalar
		}
		first = false
		s.pos++
	}
}

// literalRest checks the rest of a top-level literal and what follows it.
func (s *arraySplitter) literalRest(rest string) error {
	for i := 0; i < len(rest); i++ {
		if !s.fill() || s.win[s.pos] != rest[i] {
			return malformed("answer is not a JSON array")
		}
		s.pos++
	}
	return s.trailer()
}

// trailer checks that nothing but white space follows the array.
func (s *arraySplitter) trailer() error {
	if c, ok := s.next(); ok {
		return malformed("unexpected %q after the array", c)
	}
	if s.readErr != nil && !errors.Is(s.readErr, io.EOF) {
		return s.readErr
	}
	return nil
}
