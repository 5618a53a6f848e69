package sentreports

import (
	"strings"
	"testing"
)

func TestStateDirs(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	tests := []struct {
		vars    map[string]string
		want    string
		wantErr string
	}{
		{map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"}, "/x/state/ecdash", ""},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/state/ecdash", ""},
		{map[string]string{}, "", "HOME is not set"},
	}
	for _, tt := range tests {
		got, err := DefaultStateDir(env(tt.vars))
		if got != tt.want || (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("DefaultStateDir(%v) = %q, %v", tt.vars, got, err)
		}
	}
	for profile, want := range map[string]string{"": "/s/default", "prod": "/s/prod", "../etc": "", "a/b": "", ".hidden": ""} {
		got, err := ProfileDir("/s", profile)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("ProfileDir(%q) = %q, %v", profile, got, err)
		}
	}
}
