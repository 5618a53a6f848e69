package main

import (
	"strconv"

	"github.com/ecdash/ecdash/client"
)

var resourceHeader = []string{"RESOURCE ID", "USER", "BRAND", "MODEL", "YEAR", "VIN"}

func formatYear(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

func resourceRow(r client.Resource) []string {
	pr, m := r.Problems, r.Metadata
	return []string{
		cell(pr, "resourceId", r.ResourceID),
		cell(pr, "userId", r.UserID),
		cell(pr, "metadata.brand", m.Brand),
		cell(pr, "metadata.model", m.Model),
		cell(pr, "metadata.year", formatYear(m.Year)),
		cell(pr, "metadata.vin", m.VIN),
	}
}

func resourceFields(r client.Resource) []field {
	pr, m := r.Problems, r.Metadata
	fs := []field{
		{"resource id", cell(pr, "resourceId", r.ResourceID)},
		{"id", cell(pr, "id", r.ID)},
		{"user", cell(pr, "userId", r.UserID)},
		{"type", cell(pr, "metadata.resourceType", m.ResourceType)},
		{"brand", cell(pr, "metadata.brand", m.Brand)},
		{"model", cell(pr, "metadata.model", m.Model)},
		{"year", cell(pr, "metadata.year", formatYear(m.Year))},
		{"vin", cell(pr, "metadata.vin", m.VIN)},
	}
	return append(fs, problemFields(pr)...)
}
