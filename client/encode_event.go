package client

import (
	"encoding/json"
	"math"
	"strconv"
)

// wireEvent is the API's Event shape, members in the seed's order.
type wireEvent struct {
	Name                 string                 `json:"name,omitempty"`
	Priority             *int                   `json:"priority,omitempty"`
	ProgramID            string                 `json:"programId,omitempty"`
	ReportDescriptors    []wireReportDescriptor `json:"reportDescriptors"`
	TargetResources      []wireTarget           `json:"targetResources"`
	IntervalPeriod       *wireIntervalPeriod    `json:"intervalPeriod,omitempty"`
	Payload              map[string]any         `json:"payload,omitempty"`
	ID                   string                 `json:"id"`
	CreatedDateTime      string                 `json:"createdDateTime,omitempty"`
	ModificationDateTime string                 `json:"modificationDateTime,omitempty"`
}

type wireReportDescriptor struct {
	PayloadType     string   `json:"payloadType,omitempty"`
	TargetResources []string `json:"targetResources"`
}

type wireTarget struct {
	ResourceID string `json:"resourceId"`
	LocationID string `json:"locationId,omitempty"`
}

type wireIntervalPeriod struct {
	Start          string  `json:"start,omitempty"`
	Duration       string  `json:"duration,omitempty"`
	RandomizeStart *string `json:"randomizeStart"`
}

// MarshalJSON writes the event in the API's canonical shape: times in RFC 3339,
// durations as TimeSpan ("02:00:00"), targets as {resourceId, locationId}, the
// payload as {payloadType, targetPower|targetCurrent}. A value that could not
// be decoded (see Problems) is left out rather than written as a made-up zero.
// It writes what json.Marshal(e.wire()) writes, byte for byte, without
// reflection: the sandbox writes 100,000 events per answer.
func (e Event) MarshalJSON() ([]byte, error) {
	return e.AppendJSON(make([]byte, 0, 256+64*len(e.TargetResources)))
}

// AppendJSON appends what MarshalJSON writes to b: a list of events is
// written into one buffer, with no copy of each event's bytes.
func (e Event) AppendJSON(b []byte) ([]byte, error) {
	if v := e.Payload.Value; e.Payload.HasValue && (math.IsNaN(v) || math.IsInf(v, 0)) {
		j, err := json.Marshal(e.wire()) // its error, as encoding/json words it
		return append(b, j...), err
	}
	return e.appendJSON(b), nil
}

// wire is the event as the wire struct encoding/json writes.
func (e Event) wire() wireEvent {
	w := wireEvent{
		Name:                 e.Name,
		Priority:             e.Priority,
		ProgramID:            e.ProgramID,
		ReportDescriptors:    []wireReportDescriptor{},
		TargetResources:      []wireTarget{},
		ID:                   e.ID,
		CreatedDateTime:      timeOrEmpty(e.CreatedDateTime),
		ModificationDateTime: timeOrEmpty(e.ModificationDateTime),
		IntervalPeriod:       e.wireIntervalPeriod(),
		Payload:              e.wirePayload(),
	}
	for _, d := range e.ReportDescriptors {
		targets := d.TargetResources
		if targets == nil {
			targets = []string{}
		}
		w.ReportDescriptors = append(w.ReportDescriptors, wireReportDescriptor{PayloadType: d.PayloadType, TargetResources: targets})
	}
	for _, t := range e.TargetResources {
		w.TargetResources = append(w.TargetResources, wireTarget(t))
	}
	return w
}

// appendJSON appends the event as wire() would encode, in its member order.
func (e Event) appendJSON(b []byte) []byte {
	b = append(b, '{')
	member := func(name string) { // the first member has no comma
		if b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	if e.Name != "" {
		member("name")
		b = appendJSONString(b, e.Name)
	}
	if e.Priority != nil {
		member("priority")
		b = strconv.AppendInt(b, int64(*e.Priority), 10)
	}
	if e.ProgramID != "" {
		member("programId")
		b = appendJSONString(b, e.ProgramID)
	}
	member("reportDescriptors")
	b = append(b, '[')
	for i, d := range e.ReportDescriptors {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		if d.PayloadType != "" {
			b = append(b, `"payloadType":`...)
			b = appendJSONString(b, d.PayloadType)
			b = append(b, ',')
		}
		b = append(b, `"targetResources":[`...)
		for j, id := range d.TargetResources {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, id)
		}
		b = append(b, ']', '}')
	}
	b = append(b, ']')
	member("targetResources")
	b = append(b, '[')
	for i, t := range e.TargetResources {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"resourceId":`...)
		b = appendJSONString(b, t.ResourceID)
		if t.LocationID != "" {
			b = append(b, `,"locationId":`...)
			b = appendJSONString(b, t.LocationID)
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	if p := e.IntervalPeriod; !p.Start.IsZero() || p.Duration != 0 || p.RandomizeStart != 0 {
		member("intervalPeriod")
		b = append(b, '{')
		if !p.Start.IsZero() {
			b = append(b, `"start":`...)
			b = appendJSONTime(b, p.Start)
			b = append(b, ',')
		}
		if !HasProblem(e.Problems, "intervalPeriod.duration") {
			b = append(b, `"duration":"`...)
			b = appendTimeSpan(b, p.Duration)
			b = append(b, '"', ',')
		}
		b = append(b, `"randomizeStart":`...)
		if p.RandomizeStart == 0 {
			b = append(b, "null"...)
		} else {
			b = append(b, '"')
			b = appendTimeSpan(b, p.RandomizeStart)
			b = append(b, '"')
		}
		b = append(b, '}')
	}
	if typ, ok := e.payloadType(); ok {
		member("payload")
		b = append(b, `{"payloadType":`...)
		b = appendJSONString(b, string(typ))
		if key, ok := payloadValueKey[typ]; ok && e.Payload.HasValue { // "payloadType" sorts before both keys
			b = append(b, ',', '"')
			b = append(b, key...)
			b = append(b, '"', ':')
			b = appendJSONFloat(b, e.Payload.Value)
		}
		b = append(b, '}')
	}
	member("id")
	b = appendJSONString(b, e.ID)
	if t := e.CreatedDateTime; !t.IsZero() {
		member("createdDateTime")
		b = appendJSONTime(b, t)
	}
	if t := e.ModificationDateTime; !t.IsZero() {
		member("modificationDateTime")
		b = appendJSONTime(b, t)
	}
	return append(b, '}')
}

func (e Event) wireIntervalPeriod() *wireIntervalPeriod {
	p := e.IntervalPeriod
	if p.Start.IsZero() && p.Duration == 0 && p.RandomizeStart == 0 {
		return nil
	}
	w := &wireIntervalPeriod{Start: timeOrEmpty(p.Start)}
	if !HasProblem(e.Problems, "intervalPeriod.duration") {
		w.Duration = FormatTimeSpan(p.Duration)
	}
	if p.RandomizeStart != 0 {
		r := FormatTimeSpan(p.RandomizeStart)
		w.RandomizeStart = &r
	}
	return w
}

func (e Event) wirePayload() map[string]any {
	typ, ok := e.payloadType()
	if !ok {
		return nil
	}
	out := map[string]any{"payloadType": typ}
	if key, ok := payloadValueKey[typ]; ok && e.Payload.HasValue {
		out[key] = e.Payload.Value
	}
	return out
}

// payloadType is the type the payload is written with, and whether there
// is a payload to write.
func (e Event) payloadType() (PayloadType, bool) {
	p := e.Payload
	if p.Type == "" && !p.HasValue {
		return "", false
	}
	if p.Type == "" {
		return PayloadUnknown, true
	}
	return p.Type, true
}
