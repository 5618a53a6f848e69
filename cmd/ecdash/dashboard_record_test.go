package main

import (
	"path/filepath"
	"testing"

	"github.com/ecdash/ecdash/internal/sentreports"
)

func TestDashboardRecordDirectory(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		env     map[string]string
		profile string
		wantDir string // "" : no record
	}{
		{"flag", "/flag", map[string]string{"ECDASH_STATE_DIR": "/env", "HOME": "/home/u"}, "prod", "/flag/prod"},
		{"env", "", map[string]string{"ECDASH_STATE_DIR": "/env", "HOME": "/home/u"}, "", "/env/default"},
		{"XDG", "", map[string]string{"XDG_STATE_HOME": "/xdg", "HOME": "/home/u"}, "demo", "/xdg/ecdash/demo"},
		{"home", "", map[string]string{"HOME": "/home/u"}, "demo", "/home/u/.local/state/ecdash/demo"},
		{"nowhere: run without", "", map[string]string{}, "demo", ""},
		{"unsafe profile: run without", "/flag", nil, "../x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{env: &env{getenv: func(k string) string { return tt.env[k] }}}
			a.flags.stateDir = tt.flag
			rec := a.dashboardRecord(tt.profile)
			switch {
			case tt.wantDir == "" && rec != nil:
				t.Errorf("record at %s, want none", rec.Path())
			case tt.wantDir != "" && (rec == nil || rec.Path() != filepath.Join(tt.wantDir, sentreports.FileName)):
				t.Errorf("record %v, want in %s", rec, tt.wantDir)
			}
		})
	}
}
