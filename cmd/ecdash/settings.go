package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ecdash/ecdash/cmd/ecdash/internal/config"
	"github.com/spf13/cobra"
)

// Where a setting came from, in precedence order (highest first).
const (
	fromFlag    = "flag"
	fromEnv     = "env"
	fromFile    = "file"
	fromDefault = "default"
)

// setting is one effective value and where it came from, so `config show`
// can explain it and auth can prefer the more explicit source.
type setting struct {
	Value  string
	From   string // fromFlag, fromEnv, fromFile, fromDefault; "" when unset
	Detail string // e.g. "--token", "ECDASH_TOKEN", "profile prod: token_env ECDASH_SANDBOX_TOKEN"
	Secret bool
	// Err is set when the source named a secret that could not be read (an
	// unset variable, an unreadable file). It matters only if the secret is used.
	Err error
}

func (s setting) IsSet() bool { return s.From != "" || s.Err != nil }

// settings are the effective global settings: flag > env > config profile > default.
type settings struct {
	ConfigPath   setting
	ConfigFound  bool
	Profile      setting
	BaseURL      setting
	Token        setting
	ClientID     setting
	ClientSecret setting
	TokenURL     setting
	Poll         setting
	Theme        setting
	Readonly     setting
	Bell         setting

	PollInterval time.Duration
	ReadonlyOn   bool
	BellOn       bool
	Scopes       []string // only from the config file
	NATS         []string // the profile's nats key (flag and env: resolveLive)
}

// resolveSettings merges flags, environment and the config file. It fails on a
// bad config file, an unknown profile or a malformed flag or variable; an
// unreadable secret is recorded in its setting instead, since it may not be needed.
func (a *app) resolveSettings(cmd *cobra.Command) (*settings, error) {
	s := &settings{}
	var err error
	if s.ConfigPath, err = a.configPath(cmd); err != nil {
		return nil, err
	}
	file, err := config.Load(s.ConfigPath.Value)
	if err != nil {
		return nil, err
	}
	s.ConfigFound = file.Found
	if !file.Found && (s.ConfigPath.From == fromFlag || s.ConfigPath.From == fromEnv) {
		return nil, fmt.Errorf("config file %s does not exist (named by %s)", s.ConfigPath.Value, s.ConfigPath.Detail)
	}

	s.Profile = a.pick(cmd, "profile", "ECDASH_PROFILE", nil, "")
	prof, err := file.Select(s.Profile.Value)
	if err != nil {
		return nil, err
	}
	if prof != nil && s.Profile.From == "" {
		s.Profile = setting{Value: prof.Name, From: fromFile, Detail: "default profile"}
		if file.DefaultProfile == "" {
			s.Profile.Detail = "the only profile"
		}
	}
	// fileValue is a profile field; empty means the profile does not set it.
	fileValue := func(key, v string) func() *setting {
		return func() *setting {
			if prof == nil || v == "" {
				return nil
			}
			return &setting{Value: v, From: fromFile, Detail: "profile " + prof.Name + ": " + key}
		}
	}
	// fileSecret is read only when pick reaches it, so a flag or variable that
	// overrides it never fails on the unset variable it replaces.
	fileSecret := func(sec *config.Secret) func() *setting {
		return func() *setting {
			if prof == nil || !sec.IsSet() {
				return nil
			}
			v, err := sec.Resolve(a.getenv)
			return &setting{Value: v, From: fromFile, Detail: "profile " + prof.Name + ": " + sec.Describe(), Err: err}
		}
	}

	var p config.Profile
	if prof != nil {
		p = *prof
		s.Scopes, s.NATS = p.Auth.Scopes, p.NATS
	}
	s.BaseURL = a.pick(cmd, "base-url", "ECDASH_BASE_URL", fileValue("base_url", p.BaseURL), "")
	s.Token = a.pick(cmd, "token", "ECDASH_TOKEN", fileSecret(&p.Auth.Token), "")
	s.ClientID = a.pick(cmd, "client-id", "ECDASH_CLIENT_ID", fileValue("auth.client_id", p.Auth.ClientID), "")
	s.ClientSecret = a.pick(cmd, "client-secret", "ECDASH_CLIENT_SECRET", fileSecret(&p.Auth.ClientSecret), "")
	s.TokenURL = a.pick(cmd, "token-url", "ECDASH_TOKEN_URL", fileValue("auth.token_url", p.Auth.TokenURL), defaultTokenURL)
	s.Theme = a.pick(cmd, "theme", "ECDASH_THEME", fileValue("theme", p.Theme), defaultTheme)
	s.Token.Secret, s.ClientSecret.Secret = true, true
	// Registered at once, so an error from the checks below can't echo them.
	a.addSecrets(s.Token.Value, s.ClientSecret.Value)

	pollFile := ""
	if p.PollInterval > 0 {
		pollFile = p.PollInterval.String()
	}
	s.Poll = a.pick(cmd, "poll", "ECDASH_POLL", fileValue("poll_interval", pollFile), defaultPoll.String())
	if s.PollInterval, err = parsePoll(s.Poll); err != nil {
		return nil, err
	}
	// A boolean from the file is the text the flag and the variable give.
	boolFile := func(key string, v *bool) func() *setting {
		if v == nil {
			return nil
		}
		return fileValue(key, strconv.FormatBool(*v))
	}
	s.Readonly = a.pick(cmd, "readonly", "ECDASH_READONLY", boolFile("readonly", p.Readonly), "false")
	if s.ReadonlyOn, err = parseBool(s.Readonly); err != nil {
		return nil, err
	}
	s.Bell = a.pick(cmd, "bell", "ECDASH_BELL", boolFile("bell", p.Bell), "false")
	if s.BellOn, err = parseBool(s.Bell); err != nil {
		return nil, err
	}

	return s, nil
}

// parseBool reads a boolean setting, naming where a bad one came from.
func parseBool(s setting) (bool, error) {
	b, err := strconv.ParseBool(s.Value)
	if err != nil {
		return false, fmt.Errorf("%s: invalid boolean %q (use true or false)", s.Detail, s.Value)
	}
	return b, nil
}

// pick applies flag > env > file > default for one setting. file may be nil,
// or return nil when the profile does not set it.
func (a *app) pick(cmd *cobra.Command, flag, envVar string, file func() *setting, def string) setting {
	if f := cmd.Flags().Lookup(flag); f != nil && f.Changed {
		return setting{Value: f.Value.String(), From: fromFlag, Detail: "--" + flag}
	}
	if v := a.getenv(envVar); v != "" {
		return setting{Value: v, From: fromEnv, Detail: envVar}
	}
	if file != nil {
		if fs := file(); fs != nil {
			return *fs
		}
	}
	if def != "" {
		return setting{Value: def, From: fromDefault}
	}
	return setting{}
}

func parsePoll(s setting) (time.Duration, error) {
	d, err := time.ParseDuration(s.Value)
	if err != nil {
		return 0, fmt.Errorf("%s: invalid duration %q (write e.g. 15s, 1m)", s.Detail, s.Value)
	}
	if d < time.Second {
		return 0, fmt.Errorf("%s: poll interval %s is too short: the minimum is 1s", s.Detail, d)
	}
	return d, nil
}

// configPath is --config, else ECDASH_CONFIG, else the XDG default.
func (a *app) configPath(cmd *cobra.Command) (setting, error) {
	if s := a.pick(cmd, "config", "ECDASH_CONFIG", nil, ""); s.From != "" {
		return s, nil
	}
	p, err := config.DefaultPath(a.getenv)
	if err != nil {
		return setting{}, err
	}
	return setting{Value: p, From: fromDefault}, nil
}
