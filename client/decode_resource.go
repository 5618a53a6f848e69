package client

import "encoding/json"

// UnmarshalJSON decodes a resource tolerantly; it never fails on well-formed JSON.
func (r *Resource) UnmarshalJSON(data []byte) error {
	if jsonKind(data) == 'n' {
		return nil
	}
	*r = decodeResource(data, "", nil)
	return nil
}

func decodeResource(raw json.RawMessage, self string, dec *decoding) Resource {
	dec.begin()
	r := Resource{Raw: dec.raw(raw)}
	o, ok := newObject(raw, "", &r.Problems, dec)
	if !ok {
		r.Problems = append(r.Problems, notObject(self, raw))
		return r
	}
	r.ID = o.str("id")
	r.UserID = o.sym("userId")
	r.ResourceID = o.str("resourceId") // one per resource: nothing to share
	if m := o.child("metadata"); m != nil {
		r.Metadata = VehicleResourceMetadata{
			ResourceType: m.sym("resourceType"),
			Brand:        m.sym("brand"),
			Model:        m.sym("model"),
			Year:         m.intPtr("year"),
			VIN:          m.str("vin"),
		}
	}
	return r
}
