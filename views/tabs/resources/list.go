// Package resources is the Resources tab: the partner's enrolled vehicles,
// listed, and created, edited (in a form or as JSON in $EDITOR) and
// deleted through the list package's editing.
package resources

import (
	"context"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
)

// Column indices.
const (
	ColResourceID = iota
	ColUserID
	ColBrand
	ColModel
	ColYear
	ColVIN
)

var columns = []table.Column{
	ColResourceID: {Title: "Resource ID", Width: 14, MinWidth: 10, Grow: 1},
	ColUserID:     {Title: "User ID", Width: 36, MinWidth: 8, Grow: 1},
	ColBrand:      {Title: "Brand", Width: 14, MinWidth: 8},
	ColModel:      {Title: "Model", Width: 16, MinWidth: 8, Grow: 1},
	ColYear:       {Title: "Year", Width: 4, Right: true},
	ColVIN:        {Title: "VIN", Width: 17},
}

// New builds the Resources tab, with editing (see EditSpec).
func New(ctx *views.Context) views.Tab { return list.NewEditable(EditSpec(), ctx) }

// Spec describes the Resources list.
func Spec() list.Spec[client.Resource] {
	return list.Spec[client.Resource]{
		Kind:    state.Resources,
		Noun:    "resources",
		Columns: columns,
		SortCol: ColResourceID,
		Items:   func(s state.Store) []client.Resource { return s.Resources() },
		Key:     Key,
		Row:     row,
		Detail:  layout,
		Get: func(ctx context.Context, api client.API, key string) (client.Resource, error) {
			return api.GetResource(ctx, key)
		},
	}
}

// Key identifies a resource: its resourceId (what the API addresses it by),
// else its server id.
func Key(r client.Resource) string {
	if r.ResourceID != "" {
		return r.ResourceID
	}
	return r.ID
}

func row(r client.Resource, _ time.Time, _ *time.Location) table.Row {
	md := r.Metadata
	checked := func(field, text string) string {
		return present.Checked(r.Problems, field, present.Or(text))
	}
	year := ""
	if md.Year != nil {
		year = present.SortNumber(float64(*md.Year))
	}
	out := table.Row{
		Cells: []string{
			ColResourceID: checked("resourceId", r.ResourceID),
			ColUserID:     checked("userId", r.UserID),
			ColBrand:      checked("metadata.brand", md.Brand),
			ColModel:      checked("metadata.model", md.Model),
			ColYear:       checked("metadata.year", present.OptInt(md.Year)),
			ColVIN:        checked("metadata.vin", md.VIN),
		},
		Sort: []string{
			ColResourceID: strings.ToLower(r.ResourceID),
			ColUserID:     strings.ToLower(r.UserID),
			ColBrand:      strings.ToLower(md.Brand),
			ColModel:      strings.ToLower(md.Model),
			ColYear:       year,
			ColVIN:        md.VIN,
		},
	}
	if len(r.Problems) > 0 {
		out.Mark = table.MarkDanger
	}
	return out
}
