// Package statedir is where ecdash keeps what it stores on this machine:
// the one rule for the state directory and a profile's place in it, and the
// file lock that keeps two ecdash processes (a dashboard and a relay, two
// dashboards) from interleaving their writes.
package statedir

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
)

// DefaultProfile names the profile's directory when no profile is selected.
const DefaultProfile = "default"

// EnvVar moves the state directory, like the --state-dir flag.
const EnvVar = "ECDASH_STATE_DIR"

// Base is the state directory: explicit (a flag) when set, else
// $ECDASH_STATE_DIR, else $XDG_STATE_HOME/ecdash, else
// $HOME/.local/state/ecdash. getenv is passed in so tests never read the
// real environment.
func Base(explicit string, getenv func(string) string) (string, error) {
	switch {
	case explicit != "":
		return explicit, nil
	case getenv(EnvVar) != "":
		return getenv(EnvVar), nil
	}
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ecdash"), nil
	}
	home := getenv("HOME")
	if home == "" || !filepath.IsAbs(home) {
		return "", errors.New("cannot find the state directory: HOME is not set (set XDG_STATE_HOME or " + EnvVar + ", or pass --state-dir)")
	}
	return filepath.Join(home, ".local", "state", "ecdash"), nil
}

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ProfileName checks that profile can name a directory ("" is
// DefaultProfile) and returns the name to use.
func ProfileName(profile string) (string, error) {
	if profile == "" {
		return DefaultProfile, nil
	}
	if !profileName.MatchString(profile) {
		return "", fmt.Errorf("profile name %q cannot name a state directory: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", profile)
	}
	return profile, nil
}

// Profile is the directory of one profile's state under base. It only
// names the directory: writers create it, readers expect it.
func Profile(base, profile string) (string, error) {
	if base == "" {
		return "", errors.New("no state directory given")
	}
	name, err := ProfileName(profile)
	if err != nil {
		return "", err
	}
	return filepath.Join(base, name), nil
}
