package detail

import (
	"encoding/json"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/ecdash/ecdash/themes"
	"github.com/ecdash/ecdash/views/components/jsonview"
	"github.com/ecdash/ecdash/views/components/keys"
)

// keyMap is what a detail screen accepts.
type keyMap struct {
	Raw, Back, Up, Down, PageUp, PageDown, Top, Bottom keys.Binding
}

func newKeyMap() keyMap {
	const g = "Detail"
	return keyMap{
		Raw:      keys.New(g, "v", "layout / raw JSON", "v"),
		Back:     keys.New(g, "esc", "back to the list", "esc"),
		Up:       keys.New(g, "↑/k", "scroll up", "up", "k"),
		Down:     keys.New(g, "↓/j", "scroll down", "down", "j"),
		PageUp:   keys.New(g, "pgup/b", "page up", "pgup", "b"),
		PageDown: keys.New(g, "pgdn/f/space", "page down", "pgdown", "f", " "),
		Top:      keys.New(g, "g/home", "top", "g", "home"),
		Bottom:   keys.New(g, "G/end", "bottom", "G", "end"),
	}
}

func (k keyMap) list() keys.Map {
	return keys.Map{k.Raw, k.Back, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// margin is the blank column left of the layout.
const margin = 1

// Model is a detail screen: the object laid out for reading, or its raw JSON.
type Model struct {
	title   string
	doc     Doc
	raw     json.RawMessage
	noRaw   string // why there is no raw JSON ("" : the default)
	showRaw bool

	paint  painters
	head   themes.Painter
	width  int
	height int
	dirty  bool // doc, width or theme changed since the lines were rendered
	pg     pager
	json   jsonview.Model
	km     keyMap
}

// New makes a detail screen for an object titled title, laid out as doc, with
// raw as its JSON (nil when the object was built locally).
func New(th *themes.Theme, title string, doc Doc, raw json.RawMessage) *Model {
	m := &Model{title: title, km: newKeyMap(), json: jsonview.New(th)}
	m.SetTheme(th)
	m.SetDoc(title, doc, raw)
	return m
}

// SetDoc replaces what is shown (after a refresh), keeping the mode and scroll.
func (m *Model) SetDoc(title string, doc Doc, raw json.RawMessage) {
	m.title, m.doc, m.raw = title, doc, raw
	m.json.SetJSON(raw)
	m.dirty = true
}

// Title names the object, for the screen's header and breadcrumbs.
func (m *Model) Title() string { return m.title }

// SetNoRaw says why there is no raw JSON to show ("" for the default:
// the object was built by the dashboard).
func (m *Model) SetNoRaw(text string) { m.noRaw = text }

// ShowingRaw reports whether the raw JSON is shown instead of the layout.
func (m *Model) ShowingRaw() bool { return m.showRaw }

// SetSize sets the area the screen draws in, header line included.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	body := max(m.height-1, 0)
	m.pg.setHeight(body)
	m.json.SetSize(m.width, body)
	m.dirty = true
}

// SetTheme restyles the screen.
func (m *Model) SetTheme(th *themes.Theme) {
	m.paint = newPainters(th)
	m.head = themes.NewPainter(th.Title)
	m.json.SetTheme(th)
	m.dirty = true
}

// KeyMap lists the screen's keys, for help.
func (m *Model) KeyMap() keys.Map { return m.km.list() }

// Update toggles the raw view and scrolls; esc is left to the owning list.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && m.km.Raw.Matches(k) {
		m.showRaw = !m.showRaw
		return nil
	}
	if m.showRaw {
		var cmd tea.Cmd
		m.json, cmd = m.json.Update(msg)
		return cmd
	}
	m.refresh()
	m.pg.handle(msg, m.km)
	return nil
}

func (m *Model) refresh() {
	if m.dirty {
		lines := m.doc.render(m.width-margin, m.paint)
		for i, l := range lines {
			lines[i] = " " + l // the margin: text lines up with the table's cells
		}
		m.pg.setLines(lines)
		m.dirty = false
	}
}

// View draws a header line and the body, exactly height lines.
func (m *Model) View() string {
	if m.height == 0 || m.width == 0 {
		return ""
	}
	keys := "v raw JSON · esc back"
	var body, pos string
	if m.showRaw {
		keys = "raw JSON · v layout · esc back"
		if len(m.raw) == 0 {
			why := m.noRaw
			if why == "" {
				why = "no raw JSON: this object was built by the dashboard, not received"
			}
			body = m.paint.muted.Paint(" " + why)
			body += strings.Repeat("\n", max(m.height-2, 0))
		} else {
			body = m.json.View()
		}
	} else {
		m.refresh()
		body = m.pg.view()
		if p := m.pg.position(); p != "" {
			pos = p + " · "
		}
	}
	head := " " + m.title + "  (" + pos + keys + ")"
	head = m.head.Paint(ansi.Truncate(head, m.width, "…"))
	if m.height == 1 {
		return head
	}
	return head + "\n" + body
}
