package ui

import (
	"context"
	"fmt"
	"testing"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/state"
)

// manyResources answers ListResources with n generated vehicles.
type manyResources struct {
	fakeAPI
	items []client.Resource
}

func (f *manyResources) ListResources(context.Context) ([]client.Resource, error) {
	return f.items, nil
}

func newManyResources(n int) *manyResources {
	f := &manyResources{items: make([]client.Resource, n)}
	year := 2022
	for i := range f.items {
		f.items[i] = client.Resource{
			ID: fmt.Sprintf("id-%07d", i), ResourceID: fmt.Sprintf("ev-%07d", i), UserID: fmt.Sprintf("user-%05d", i%9973),
			Metadata: client.VehicleResourceMetadata{ResourceType: "Vehicle", Brand: "Volvo", Model: "EX30", Year: &year, VIN: fmt.Sprintf("YV1XZEDV%09d", i)},
		}
	}
	return f
}

// BenchmarkKeypressAndView measures what one keypress costs the whole
// dashboard (route the key, move the cursor, draw every line of the
// screen) on the Resources tab at 1k and 100k rows, in the same run.
func BenchmarkKeypressAndView(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := New(testOptions(newManyResources(n)))
			m.Update(sizeMsg(testWidth, testHeight))
			load(b, m, state.Resources)
			press(m, "2")
			down, up := keyMsg("down"), keyMsg("up")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%60 < 30 {
					m.Update(down)
				} else {
					m.Update(up)
				}
				_ = m.View()
			}
		})
	}
}
