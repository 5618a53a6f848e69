package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/spf13/cobra"
)

// app is the state shared by the commands of one invocation.
type app struct {
	*env
	flags globalFlags
	// secrets are values masked out of any error before it is printed, as a
	// last line of defence should a lower layer ever echo one.
	secrets []string
	tui     bool // the dashboard owns the terminal
}

func (a *app) addSecrets(values ...string) {
	for _, v := range values {
		if len(v) >= 4 { // masking a 1-3 character "secret" would garble ordinary words
			a.secrets = append(a.secrets, v)
		}
	}
}

func (a *app) redact(msg string) string {
	// Flag values count even when settings were never resolved (a flag error).
	a.addSecrets(a.flags.token, a.flags.clientSecret)
	for _, s := range a.secrets {
		msg = strings.ReplaceAll(msg, s, client.MaskSecret(s))
	}
	return msg
}

// authMode says how the client will authenticate.
type authMode int

const (
	authNone authMode = iota
	authToken
	authClientCredentials
)

func (m authMode) String() string {
	switch m {
	case authToken:
		return "bearer token"
	case authClientCredentials:
		return "OAuth2 client credentials"
	}
	return "none"
}

var rank = map[string]int{fromFlag: 3, fromEnv: 2, fromFile: 1}

// auth picks the token or client credentials, whichever was given by the more
// explicit source: a --client-id flag beats a token from the config file, and
// a token wins a tie.
func (s *settings) auth() authMode {
	creds := max(rank[s.ClientID.From], rank[s.ClientSecret.From])
	switch {
	case s.Token.IsSet() && rank[s.Token.From] >= creds:
		return authToken
	case s.ClientID.IsSet() || s.ClientSecret.IsSet():
		return authClientCredentials
	}
	return authNone
}

// checkBaseURL accepts an absolute http(s) URL, and says what else lacks.
func checkBaseURL(s setting) error {
	u, err := url.Parse(s.Value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s: invalid base URL %q: %s", sourceName(s), shownURL(s.Value), urlProblem(s.Value))
	}
	return nil
}

// clientOptions turns settings into client options, failing with what to do
// when something needed is missing.
func (s *settings) clientOptions() (client.Options, error) {
	var o client.Options
	if s.BaseURL.Value == "" {
		return o, errors.New("no API base URL: pass --base-url, set ECDASH_BASE_URL or base_url in a config profile (or try `ecdash demo`)")
	}
	if err := checkBaseURL(s.BaseURL); err != nil {
		return o, err
	}
	o.BaseURL = strings.TrimRight(s.BaseURL.Value, "/")
	switch s.auth() {
	case authToken:
		if s.Token.Err != nil {
			return o, s.Token.Err
		}
		o.Token = s.Token.Value
	case authClientCredentials:
		for _, need := range []struct {
			s    setting
			name string
		}{{s.ClientID, "--client-id (or ECDASH_CLIENT_ID)"}, {s.ClientSecret, "--client-secret (or ECDASH_CLIENT_SECRET)"}} {
			if need.s.Err != nil {
				return o, need.s.Err
			}
			if need.s.Value == "" {
				return o, fmt.Errorf("OAuth2 client credentials are incomplete: %s is missing", need.name)
			}
		}
		o.ClientID, o.ClientSecret, o.TokenURL, o.Scopes = s.ClientID.Value, s.ClientSecret.Value, s.TokenURL.Value, s.Scopes
	default:
		return o, errors.New("no credentials: pass --token (or ECDASH_TOKEN), or --client-id and --client-secret, or set auth in a config profile")
	}
	return o, nil
}

func sourceName(s setting) string {
	if s.Detail != "" {
		return s.Detail
	}
	return s.From
}

// connect resolves settings and builds the API client: what every command that
// talks to the configured API (and the dashboard) starts with.
func (a *app) connect(cmd *cobra.Command) (client.API, *settings, error) {
	s, err := a.resolveSettings(cmd)
	if err != nil {
		return nil, nil, err
	}
	o, err := s.clientOptions()
	if err != nil {
		return nil, nil, err
	}
	api, err := a.newAPI(o)
	if err != nil {
		return nil, nil, err
	}
	return api, s, nil
}

// newAPI builds a client with the invocation's HTTP client and user agent.
func (a *app) newAPI(o client.Options) (client.API, error) {
	o.HTTPClient = a.httpClient
	o.UserAgent = "ecdash/" + readBuildInfoVersion()
	if log := a.debugLog(); log != nil {
		observe := o.Observer
		o.Observer = func(r client.RequestRecord) {
			logRequest(log, r, a.redact)
			if observe != nil {
				observe(r)
			}
		}
	}
	return client.New(o)
}

// connectToWrite is connect for a command that changes data on the
// server: refused when the settings say read-only.
func (a *app) connectToWrite(cmd *cobra.Command, what string) (client.API, error) {
	api, s, err := a.connect(cmd)
	if err != nil {
		return nil, err
	}
	if s.ReadonlyOn {
		return nil, fmt.Errorf("read-only (%s): %s would change data on the server", sourceName(s.Readonly), what)
	}
	return api, nil
}

// debugLog is the --debug log on stderr (ECDASH_DEBUG=1 too), else nil.
func (a *app) debugLog() *slog.Logger {
	if a.tui || (!a.flags.debug && a.getenv("ECDASH_DEBUG") == "") {
		return nil
	}
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// logRequest writes one line per attempt: the operation, method, path,
// status and time; never a header, a body or a query (the client records
// none), and the error through redact.
func logRequest(log *slog.Logger, r client.RequestRecord, redact func(string) string) {
	if r.InFlight {
		log.Debug("request", "id", r.ID, "op", r.Op, "method", r.Method, "path", r.Path, "attempt", r.Attempt)
		return
	}
	attrs := []any{"id", r.ID, "op", r.Op, "method", r.Method, "path", r.Path, "status", r.Status, "duration", r.Duration.Round(time.Microsecond), "attempt", r.Attempt}
	if r.Err != nil {
		attrs = append(attrs, "err", redact(r.Err.Error()))
	}
	log.Debug("answer", attrs...)
}
