package list_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
	"github.com/ecdash/ecdash/views"
	"github.com/ecdash/ecdash/views/components/detail"
	"github.com/ecdash/ecdash/views/components/form"
	"github.com/ecdash/ecdash/views/components/table"
	"github.com/ecdash/ecdash/views/list"
	"github.com/ecdash/ecdash/views/list/listtest"
)

var now = time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)

// cars is an API of vehicles in memory; fail makes the next write fail.
type cars struct {
	client.API
	byID map[string]client.Resource
	fail error
}

func newCars(ids ...string) *cars {
	c := &cars{byID: map[string]client.Resource{}}
	for _, id := range ids {
		c.byID[id] = client.Resource{ID: "srv-" + id, ResourceID: id, Metadata: client.VehicleResourceMetadata{Brand: "Volvo"}}
	}
	return c
}

func (c *cars) ListResources(context.Context) ([]client.Resource, error) {
	out := make([]client.Resource, 0, len(c.byID))
	for _, r := range c.byID {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b client.Resource) int { return strings.Compare(a.ResourceID, b.ResourceID) })
	return out, nil
}

func (c *cars) ListSubscriptions(context.Context) ([]client.Subscription, error) { return nil, nil }

func (c *cars) GetResource(_ context.Context, id string) (client.Resource, error) {
	r, ok := c.byID[id]
	if !ok {
		return r, &client.Error{StatusCode: http.StatusNotFound}
	}
	return r, nil
}

func (c *cars) write(id string, r *client.Resource) error {
	if err := c.fail; err != nil {
		c.fail = nil
		return err
	}
	if r == nil {
		if _, ok := c.byID[id]; !ok {
			return &client.Error{StatusCode: http.StatusNotFound}
		}
		delete(c.byID, id)
		return nil
	}
	c.byID[id] = *r
	return nil
}

// carSpec edits a vehicle's resourceId and brand.
func carSpec() list.EditSpec[client.Resource] {
	key := func(r client.Resource) string { return r.ResourceID }
	values := func(_ *views.Context, r *client.Resource) form.Values {
		if r == nil {
			return form.Values{}
		}
		return form.Values{"resourceId": r.ResourceID, "metadata.brand": r.Metadata.Brand}
	}
	build := func(v form.Values) client.Resource {
		return client.Resource{ResourceID: v["resourceId"], Metadata: client.VehicleResourceMetadata{Brand: v["metadata.brand"]}}
	}
	return list.EditSpec[client.Resource]{
		List: list.Spec[client.Resource]{
			Kind: state.Resources, Noun: "cars", SortCol: -1,
			Columns: carColumns, Items: func(s state.Store) []client.Resource { return s.Resources() },
			Key: key, Row: carRow, Detail: carDetail,
			Get: func(ctx context.Context, api client.API, k string) (client.Resource, error) {
				return api.GetResource(ctx, k)
			},
		},
		Noun: "car", Op: "Resource", DraftKind: "car",
		Fields: func(*views.Context, *client.Resource) []form.Field {
			return []form.Field{{Name: "resourceId", Label: "resourceId"}, {Name: "metadata.brand", Label: "brand"}}
		},
		Values:   values,
		Describe: func(r client.Resource) []string { return []string{"car " + r.ResourceID} },
		Create: func(ctx context.Context, api client.API, v form.Values) (client.Resource, error) {
			r := build(v)
			return r, api.(*cars).write(r.ResourceID, &r)
		},
		Update: func(ctx context.Context, api client.API, k string, v, _ form.Values) (client.Resource, error) {
			r := build(v)
			return r, api.(*cars).write(k, &r)
		},
		Delete:  func(ctx context.Context, api client.API, k string) error { return api.(*cars).write(k, nil) },
		Preview: func(v form.Values, _ *client.Resource) client.Resource { return build(v) },
	}
}

func harness(t *testing.T, api *cars, readOnly bool) (*listtest.Harness, string) {
	t.Helper()
	dir := t.TempDir()
	h := listtest.New(t, api, now, dir, readOnly, func(ctx *views.Context) views.Tab {
		return list.NewEditable(carSpec(), ctx)
	})
	return h, dir
}

func rows(h *listtest.Harness) string { return h.Tab.(*list.Editable[client.Resource]).ListView() }

func TestCreateIsShownAtOnceAndSentOnce(t *testing.T) {
	api := newCars("car-1")
	h, _ := harness(t, api, false)
	h.Press("n").Type("car-2").Press("tab").Type("Polestar")
	if !h.Tab.InScreen() || !h.Tab.Capturing() {
		t.Fatal("the form is not a capturing screen on the stack")
	}
	h.Press("ctrl+s")
	if !strings.Contains(rows(h), "car-2") {
		t.Errorf("the new car is not shown while the save is in flight:\n%s", rows(h))
	}
	h.Settle()
	if got := h.Ops(); !slices.Equal(got, []string{"!CreateResource"}) {
		t.Errorf("requests %v, want one create", got)
	}
	if _, ok := api.byID["car-2"]; !ok || h.Tab.InScreen() || h.Tab.Hint() != "created car car-2" {
		t.Errorf("saved %v, form open %v, hint %q", ok, h.Tab.InScreen(), h.Tab.Hint())
	}
}

func TestFailedSaveKeepsTheFormAndRollsBack(t *testing.T) {
	api := newCars("car-1")
	h, _ := harness(t, api, false)
	api.fail = &client.Error{StatusCode: 500, Err: errors.New("boom")}
	h.Press("n").Type("car-2").Press("ctrl+s").Settle()
	view := h.Tab.View()
	if !h.Tab.InScreen() || !strings.Contains(view, "car-2") || !strings.Contains(view, "500") {
		t.Fatalf("a refused save must leave the form open with the input and the error:\n%s", view)
	}
	if strings.Contains(rows(h), "car-2") {
		t.Errorf("the refused car is still listed:\n%s", rows(h))
	}
	h.Press("ctrl+s").Settle() // the operator tries again; now it works
	if _, ok := api.byID["car-2"]; !ok || len(h.Ops()) != 2 {
		t.Errorf("second try: saved %v, requests %v", ok, h.Ops())
	}
}

// An edit checks the server's copy before the PUT: a change made meanwhile
// opens the conflict view instead of being overwritten.
func TestEditChecksForAConflict(t *testing.T) {
	api := newCars("car-1")
	h, _ := harness(t, api, false)
	h.Press("e").Settle()
	h.Press("tab", "ctrl+u").Type("Tesla")
	r := api.byID["car-1"]
	r.Metadata.Brand = "Kia" // someone else saved first
	api.byID["car-1"] = r
	h.Press("ctrl+s").Settle()
	if !strings.Contains(h.Tab.View(), "changed on the server") {
		t.Fatalf("no conflict view:\n%s", h.Tab.View())
	}
	if slices.Contains(h.Ops(), "!UpdateResource") || api.byID["car-1"].Metadata.Brand != "Kia" {
		t.Errorf("the update was sent over the other change: %v", h.Ops())
	}
}

func TestDeleteAsksAndDefaultsToNo(t *testing.T) {
	api := newCars("car-1", "car-2")
	h, _ := harness(t, api, false)
	h.Press("d")
	if !h.Tab.Capturing() || !strings.Contains(h.Tab.View(), "Delete car car-1?") {
		t.Fatalf("no confirmation:\n%s", h.Tab.View())
	}
	h.Press("enter").Settle()
	if len(api.byID) != 2 || h.Tab.InScreen() || len(h.Ops()) != 0 {
		t.Fatalf("enter deleted (or left the dialog open): %v", h.Ops())
	}
	h.Press("d", "y").Settle()
	if _, ok := api.byID["car-1"]; ok || strings.Contains(rows(h), "car-1") {
		t.Errorf("y did not delete car-1:\n%s", rows(h))
	}
}

// Leaving a changed form keeps a draft; opening the form again offers it.
func TestDraftsAreKeptAndOffered(t *testing.T) {
	api := newCars()
	h, dir := harness(t, api, false)
	h.Press("n").Type("car-9").Press("esc")
	if h.Tab.InScreen() || !strings.Contains(h.Tab.Hint(), "draft kept") {
		t.Fatalf("esc: in screen %v, hint %q", h.Tab.InScreen(), h.Tab.Hint())
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "drafts", "*.json")); len(files) != 1 {
		t.Fatalf("drafts on disk: %v", files)
	}
	h.Press("n")
	if !strings.Contains(h.Tab.View(), "Restore draft") {
		t.Fatalf("the draft is not offered:\n%s", h.Tab.View())
	}
	h.Press("y")
	if !strings.Contains(h.Tab.View(), "car-9") {
		t.Errorf("the draft was not restored:\n%s", h.Tab.View())
	}
	// Quitting with the form open keeps what it holds now.
	h.Type("-b")
	if err := h.Tab.(views.DraftKeeper).KeepDrafts(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "drafts", "*.json"))
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "car-9-b") {
		t.Errorf("the draft does not hold the latest input: %s", b)
	}
}

func TestReadOnlyHasNoEditing(t *testing.T) {
	api := newCars("car-1")
	h, _ := harness(t, api, true)
	h.Press("n", "e", "d").Settle()
	if h.Tab.InScreen() || len(h.Ops()) != 0 {
		t.Errorf("read-only opened a form or sent %v", h.Ops())
	}
	for _, b := range h.Tab.KeyMap().Enabled() {
		if d := b.Help().Desc; strings.Contains(d, "new car") || strings.Contains(d, "delete") {
			t.Errorf("read-only help offers %q", d)
		}
	}
}

var carColumns = []table.Column{{Title: "Resource ID", Width: 12}, {Title: "Brand", Width: 10, Grow: 1}}

func carRow(r client.Resource, _ time.Time, _ *time.Location) table.Row {
	return table.Row{Cells: []string{r.ResourceID, r.Metadata.Brand}}
}

func carDetail(r client.Resource, _ *views.Context) (string, detail.Doc, []byte) {
	var d detail.Doc
	d.Field("brand", r.Metadata.Brand)
	return "Car " + r.ResourceID, d, nil
}
