package client

import "encoding/json"

// wireReport is the API's Report shape; Payloads only appear in the sandbox's
// GET /reports extension.
type wireReport struct {
	ID                   string                       `json:"id"`
	EventID              string                       `json:"eventId,omitempty"`
	ProgramID            string                       `json:"programId,omitempty"`
	Name                 string                       `json:"name,omitempty"`
	CreatedDateTime      string                       `json:"createdDateTime,omitempty"`
	ModificationDateTime string                       `json:"modificationDateTime,omitempty"`
	Payloads             []VehicleChargeActionPayload `json:"payloads,omitempty"`
}

// MarshalJSON writes the report in the API's shape, with payloads only when
// there are some. A payload without a payloadType gets "VehicleChargeAction",
// the only type v1 defines.
func (r Report) MarshalJSON() ([]byte, error) {
	return json.Marshal(wireReport{
		ID:                   r.ID,
		EventID:              r.EventID,
		ProgramID:            r.ProgramID,
		Name:                 r.Name,
		CreatedDateTime:      timeOrEmpty(r.CreatedDateTime),
		ModificationDateTime: timeOrEmpty(r.ModificationDateTime),
		Payloads:             withPayloadType(r.Payloads),
	})
}

// withPayloadType returns payloads with an empty payloadType filled in,
// copying so the caller's slice is not changed.
func withPayloadType(payloads []VehicleChargeActionPayload) []VehicleChargeActionPayload {
	if len(payloads) == 0 {
		return payloads
	}
	out := make([]VehicleChargeActionPayload, len(payloads))
	copy(out, payloads)
	for i := range out {
		if out[i].PayloadType == "" {
			out[i].PayloadType = ReportPayloadVehicleChargeAction
		}
	}
	return out
}
