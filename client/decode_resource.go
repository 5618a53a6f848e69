package client

import "encoding/json"

// UnmarshalJSON decodes a resource tolerantly; it never fails on well-formed JSON.
func (r *Resource) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*r = decodeResource(data, "")
	return nil
}

func decodeResource(raw json.RawMessage, self string) Resource {
	r := Resource{Raw: cloneRaw(raw)}
	o, ok := newObject(raw, "", &r.Problems)
	if !ok {
		r.Problems = append(r.Problems, notObject(self, raw))
		return r
	}
	r.ID = o.str("id")
	r.UserID = o.str("userId")
	r.ResourceID = o.str("resourceId")
	if m := o.child("metadata"); m != nil {
		r.Metadata = VehicleResourceMetadata{
			ResourceType: m.str("resourceType"),
			Brand:        m.str("brand"),
			Model:        m.str("model"),
			Year:         m.intPtr("year"),
			VIN:          m.str("vin"),
		}
	}
	return r
}
