package themes

import "github.com/charmbracelet/lipgloss"

// styleField names one style of a Theme as theme files spell it.
type styleField struct {
	key string
	get func(*Theme) *lipgloss.Style
}

// styleFields lists every style of Theme, in struct order; theme files use
// these keys, and a test checks the list covers every lipgloss.Style field.
var styleFields = []styleField{
	{"text", func(t *Theme) *lipgloss.Style { return &t.Text }},
	{"muted", func(t *Theme) *lipgloss.Style { return &t.Muted }},
	{"accent", func(t *Theme) *lipgloss.Style { return &t.Accent }},
	{"border", func(t *Theme) *lipgloss.Style { return &t.Border }},
	{"title", func(t *Theme) *lipgloss.Style { return &t.Title }},
	{"tab_active", func(t *Theme) *lipgloss.Style { return &t.TabActive }},
	{"tab_inactive", func(t *Theme) *lipgloss.Style { return &t.TabInactive }},
	{"header", func(t *Theme) *lipgloss.Style { return &t.Header }},
	{"header_sorted", func(t *Theme) *lipgloss.Style { return &t.HeaderSorted }},
	{"selected", func(t *Theme) *lipgloss.Style { return &t.Selected }},
	{"changed", func(t *Theme) *lipgloss.Style { return &t.Changed }},
	{"new", func(t *Theme) *lipgloss.Style { return &t.New }},
	{"deleted", func(t *Theme) *lipgloss.Style { return &t.Deleted }},
	{"ok", func(t *Theme) *lipgloss.Style { return &t.OK }},
	{"warn", func(t *Theme) *lipgloss.Style { return &t.Warn }},
	{"error", func(t *Theme) *lipgloss.Style { return &t.Error }},
	{"danger", func(t *Theme) *lipgloss.Style { return &t.Danger }},
	{"status_bar", func(t *Theme) *lipgloss.Style { return &t.StatusBar }},
	{"status_key", func(t *Theme) *lipgloss.Style { return &t.StatusKey }},
	{"status_value", func(t *Theme) *lipgloss.Style { return &t.StatusValue }},
	{"status_ok", func(t *Theme) *lipgloss.Style { return &t.StatusOK }},
	{"status_warn", func(t *Theme) *lipgloss.Style { return &t.StatusWarn }},
	{"status_error", func(t *Theme) *lipgloss.Style { return &t.StatusError }},
	{"read_only", func(t *Theme) *lipgloss.Style { return &t.ReadOnly }},
	{"help_key", func(t *Theme) *lipgloss.Style { return &t.HelpKey }},
	{"help_desc", func(t *Theme) *lipgloss.Style { return &t.HelpDesc }},
	{"overlay", func(t *Theme) *lipgloss.Style { return &t.Overlay }},
	{"json_key", func(t *Theme) *lipgloss.Style { return &t.JSONKey }},
	{"json_string", func(t *Theme) *lipgloss.Style { return &t.JSONString }},
	{"json_number", func(t *Theme) *lipgloss.Style { return &t.JSONNumber }},
	{"json_bool", func(t *Theme) *lipgloss.Style { return &t.JSONBool }},
	{"json_null", func(t *Theme) *lipgloss.Style { return &t.JSONNull }},
	{"json_punct", func(t *Theme) *lipgloss.Style { return &t.JSONPunct }},
	{"chart_target", func(t *Theme) *lipgloss.Style { return &t.ChartTarget }},
	{"chart_fleet", func(t *Theme) *lipgloss.Style { return &t.ChartFleet }},
	{"chart_vehicle", func(t *Theme) *lipgloss.Style { return &t.ChartVehicle }},
	{"chart_now", func(t *Theme) *lipgloss.Style { return &t.ChartNow }},
	{"chart_window", func(t *Theme) *lipgloss.Style { return &t.ChartWindow }},
	{"chart_axis", func(t *Theme) *lipgloss.Style { return &t.ChartAxis }},
	{"chart_label", func(t *Theme) *lipgloss.Style { return &t.ChartLabel }},
}

// StyleKeys lists the style keys a theme file may set, in Theme field order.
func StyleKeys() []string {
	out := make([]string, len(styleFields))
	for i, f := range styleFields {
		out[i] = f.key
	}
	return out
}

func findField(key string) (styleField, bool) {
	for _, f := range styleFields {
		if f.key == key {
			return f, true
		}
	}
	return styleField{}, false
}
