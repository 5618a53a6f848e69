package form

import "github.com/ecdash/ecdash/themes"

// styles are the painters a form draws with, made again on SetTheme.
type styles struct {
	title, label, focus, text, muted, err, note, button, selected themes.Painter
	added, deleted                                                themes.Painter
}

func newStyles(th *themes.Theme) styles {
	p := themes.NewPainter
	return styles{
		title:    p(th.Title),
		label:    p(th.Text),
		focus:    p(th.Accent),
		text:     p(th.Text),
		muted:    p(th.Muted),
		err:      p(th.Error),
		note:     p(th.Accent),
		button:   p(th.Text),
		selected: p(th.Selected),
		added:    p(th.New),
		deleted:  p(th.Deleted),
	}
}
