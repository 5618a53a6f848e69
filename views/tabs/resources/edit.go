package resources

import (
	"context"
	"errors"
	"net/http"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/list"
)

// EditSpec is the Resources tab with editing: n, e, E (JSON in $EDITOR)
// and d, through POST /resources, PUT and DELETE /resources?resourceId=….
func EditSpec() list.EditSpec[client.Resource] {
	return list.EditSpec[client.Resource]{
		List:      Spec(),
		Noun:      "resource",
		Op:        "Resource",
		DraftKind: "resource",
		Fields:    fields,
		Values:    values,
		Describe:  describe,
		Create: func(ctx context.Context, api client.API, v form.Values) (client.Resource, error) {
			r, err := api.CreateResource(ctx, request(v))
			return r, takenID(err)
		},
		Update: func(ctx context.Context, api client.API, key string, v, _ form.Values) (client.Resource, error) {
			r, err := api.UpdateResource(ctx, key, request(v))
			return r, takenID(err)
		},
		Delete: func(ctx context.Context, api client.API, key string) error {
			return api.DeleteResource(ctx, key)
		},
		Preview: preview,
		Editor:  &list.Editor{Encode: encodeJSON, Decode: decodeJSON},
	}
}

// takenID places a 409 (the resourceId belongs to another vehicle) beside
// the resourceId field: the API names no field for it.
func takenID(err error) error {
	var ce *client.Error
	if !errors.As(err, &ce) || ce.StatusCode != http.StatusConflict || ce.Problem == nil || len(ce.Problem.Errors) > 0 {
		return err
	}
	p := *ce.Problem
	p.Errors = map[string][]string{fResourceID: {"already used by another vehicle"}}
	out := *ce
	out.Problem = &p
	return &out
}
