package resources

import (
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/form"
)

// Form field names: the JSON paths the API names them by in its errors.
const (
	fID         = "id"
	fUserID     = "userId"
	fResourceID = "resourceId"
	fBrand      = "metadata.brand"
	fModel      = "metadata.model"
	fYear       = "metadata.year"
	fVIN        = "metadata.vin"
)

// minYear is the oldest model year the API accepts; the newest is next
// year (manufacturers sell next year's models).
const minYear = 1990

// fields lays out the resource form; item is nil for a new vehicle.
func fields(ctx *views.Context, item *client.Resource) []form.Field {
	var out []form.Field
	if item != nil {
		out = append(out, form.Field{Name: fID, Label: "id", Kind: form.Display})
	}
	return append(out,
		form.Field{Name: fUserID, Label: "userId", Placeholder: "the partner's user of the vehicle", Limit: 128},
		form.Field{Name: fResourceID, Label: "resourceId", Placeholder: "how the partner names the vehicle", Limit: 128,
			Check: checkResourceID},
		form.Field{Name: fBrand, Label: "brand (make)", Placeholder: "e.g. Volvo", Limit: 64},
		form.Field{Name: fModel, Label: "model", Placeholder: "e.g. XC40 Recharge", Limit: 64},
		form.Field{Name: fYear, Label: "year", Placeholder: "model year", Limit: 4,
			Note:  "model year " + strconv.Itoa(minYear) + "–" + strconv.Itoa(maxYear(ctx)),
			Check: func(v string) string { return checkYear(v, maxYear(ctx)) }},
		form.Field{Name: fVIN, Label: "VIN", Placeholder: "17 characters", Limit: 17,
			Note:      "17 of A-Z 0-9, no I/O/Q; upper-cased as you type",
			Normalize: strings.ToUpper, Check: checkVIN},
	)
}

func maxYear(ctx *views.Context) int { return ctx.Now().Year() + 1 }

// values is what the form shows for r (nil: a new vehicle).
func values(_ *views.Context, r *client.Resource) form.Values {
	if r == nil {
		return form.Values{}
	}
	md := r.Metadata
	year := ""
	if md.Year != nil {
		year = strconv.Itoa(*md.Year)
	}
	return form.Values{
		fID: r.ID, fUserID: r.UserID, fResourceID: r.ResourceID,
		fBrand: md.Brand, fModel: md.Model, fYear: year, fVIN: md.VIN,
	}
}

func checkResourceID(v string) string {
	switch {
	case v == "":
		return "required: the API addresses the vehicle by it"
	case strings.TrimSpace(v) != v:
		return "must not start or end with a space"
	}
	return ""
}

func checkYear(v string, newest int) string {
	if v == "" {
		return ""
	}
	y, err := strconv.Atoi(v)
	if err != nil || strings.ContainsAny(v, "+-") {
		return "must be a year such as " + strconv.Itoa(newest-1)
	}
	if y < minYear || y > newest {
		return "must be from " + strconv.Itoa(minYear) + " to " + strconv.Itoa(newest)
	}
	return ""
}

// checkVIN is the API's rule: 17 characters of A-Z and 0-9 without I, O
// and Q (ISO 3779: they read like 1 and 0). Empty is allowed (optional).
func checkVIN(v string) string {
	if v == "" {
		return ""
	}
	for i, r := range v {
		switch {
		case r == 'I' || r == 'O' || r == 'Q':
			return "VINs never use I, O or Q (character " + strconv.Itoa(i+1) + ")"
		case (r < 'A' || r > 'Z') && (r < '0' || r > '9'):
			return "only A-Z and 0-9 (character " + strconv.Itoa(i+1) + ")"
		}
	}
	if n := len(v); n != 17 {
		return "needs 17 characters, has " + strconv.Itoa(n)
	}
	return ""
}

// request is the POST/PUT body for valid form values.
func request(v form.Values) client.ResourceRequest {
	req := client.ResourceRequest{
		UserID:     v[fUserID],
		ResourceID: v[fResourceID],
		Metadata: client.VehicleResourceMetadata{
			ResourceType: "Vehicle", Brand: v[fBrand], Model: v[fModel], VIN: v[fVIN],
		},
	}
	if y, err := strconv.Atoi(v[fYear]); err == nil {
		req.Metadata.Year = &y
	}
	return req
}

// preview is the row shown while a save is in flight.
func preview(v form.Values, prev *client.Resource) client.Resource {
	req := request(v)
	r := client.Resource{UserID: req.UserID, ResourceID: req.ResourceID, Metadata: req.Metadata}
	if prev != nil {
		r.ID = prev.ID
	}
	return r
}

// describe names a vehicle in the delete confirmation.
func describe(r client.Resource) []string {
	md := r.Metadata
	car := strings.TrimSpace(md.Brand + " " + md.Model)
	if md.Year != nil {
		car += " (" + strconv.Itoa(*md.Year) + ")"
	}
	return []string{
		"resourceId " + present.Or(r.ResourceID),
		"vehicle    " + present.Or(strings.TrimSpace(car)),
		"VIN        " + present.Or(md.VIN),
		"userId     " + present.Or(r.UserID),
	}
}
