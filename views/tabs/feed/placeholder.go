package feed

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/themes"
)

// Placeholder is what the tab shows while no live feed is configured.
var Placeholder = []string{
	"Live feed",
	"",
	"This tab lists webhook notifications as the API sends them: time,",
	"operation, event, payload type, whether the signature verified, and how",
	"many duplicates arrived. Enter shows a notification's raw body.",
	"",
	"No live feed is configured for this dashboard. Start it with",
	"  --webhook-secret S   to run a receiver on --listen (default 127.0.0.1:8787)",
	"  --feed ws[s]://HOST/feed --relay-token T   to follow an `ecdash relay`",
}

// placeholder draws Placeholder in a width×height area.
func placeholder(th *themes.Theme, width, height int) string {
	if height <= 0 {
		return ""
	}
	title, text := themes.NewPainter(th.Title), themes.NewPainter(th.Muted)
	lines := make([]string, height)
	for i := range lines {
		if i == 0 || i-1 >= len(Placeholder) {
			continue
		}
		s := ansi.Truncate(" "+Placeholder[i-1], width, "…")
		if i == 1 {
			lines[i] = title.Paint(s)
		} else {
			lines[i] = text.Paint(s)
		}
	}
	return strings.Join(lines, "\n")
}
