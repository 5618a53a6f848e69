package client

import (
	"encoding/json"
	"strings"
)

// UnmarshalJSON decodes an event tolerantly (see decodeEvent); it never fails
// on a well-formed JSON value, so one bad event never hides a list.
func (e *Event) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*e = decodeEvent(data, "", nil)
	return nil
}

// decodeEvent reads an event; self names it in a problem when raw is not an object.
func decodeEvent(raw json.RawMessage, self string, dec *decoding) Event {
	dec.begin()
	e := Event{Raw: dec.raw(raw)}
	o, ok := newObject(raw, "", &e.Problems, dec)
	if !ok {
		e.Problems = append(e.Problems, notObject(self, raw))
		return e
	}
	e.ID = o.str("id")
	e.Name = o.sym("name")
	e.Priority = o.intPtr("priority")
	e.ProgramID = o.sym("programId")
	e.CreatedDateTime = o.time("createdDateTime")
	e.ModificationDateTime = o.time("modificationDateTime")
	e.TargetResources = decodeTargets(o, "targetResources")
	dec.setTargets(e.TargetResources)
	e.ReportDescriptors = decodeReportDescriptors(o, "reportDescriptors")
	if p := o.child("intervalPeriod"); p != nil {
		e.IntervalPeriod = IntervalPeriod{
			Start:          p.time("start"),
			Duration:       p.duration("duration"),
			RandomizeStart: p.duration("randomizeStart"),
		}
	}
	if p := o.child("payload"); p != nil {
		e.Payload = decodePayload(p)
	}
	return e
}

// payloadValueKey is the member holding the target value for each payload type.
var payloadValueKey = map[PayloadType]string{
	PayloadPowerLevel:   "targetPower",
	PayloadCurrentLevel: "targetCurrent",
}

func decodePayload(p *object) EventPayload {
	out := EventPayload{Type: PayloadType(p.sym("payloadType"))}
	if out.Type == "" {
		// No type but a value whose name says it: the unit is not in doubt.
		for _, typ := range []PayloadType{PayloadPowerLevel, PayloadCurrentLevel} {
			if _, ok := p.get(payloadValueKey[typ]); ok {
				out.Type = typ
				break
			}
		}
	}
	key, known := payloadValueKey[out.Type]
	if !known {
		if out.Type != "" && out.Type != PayloadUnknown {
			raw, _ := p.get("payloadType")
			p.problem("payloadType", raw, "unknown payload type %q", string(out.Type))
		}
		return out
	}
	raw, has := p.get(key)
	if !has {
		for other, otherKey := range payloadValueKey {
			if otherRaw, ok := p.get(otherKey); ok && other != out.Type {
				p.problem(otherKey, otherRaw, "sent with payloadType %s, which expects %s", out.Type, key)
			}
		}
	}
	v, ok := p.float(key)
	if ok && v < 0 {
		p.problem(key, raw, "negative target: %v", v)
		ok = false
	}
	out.Value, out.HasValue = v, ok
	if !ok {
		out.Value = 0
	}
	return out
}

// decodeTargets reads targetResources in any of the shapes servers send:
// objects {resourceId, locationId}, plain resource-id strings, or OpenADR
// {targetType, values[]}.
func decodeTargets(o *object, key string) []TargetResource {
	elems := o.list(key)
	var out []TargetResource
	if len(elems) > 0 {
		out = make([]TargetResource, 0, len(elems))
	}
	for i, raw := range elems {
		if id, ok := o.dec.targeted(raw, i); ok {
			out = append(out, TargetResource{ResourceID: id})
			continue
		}
		if tr, ok := o.dec.plainTarget(raw); ok {
			out = append(out, tr)
			continue
		}
		if s, ok := scalarText(raw); ok {
			if strings.TrimSpace(s) == "" {
				o.problem(elem(key, i), raw, "empty resource id")
				continue
			}
			out = append(out, TargetResource{ResourceID: s})
			continue
		}
		t, ok := o.childAt(key, i, raw)
		if !ok {
			o.problem(elem(key, i), raw, "not a target: %s", kindName(raw))
			continue
		}
		out = appendObjectTarget(out, t, raw)
	}
	return out
}

// appendObjectTarget reads t, a target object (raw), into out:
// {resourceId, locationId} or OpenADR's {targetType, values}.
func appendObjectTarget(out []TargetResource, t *object, raw json.RawMessage) []TargetResource {
	if _, openADR := t.get("targetType"); openADR {
		return append(out, decodeOpenADRTarget(t)...)
	}
	if _, openADR := t.get("values"); openADR {
		return append(out, decodeOpenADRTarget(t)...)
	}
	// Resource ids are not shared through the answer's strings: 100,000
	// of them would make every lookup there a cache miss (0.8 s of CPU
	// for 1.8 million targets, against 30 MB of copies).
	tr := TargetResource{ResourceID: t.str("resourceId"), LocationID: t.sym("locationId")}
	if tr.ResourceID == "" && tr.LocationID == "" {
		t.parent.problem(elem(t.key, t.index), raw, "target has neither resourceId nor locationId")
		return out
	}
	return append(out, tr)
}

// decodeOpenADRTarget maps OpenADR 3 {targetType, values} onto resource or
// location ids; other target types (a service area, a group) name no vehicle.
func decodeOpenADRTarget(t *object) []TargetResource {
	typ := t.str("targetType")
	norm := strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(typ))
	var isLocation bool
	switch norm {
	case "resourcename", "resourceid", "resource", "vehicle", "vehicleid":
	case "locationid", "location", "powerservicelocation":
		isLocation = true
	default:
		raw, _ := t.get("targetType")
		t.problem("targetType", raw, "unsupported target type %q", typ)
		return nil
	}
	var out []TargetResource
	for _, v := range t.stringList("values") {
		if isLocation {
			out = append(out, TargetResource{LocationID: t.dec.str(v)})
		} else {
			out = append(out, TargetResource{ResourceID: t.dec.str(v)})
		}
	}
	return out
}

func decodeReportDescriptors(o *object, key string) []ReportDescriptor {
	var out []ReportDescriptor
	for i, raw := range o.list(key) {
		d, ok := o.childAt(key, i, raw)
		if !ok {
			o.problem(elem(key, i), raw, "not a report descriptor: %s", kindName(raw))
			continue
		}
		rd := ReportDescriptor{PayloadType: d.sym("payloadType"), TargetResources: descriptorTargets(d, "targetResources")}
		out = append(out, rd)
	}
	return out
}

// descriptorTargets is a descriptor's resource ids. Where each names one of
// the event's targets, as descriptors usually do, their strings are shared
// and no list of TargetResource is made; otherwise any target shape is read.
func descriptorTargets(d *object, key string) []string {
	elems := d.list(key)
	if len(elems) == 0 {
		return nil
	}
	ids := make([]string, 0, len(elems))
	for i, raw := range elems {
		id, ok := d.dec.targeted(raw, i)
		if !ok {
			return resourceIDs(decodeTargets(d, key), ids[:0])
		}
		ids = append(ids, id)
	}
	return ids
}

// resourceIDs appends the targets' non-empty resource ids to ids.
func resourceIDs(targets []TargetResource, ids []string) []string {
	for _, tr := range targets {
		if tr.ResourceID != "" {
			ids = append(ids, tr.ResourceID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return ids
}
