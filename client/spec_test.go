package client

import (
	"slices"
	"testing"
)

func TestLoadSpecDescribesEveryOperation(t *testing.T) {
	doc, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"listEvents", "getEvent", "createReport",
		"listResources", "createResource", "updateResource", "deleteResource", "getResource",
		"listSubscriptions", "createSubscription", "getSubscription", "updateSubscription", "deleteSubscription",
		"listReports", "getReport", "dispatchEvent",
	}
	var got []string
	extensions := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			got = append(got, op.OperationID)
			if v, ok := op.Extensions["x-ecdash-extension"]; ok && v == true {
				extensions[op.OperationID] = true
			}
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("operations = %v, want %v", got, want)
	}
	if len(extensions) != 3 || !extensions["listReports"] || !extensions["getReport"] || !extensions["dispatchEvent"] {
		t.Errorf("x-ecdash-extension on %v, want exactly listReports, getReport and dispatchEvent", extensions)
	}
	if doc.Components.SecuritySchemes["Bearer"] == nil {
		t.Error("no Bearer security scheme")
	}
}
