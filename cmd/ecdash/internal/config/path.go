package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// DefaultPath is where the configuration file lives when neither --config nor
// ECDASH_CONFIG names one: $XDG_CONFIG_HOME/ecdash/config.yaml, else
// ~/.config/ecdash/config.yaml. getenv is os.Getenv outside tests.
func DefaultPath(getenv func(string) string) (string, error) {
	// The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
	if dir := getenv("XDG_CONFIG_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "ecdash", "config.yaml"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot locate the config file: neither XDG_CONFIG_HOME nor HOME is set; pass --config")
		}
	}
	return filepath.Join(home, ".config", "ecdash", "config.yaml"), nil
}

// expandPath turns "~/x" into a path under the home directory and a relative
// path into one relative to the config file's directory, so that a profile
// means the same thing whatever directory ecdash is run from.
func expandPath(p, configPath string) (string, error) {
	switch {
	case p == "~" || strings.HasPrefix(p, "~/"):
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot expand ~: the home directory is unknown")
		}
		return filepath.Join(home, strings.TrimPrefix(p, "~")), nil
	case filepath.IsAbs(p):
		return filepath.Clean(p), nil
	default:
		return filepath.Join(filepath.Dir(configPath), p), nil
	}
}
