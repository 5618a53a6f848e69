// Package config owns ecdash's configuration file: a YAML document of named
// profiles (API base URL, auth, poll interval, theme, read-only), decoded
// strictly so that a typo or a wrong type is reported with the file, line and
// key, and secrets that are only ever referenced (an environment variable or a
// file), never echoed.
package config

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
)

// File is a decoded configuration file.
type File struct {
	Path  string // where it was read from (or would have been)
	Found bool   // false when no file exists at Path: that is not an error
	// DefaultProfile names the profile used when none is asked for.
	DefaultProfile string
	Profiles       map[string]*Profile

	mode fs.FileMode // permission bits of the file, for the inline-secret check
}

// Profile is one named set of settings.
type Profile struct {
	Name         string
	BaseURL      string
	Auth         Auth
	PollInterval time.Duration // zero when not set
	Theme        string
	Readonly     *bool    // nil when not set
	Bell         *bool    // ring the terminal bell with each alert; nil when not set
	NATS         []string // the live feed's NATS cluster URLs (empty: an embedded store)
	// AllowInlineSecrets permits token: and client_secret: written in the file itself.
	AllowInlineSecrets bool
}

// Auth is how a profile authenticates: a static bearer token, or OAuth2 client
// credentials (client id, client secret, token URL).
type Auth struct {
	Token        Secret
	ClientID     string
	ClientSecret Secret
	TokenURL     string
	Scopes       []string
}

// Error is a problem at a place in the configuration file.
type Error struct {
	File string
	Line int    // 0 when unknown
	Key  string // dotted path such as "profiles.prod.poll_interval"
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// ProfileNames lists the profiles in name order.
func (f *File) ProfileNames() []string {
	names := make([]string, 0, len(f.Profiles))
	for n := range f.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Select picks the profile to use: the one named, else default_profile, else
// the only profile when there is exactly one. It returns nil, nil when the file
// has no profile to offer and none was asked for.
func (f *File) Select(name string) (*Profile, error) {
	if name == "" {
		name = f.DefaultProfile
	}
	if name == "" {
		if len(f.Profiles) == 1 {
			for _, p := range f.Profiles {
				return p, nil
			}
		}
		return nil, nil
	}
	if p, ok := f.Profiles[name]; ok {
		return p, nil
	}
	if !f.Found {
		return nil, fmt.Errorf("profile %q not found: there is no config file at %s", name, f.Path)
	}
	if len(f.Profiles) == 0 {
		return nil, fmt.Errorf("profile %q not found: %s defines no profiles", name, f.Path)
	}
	return nil, fmt.Errorf("profile %q not found in %s (profiles: %s)", name, f.Path, strings.Join(f.ProfileNames(), ", "))
}
