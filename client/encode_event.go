package client

import "encoding/json"

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
func (e Event) MarshalJSON() ([]byte, error) {
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
	return json.Marshal(w)
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
	p := e.Payload
	if p.Type == "" && !p.HasValue {
		return nil
	}
	typ := p.Type
	if typ == "" {
		typ = PayloadUnknown
	}
	out := map[string]any{"payloadType": typ}
	if key, ok := payloadValueKey[typ]; ok && p.HasValue {
		out[key] = p.Value
	}
	return out
}
