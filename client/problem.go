package client

import (
	"encoding/json"
	"maps"
	"strings"
)

// problemMembers are the RFC 9457 members ProblemDetails has fields for; any
// other member is an extension.
var problemMembers = map[string]bool{
	"type": true, "title": true, "status": true, "detail": true, "instance": true, "errors": true,
}

// UnmarshalJSON decodes problem details tolerantly: status may be a string,
// errors may map a field to one string instead of a list, and other members
// are kept in Extensions. It never fails on well-formed JSON.
func (p *ProblemDetails) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*p = decodeProblem(data)
	return nil
}

func decodeProblem(raw json.RawMessage) ProblemDetails {
	var discard []FieldProblem
	var p ProblemDetails
	o, ok := newObject(raw, "", &discard, nil)
	if !ok {
		return p
	}
	p.Type = o.str("type")
	p.Title = o.str("title")
	if n := o.intPtr("status"); n != nil {
		p.Status = *n
	}
	p.Detail = o.str("detail")
	p.Instance = o.str("instance")
	if errs := o.child("errors"); errs != nil {
		p.Errors = map[string][]string{}
		for _, m := range errs.unique() {
			msgs := errs.stringListExact(string(m.key))
			if len(msgs) > 0 {
				p.Errors[string(m.key)] = msgs
			}
		}
	}
	for _, m := range o.unique() {
		if !problemMembers[strings.ToLower(string(m.key))] {
			if p.Extensions == nil {
				p.Extensions = map[string]json.RawMessage{}
			}
			p.Extensions[string(m.key)] = cloneRaw(m.val)
		}
	}
	return p
}

// stringListExact reads a list of messages without splitting on commas
// (messages are prose); non-string members are kept as their JSON text.
func (o *object) stringListExact(key string) []string {
	var out []string
	for _, raw := range o.list(key) {
		if s, ok := scalarText(raw); ok {
			out = append(out, s)
		} else if jsonKind(raw) != 'n' {
			out = append(out, string(cloneRaw(raw)))
		}
	}
	return out
}

// MarshalJSON writes the standard members and every extension member.
func (p ProblemDetails) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(p.Extensions)+6)
	for k, v := range p.Extensions {
		if !problemMembers[k] {
			out[k] = v
		}
	}
	type plain ProblemDetails // without methods, so this does not recurse
	std, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(std, &members); err != nil {
		return nil, err
	}
	maps.Copy(out, toAny(members))
	return json.Marshal(out)
}

func toAny(m map[string]json.RawMessage) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
