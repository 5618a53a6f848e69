package sentreports

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
)

// DefaultProfile names the state directory used when no profile is selected.
const DefaultProfile = "default"

// DefaultStateDir is $XDG_STATE_HOME/ecdash, else ~/.local/state/ecdash: the
// directory livefeed.DefaultJournalDir also resolves. It is repeated here
// (a few lines) rather than imported because client packages must not
// depend on livefeed; getenv is passed in so tests never read the real
// environment.
func DefaultStateDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ecdash"), nil
	}
	home := getenv("HOME")
	if home == "" || !filepath.IsAbs(home) {
		return "", errors.New("cannot find the state directory: HOME is not set (set XDG_STATE_HOME or ECDASH_STATE_DIR, or pass --state-dir)")
	}
	return filepath.Join(home, ".local", "state", "ecdash"), nil
}

// profileName is livefeed's rule too, so both keep a profile's state in the
// same directory.
var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ProfileDir is the directory of one profile's state under stateDir; an
// empty profile is DefaultProfile. The name must be one safe path element.
func ProfileDir(stateDir, profile string) (string, error) {
	if stateDir == "" {
		return "", errors.New("no state directory given")
	}
	if profile == "" {
		profile = DefaultProfile
	}
	if !profileName.MatchString(profile) {
		return "", fmt.Errorf("profile name %q cannot name a state directory: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", profile)
	}
	return filepath.Join(stateDir, profile), nil
}
