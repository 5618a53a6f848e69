package resources

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
)

// layout is a resource's detail: its ids and the vehicle metadata.
func layout(r client.Resource, _ *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := r.Problems
	md := r.Metadata
	d.Checked(0, "resourceId", present.Or(r.ResourceID), pr, "resourceId")
	d.Checked(0, "userId", present.Or(r.UserID), pr, "userId")
	d.Checked(0, "id", present.Or(r.ID), pr, "id")
	d.Section("vehicle")
	d.Checked(1, "type", present.Or(md.ResourceType), pr, "metadata.resourceType")
	d.Checked(1, "brand", present.Or(md.Brand), pr, "metadata.brand")
	d.Checked(1, "model", present.Or(md.Model), pr, "metadata.model")
	d.Checked(1, "year", present.OptInt(md.Year), pr, "metadata.year")
	d.Checked(1, "VIN", present.Or(md.VIN), pr, "metadata.vin")
	d.Problems(pr)
	title := "Resource " + present.Or(Key(r))
	return title, d, r.Raw
}
