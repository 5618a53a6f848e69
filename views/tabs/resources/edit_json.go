package resources

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/ecdash/ecdash/views/components/form"
)

// resourceJSON is the ResourceRequest as the operator edits it in
// $EDITOR. Pointers tell an absent member from an empty one; the year is
// kept raw so a bad one is reported rather than lost.
type resourceJSON struct {
	UserID     *string       `json:"userId,omitempty"`
	ResourceID *string       `json:"resourceId,omitempty"`
	Metadata   *metadataJSON `json:"metadata,omitempty"`
}

type metadataJSON struct {
	ResourceType *string         `json:"resourceType,omitempty"`
	Brand        *string         `json:"brand,omitempty"`
	Model        *string         `json:"model,omitempty"`
	Year         json.RawMessage `json:"year,omitempty"`
	VIN          *string         `json:"vin,omitempty"`
}

// encodeJSON writes form values as an indented ResourceRequest.
func encodeJSON(v form.Values) ([]byte, error) {
	s := func(name string) *string { x := v[name]; return &x }
	vehicle := "Vehicle"
	md := &metadataJSON{ResourceType: &vehicle, Brand: s(fBrand), Model: s(fModel), VIN: s(fVIN)}
	if y := v[fYear]; y != "" {
		if _, err := strconv.Atoi(y); err == nil {
			md.Year = json.RawMessage(y)
		} else {
			md.Year, _ = json.Marshal(y) // kept as typed, reported on return
		}
	}
	return json.MarshalIndent(resourceJSON{UserID: s(fUserID), ResourceID: s(fResourceID), Metadata: md}, "", "  ")
}

// decodeJSON reads an edited ResourceRequest back into form values.
// Unknown members and wrong types are errors naming the member.
func decodeJSON(b []byte) (form.Values, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r resourceJSON
	if err := dec.Decode(&r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s: must be %s, not a JSON %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		}
		return nil, friendly(err)
	}
	if dec.More() {
		return nil, errors.New("only one JSON object is expected; there is more text after it")
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	v := form.Values{fUserID: str(r.UserID), fResourceID: str(r.ResourceID)}
	if md := r.Metadata; md != nil {
		if rt := str(md.ResourceType); rt != "" && rt != "Vehicle" {
			return nil, fmt.Errorf("metadata.resourceType: must be Vehicle, not %q", rt)
		}
		v[fBrand], v[fModel], v[fVIN] = str(md.Brand), str(md.Model), str(md.VIN)
		if y := bytes.TrimSpace(md.Year); len(y) > 0 && string(y) != "null" {
			n, err := strconv.Atoi(string(y))
			if err != nil {
				return nil, fmt.Errorf("metadata.year: must be a whole number such as 2021, not %s", y)
			}
			v[fYear] = strconv.Itoa(n)
		}
	}
	return v, nil
}

// friendly turns encoding/json's unknown-member error into the field's name.
func friendly(err error) error {
	const prefix = "json: unknown field "
	if s := err.Error(); len(s) > len(prefix) && s[:len(prefix)] == prefix {
		return fmt.Errorf("unknown member %s: a resource has userId, resourceId and metadata {resourceType, brand, model, year, vin}", s[len(prefix):])
	}
	return err
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "struct", "ptr":
		return "an object"
	}
	return goKind
}
