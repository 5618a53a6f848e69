package ui

import (
	"testing"

	"github.com/ecdash/ecdash/views"
)

func TestEveryTabIsAPender(t *testing.T) {
	m := New(testOptions(nil))
	for i, tab := range m.tabs {
		if _, ok := tab.(views.Pender); !ok {
			t.Errorf("tab %d (%T) is not a views.Pender", i, tab)
		}
	}
}
