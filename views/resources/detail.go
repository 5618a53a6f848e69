package resources

import (
	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/detail"
	"github.com/ecdash/ecdash/views/format"
)

// layout is a resource's detail: its ids and the vehicle metadata.
func layout(r client.Resource, _ *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	pr := r.Problems
	md := r.Metadata
	d.Checked(0, "resourceId", format.Or(r.ResourceID), pr, "resourceId")
	d.Checked(0, "userId", format.Or(r.UserID), pr, "userId")
	d.Checked(0, "id", format.Or(r.ID), pr, "id")
	d.Section("vehicle")
	d.Checked(1, "type", format.Or(md.ResourceType), pr, "metadata.resourceType")
	d.Checked(1, "brand", format.Or(md.Brand), pr, "metadata.brand")
	d.Checked(1, "model", format.Or(md.Model), pr, "metadata.model")
	d.Checked(1, "year", format.OptInt(md.Year), pr, "metadata.year")
	d.Checked(1, "VIN", format.Or(md.VIN), pr, "metadata.vin")
	d.Problems(pr)
	title := "Resource " + format.Or(Key(r))
	return title, d, r.Raw
}
