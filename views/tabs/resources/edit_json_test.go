package resources

import (
	"strings"
	"testing"

	"github.com/ecdash/ecdash/views/components/form"
)

func TestJSONRoundTrip(t *testing.T) {
	v := form.Values{fUserID: "u", fResourceID: "r-1", fBrand: "Kia", fModel: "EV6", fYear: "2022", fVIN: "KNDC1234567890123"}
	b, err := encodeJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"year": 2022`) || !strings.Contains(string(b), `"resourceType": "Vehicle"`) {
		t.Errorf("encoded:\n%s", b)
	}
	got, err := decodeJSON(b)
	if err != nil || !form.Equal(got, v, []string{fUserID, fResourceID, fBrand, fModel, fYear, fVIN}) {
		t.Errorf("decoded %v, %v", got, err)
	}
	// A bad year typed in the form survives the trip so it can be reported.
	b, _ = encodeJSON(form.Values{fYear: "20x1"})
	if !strings.Contains(string(b), `"year": "20x1"`) {
		t.Errorf("encoded:\n%s", b)
	}
}

func TestJSONErrorsNameTheMember(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"resourceId": 5}`, "resourceId: must be a string, not a JSON number"},
		{`{"metadata": {"year": "2021"}}`, "metadata.year: must be a whole number such as 2021, not \"2021\""},
		{`{"metadata": {"year": 2021.5}}`, "metadata.year: must be a whole number"},
		{`{"metadata": {"resourceType": "Bike"}}`, `metadata.resourceType: must be Vehicle, not "Bike"`},
		{`{"colour": "red"}`, `unknown member "colour"`},
		{`{"metadata": {"wheels": 4}}`, `unknown member "wheels"`},
		{`{} {}`, "only one JSON object is expected"},
	} {
		_, err := decodeJSON([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.in, err, c.want)
		}
	}
	v, err := decodeJSON([]byte(`{"resourceId": "r", "metadata": {"year": null}}`))
	if err != nil || v[fYear] != "" || v[fResourceID] != "r" {
		t.Errorf("null year: %v %v", v, err)
	}
}
