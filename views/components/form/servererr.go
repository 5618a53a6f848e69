package form

import (
	"errors"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
)

// SetServerError shows a failed request: the problem+json title and detail
// in the form-level area, each of its field errors beside the field it
// names (unknown names listed in the area too). Values are left as typed.
// nil clears every server message.
func (m *Model) SetServerError(err error) {
	for _, in := range m.inputs {
		in.server = ""
	}
	m.formErr, m.counting = nil, false
	if err == nil {
		return
	}
	defer m.maskServerText()
	var ce *client.Error
	if !errors.As(err, &ce) || ce.Problem == nil {
		m.formErr = []string{oneLine(err.Error())}
		return
	}
	p := ce.Problem
	head := strconv.Itoa(ce.StatusCode) + " " + http.StatusText(ce.StatusCode)
	if t := oneLine(p.Title); t != "" && !strings.EqualFold(t, http.StatusText(ce.StatusCode)) {
		head += ": " + t
	}
	m.formErr = append(m.formErr, head)
	if d := oneLine(p.Detail); d != "" {
		m.formErr = append(m.formErr, d)
	}
	names := make([]string, 0, len(p.Errors))
	for n := range p.Errors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		msg := oneLine(strings.Join(p.Errors[n], "; "))
		if in := m.match(n); in != nil {
			if in.server != "" {
				msg = in.server + "; " + msg
			}
			in.server = msg
			continue
		}
		m.formErr = append(m.formErr, n+": "+msg)
	}
	if i := m.firstInvalid(); i >= 0 {
		m.focusOn(i)
	}
}

// maskServerText masks secrets in everything SetServerError placed.
func (m *Model) maskServerText() {
	for i, line := range m.formErr {
		m.formErr[i] = m.MaskSecrets(line)
	}
	for _, in := range m.inputs {
		in.server = m.MaskSecrets(in.server)
	}
}

// MaskSecrets hides the values of the form's secret fields (as typed, and as
// first set) in text from the server, which may echo what it was sent.
func (m *Model) MaskSecrets(text string) string {
	for _, in := range m.inputs {
		if in.Kind != Secret {
			continue
		}
		for _, v := range []string{in.value(), m.initial[in.Name]} {
			if len(v) >= 4 { // shorter would garble ordinary words
				text = strings.ReplaceAll(text, v, client.MaskSecret(v))
			}
		}
	}
	return text
}

// indexSuffix matches an array index in a JSON path ("payloads[2]").
var indexSuffix = regexp.MustCompile(`\[\d+\]`)

// normName folds a server's field name to compare it with Field.Name:
// case-insensitive, array indices dropped, a leading "$." dropped.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "$.")
	return indexSuffix.ReplaceAllString(s, "")
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// match finds the field a server error names: by its full path or an
// alias, else by the last path segment when exactly one field ends so
// ("Vin" and "metadata.vin" both find the VIN).
func (m *Model) match(name string) *input {
	n := normName(name)
	for _, in := range m.inputs {
		if !in.editable() && in.Kind != Display {
			continue
		}
		if normName(in.Name) == n {
			return in
		}
		for _, a := range in.Aliases {
			if normName(a) == n {
				return in
			}
		}
	}
	var found *input
	for _, in := range m.inputs {
		if in.Kind == Heading || lastSegment(normName(in.Name)) != lastSegment(n) {
			continue
		}
		if found != nil {
			return nil // ambiguous: list it in the form area instead
		}
		found = in
	}
	return found
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
