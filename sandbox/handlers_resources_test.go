package sandbox

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

const goodVIN = "WVGZZZE2ZNP012345"

func TestResourceListAndGet(t *testing.T) {
	s := newTestServer(t, nil)
	rec := call(t, s, http.MethodGet, "/resources", "")
	mustStatus(t, rec, http.StatusOK)
	var list []map[string]any
	decodeInto(t, rec, &list)
	if len(list) != seedVehicles {
		t.Fatalf("%d resources, want %d", len(list), seedVehicles)
	}
	first := list[0]
	rid, _ := first["resourceId"].(string)
	rec = call(t, s, http.MethodGet, "/resources/"+rid, "")
	mustStatus(t, rec, http.StatusOK)
	var one map[string]any
	decodeInto(t, rec, &one)
	if one["id"] != first["id"] || one["userId"] != first["userId"] {
		t.Fatalf("GET /resources/%s = %v, list has %v", rid, one, first)
	}
	md, _ := one["metadata"].(map[string]any)
	if md["resourceType"] != "Vehicle" || md["brand"] == "" || md["vin"] == "" {
		t.Fatalf("metadata %v", md)
	}
	rec = call(t, s, http.MethodGet, "/resources/ev-9999", "")
	mustStatus(t, rec, http.StatusNotFound)
	if p := problemOf(t, rec); !strings.Contains(p.Detail, "ev-9999") {
		t.Fatalf("404 detail %q does not name the id", p.Detail)
	}
}

func TestCreateResource(t *testing.T) {
	s := newTestServer(t, nil)
	body := fmt.Sprintf(`{"userId":"u-1","resourceId":"ev-new","metadata":{"resourceType":"Vehicle","brand":"Kia","model":"EV9","year":%d,"vin":%q}}`, testNow.Year()+1, goodVIN)
	rec := call(t, s, http.MethodPost, "/resources", body)
	mustStatus(t, rec, http.StatusOK)
	if loc := rec.Header().Get("Location"); loc != "/resources/ev-new" {
		t.Errorf("Location %q", loc)
	}
	var created map[string]any
	decodeInto(t, rec, &created)
	if id, _ := created["id"].(string); len(id) != 36 || created["resourceId"] != "ev-new" || created["userId"] != "u-1" {
		t.Fatalf("created %v", created)
	}
	mustStatus(t, call(t, s, http.MethodGet, "/resources/ev-new", ""), http.StatusOK)

	rec = call(t, s, http.MethodPost, "/resources", body)
	mustStatus(t, rec, http.StatusConflict)
	if p := problemOf(t, rec); !strings.Contains(p.Detail, "ev-new") {
		t.Fatalf("409 detail %q", p.Detail)
	}
	// metadata is optional; resourceType defaults to Vehicle
	rec = call(t, s, http.MethodPost, "/resources", `{"resourceId":"ev-bare"}`)
	mustStatus(t, rec, http.StatusOK)
	decodeInto(t, rec, &created)
	if md, _ := created["metadata"].(map[string]any); md["resourceType"] != "Vehicle" {
		t.Fatalf("bare resource metadata %v", created["metadata"])
	}
}

// invalidResourceBodies are bodies that fail validation, with the field
// each must be reported under.
var invalidResourceBodies = []struct {
	name, body string
	fields     []string
}{
	{"missing resourceId", `{"userId":"u"}`, []string{"resourceId"}},
	{"null resourceId", `{"resourceId":null}`, []string{"resourceId"}},
	{"blank resourceId", `{"resourceId":"  "}`, []string{"resourceId"}},
	{"resourceId not a string", `{"resourceId":12}`, []string{"resourceId"}},
	{"VIN too short", `{"resourceId":"a","metadata":{"vin":"WVGZZZE2ZNP01234"}}`, []string{"metadata.vin"}},
	{"VIN too long", `{"resourceId":"a","metadata":{"vin":"WVGZZZE2ZNP0123456"}}`, []string{"metadata.vin"}},
	{"VIN with I", `{"resourceId":"a","metadata":{"vin":"WVGZZZE2ZNP01234I"}}`, []string{"metadata.vin"}},
	{"VIN with O", `{"resourceId":"a","metadata":{"vin":"OVGZZZE2ZNP012345"}}`, []string{"metadata.vin"}},
	{"VIN with Q", `{"resourceId":"a","metadata":{"vin":"WVGZZZE2QNP012345"}}`, []string{"metadata.vin"}},
	{"VIN lower case", `{"resourceId":"a","metadata":{"vin":"wvgzzze2znp012345"}}`, []string{"metadata.vin"}},
	{"year before 1990", `{"resourceId":"a","metadata":{"year":1989}}`, []string{"metadata.year"}},
	{"year after next year", fmt.Sprintf(`{"resourceId":"a","metadata":{"year":%d}}`, testNow.Year()+2), []string{"metadata.year"}},
	{"year as string", `{"resourceId":"a","metadata":{"year":"2020"}}`, []string{"metadata.year"}},
	{"year fractional", `{"resourceId":"a","metadata":{"year":2020.5}}`, []string{"metadata.year"}},
	{"unknown resourceType", `{"resourceId":"a","metadata":{"resourceType":"Charger"}}`, []string{"metadata.resourceType"}},
	{"metadata not an object", `{"resourceId":"a","metadata":"Tesla"}`, []string{"metadata"}},
	{"several at once", `{"metadata":{"vin":"X","year":1800}}`, []string{"resourceId", "metadata.vin", "metadata.year"}},
}

func TestCreateResourceValidation(t *testing.T) {
	s := newTestServer(t, nil)
	for _, tc := range invalidResourceBodies {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(t, s, http.MethodPost, "/resources", tc.body)
			mustStatus(t, rec, http.StatusBadRequest)
			p := problemOf(t, rec)
			if p.Title != titleValidation {
				t.Errorf("title %q", p.Title)
			}
			if got := sortedKeys(p.Errors); !slices.Equal(got, sorted(tc.fields)) {
				t.Fatalf("errors %v, want fields %v", p.Errors, tc.fields)
			}
		})
	}
	// nothing was created by the rejected requests
	if n := len(s.snapshot().Resources); n != seedVehicles {
		t.Fatalf("%d resources after rejected requests, want %d", n, seedVehicles)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// malformedBodies must be answered 400 naming the body, for every operation
// that reads one.
var malformedBodies = []struct {
	name, body, title string
}{
	{"truncated", `{"resourceId":`, titleMalformedJSON},
	{"not JSON", `resourceId=a`, titleMalformedJSON},
	{"array", `[]`, titleMalformedJSON},
	{"null", `null`, titleMalformedJSON},
	{"string", `"a"`, titleMalformedJSON},
	{"empty", ``, titleMalformedJSON},
	{"trailing garbage", `{"resourceId":"a"} x`, titleMalformedJSON},
	{"over 1 MiB", `{"resourceId":"` + strings.Repeat("a", maxBodyBytes) + `"}`, titleTooLarge},
}

func TestMalformedBodies(t *testing.T) {
	s := newTestServer(t, nil)
	sub := createTestSubscription(t, s)
	for _, target := range [][2]string{
		{http.MethodPost, "/resources"},
		{http.MethodPut, "/resources?resourceId=" + s.snapshot().Resources[0].ResourceID},
		{http.MethodPost, "/subscriptions"},
		{http.MethodPut, "/subscriptions/" + sub},
		{http.MethodPost, "/reports"},
	} {
		for _, tc := range malformedBodies {
			rec := call(t, s, target[0], target[1], tc.body)
			mustStatus(t, rec, http.StatusBadRequest)
			p := problemOf(t, rec)
			if p.Title != tc.title || len(p.Errors["body"]) != 1 {
				t.Errorf("%s %s, %s: title %q errors %v", target[0], target[1], tc.name, p.Title, p.Errors)
			}
		}
	}
}

func TestUpdateResource(t *testing.T) {
	s := newTestServer(t, nil)
	st := s.snapshot()
	a, b := st.Resources[0], st.Resources[1]

	rec := call(t, s, http.MethodPut, "/resources?resourceId="+a.ResourceID,
		`{"userId":"u-9","metadata":{"brand":"Tesla","model":"Model Y","year":2024,"vin":"`+goodVIN+`"}}`)
	mustStatus(t, rec, http.StatusOK)
	var got map[string]any
	decodeInto(t, rec, &got)
	if got["id"] != a.ID || got["resourceId"] != a.ResourceID || got["userId"] != "u-9" {
		t.Fatalf("updated %v (id must stay %s)", got, a.ID)
	}
	rec = call(t, s, http.MethodGet, "/resources/"+a.ResourceID, "")
	decodeInto(t, rec, &got)
	if md, _ := got["metadata"].(map[string]any); md["vin"] != goodVIN {
		t.Fatalf("GET after PUT: %v", got)
	}

	// renaming onto another vehicle's resourceId conflicts
	rec = call(t, s, http.MethodPut, "/resources?resourceId="+a.ResourceID, `{"resourceId":"`+b.ResourceID+`"}`)
	mustStatus(t, rec, http.StatusConflict)
	problemOf(t, rec)
	// renaming to a free one moves it
	mustStatus(t, call(t, s, http.MethodPut, "/resources?resourceId="+a.ResourceID, `{"resourceId":"ev-renamed"}`), http.StatusOK)
	mustStatus(t, call(t, s, http.MethodGet, "/resources/ev-renamed", ""), http.StatusOK)
	mustStatus(t, call(t, s, http.MethodGet, "/resources/"+a.ResourceID, ""), http.StatusNotFound)

	for _, tc := range []struct {
		name, target, body string
		status             int
		field              string
	}{
		{"no query", "/resources", `{"resourceId":"x"}`, http.StatusBadRequest, "resourceId"},
		{"empty query", "/resources?resourceId=", `{"resourceId":"x"}`, http.StatusBadRequest, "resourceId"},
		{"unknown", "/resources?resourceId=ev-9999", `{"resourceId":"ev-9999"}`, http.StatusNotFound, ""},
		{"bad VIN", "/resources?resourceId=" + b.ResourceID, `{"metadata":{"vin":"short"}}`, http.StatusBadRequest, "metadata.vin"},
		{"bad year", "/resources?resourceId=" + b.ResourceID, `{"metadata":{"year":1900}}`, http.StatusBadRequest, "metadata.year"},
	} {
		rec := call(t, s, http.MethodPut, tc.target, tc.body)
		mustStatus(t, rec, tc.status)
		p := problemOf(t, rec)
		if tc.field != "" && len(p.Errors[tc.field]) == 0 {
			t.Errorf("%s: errors %v lack %s", tc.name, p.Errors, tc.field)
		}
	}
}

func TestDeleteResource(t *testing.T) {
	s := newTestServer(t, nil)
	rid := s.snapshot().Resources[3].ResourceID
	rec := call(t, s, http.MethodDelete, "/resources?resourceId="+rid, "")
	mustStatus(t, rec, http.StatusNoContent)
	if rec.Body.Len() != 0 {
		t.Fatalf("204 with a body: %s", rec.Body)
	}
	mustStatus(t, call(t, s, http.MethodGet, "/resources/"+rid, ""), http.StatusNotFound)
	rec = call(t, s, http.MethodDelete, "/resources?resourceId="+rid, "")
	mustStatus(t, rec, http.StatusNotFound)
	problemOf(t, rec)
	rec = call(t, s, http.MethodDelete, "/resources", "")
	mustStatus(t, rec, http.StatusBadRequest)
	if p := problemOf(t, rec); len(p.Errors["resourceId"]) == 0 {
		t.Fatalf("errors %v", p.Errors)
	}
}
