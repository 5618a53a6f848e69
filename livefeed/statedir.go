package livefeed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// DefaultProfile is the journal profile used when none is named.
const DefaultProfile = "default"

// DefaultJournalDir is where journals live unless --journal says otherwise:
// $XDG_STATE_HOME/ecdash, else ~/.local/state/ecdash.
func DefaultJournalDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ecdash"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the state directory: %w (set XDG_STATE_HOME or pass --journal DIR)", err)
	}
	return filepath.Join(home, ".local", "state", "ecdash"), nil
}

var profileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// checkProfile keeps a profile name to one safe path element.
func checkProfile(profile string) (string, error) {
	if profile == "" {
		return DefaultProfile, nil
	}
	if !profileName.MatchString(profile) {
		return "", errors.New("journal profile name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit: " + fmt.Sprintf("%q", profile))
	}
	return profile, nil
}

// journalDir is profile's journal directory under dir, or under the default
// state directory when dir is "". It only names the directory; writers
// create it, readers expect it.
func journalDir(dir, profile string) (string, error) {
	profile, err := checkProfile(profile)
	if err != nil {
		return "", err
	}
	if dir == "" {
		if dir, err = DefaultJournalDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, profile), nil
}
