package client

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// authorizer supplies the bearer token for a request.
type authorizer interface {
	// token is "" when requests carry no Authorization header.
	token(ctx context.Context) (string, error)
	// invalidate drops tok after a 401 and reports whether fetching a new one
	// is worth a retry (only with client credentials).
	invalidate(tok string) bool
}

func newAuthorizer(opts Options, c *Client) (authorizer, error) {
	token := strings.TrimSpace(opts.Token)
	hasCC := opts.ClientID != "" || opts.ClientSecret != "" || opts.TokenURL != ""
	switch {
	case token != "" && hasCC:
		return nil, errors.New("client: give either a token or client credentials, not both")
	case token != "":
		if strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return nil, errors.New("client: the token contains spaces or control characters")
		}
		c.secrets.add(token)
		return staticToken(token), nil
	case hasCC:
		return newClientCredentials(opts, c)
	}
	return staticToken(""), nil
}

// staticToken is a fixed bearer token (or none); a 401 is final.
type staticToken string

func (t staticToken) token(context.Context) (string, error) { return string(t), nil }
func (t staticToken) invalidate(string) bool                { return false }

// refreshMargin is how long before expiry a token is replaced, so a request
// never leaves with a token that expires on the way.
const refreshMargin = time.Minute

// clientCredentials caches an OAuth2 client-credentials token. It does its own
// caching instead of oauth2.ReuseTokenSourceWithExpiry so that a 401 can drop
// the token, the fetch obeys the caller's context, and the clock is injectable.
type clientCredentials struct {
	cfg     clientcredentials.Config
	host    string
	c       *Client
	lock    chan struct{} // one fetch at a time; waiting respects ctx
	current string
	renewAt time.Time // zero: no known expiry, keep until a 401
}

func newClientCredentials(opts Options, c *Client) (*clientCredentials, error) {
	if opts.ClientID == "" || opts.ClientSecret == "" || opts.TokenURL == "" {
		return nil, errors.New("client: client credentials need a client id, a client secret and a token URL")
	}
	u, err := url.Parse(opts.TokenURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("client: the token URL must be an absolute http or https URL")
	}
	if u.User != nil {
		return nil, errors.New("client: the token URL must not contain credentials")
	}
	c.secrets.add(opts.ClientSecret)
	return &clientCredentials{
		cfg: clientcredentials.Config{
			ClientID:     opts.ClientID,
			ClientSecret: opts.ClientSecret,
			TokenURL:     opts.TokenURL,
			Scopes:       opts.Scopes,
			// The vendor's identity server takes the credentials form-encoded.
			AuthStyle: oauth2.AuthStyleInParams,
		},
		host: u.Host,
		c:    c,
		lock: make(chan struct{}, 1),
	}, nil
}

func (a *clientCredentials) token(ctx context.Context) (string, error) {
	select {
	case a.lock <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-a.lock }()
	if a.current != "" && (a.renewAt.IsZero() || a.c.now().Before(a.renewAt)) {
		return a.current, nil
	}
	fetchCtx, cancel := context.WithTimeout(context.WithValue(ctx, oauth2.HTTPClient, a.c.http), a.c.timeout)
	defer cancel()
	tok, err := a.cfg.Token(fetchCtx)
	if err != nil {
		return "", a.tokenError(err)
	}
	if tok.AccessToken == "" {
		return "", &TokenError{Host: a.host, Description: "the answer has no access_token"}
	}
	a.current = tok.AccessToken
	a.c.secrets.addIssued(tok.AccessToken)
	a.renewAt = time.Time{}
	if !tok.Expiry.IsZero() {
		// oauth2 stamps Expiry with the real clock; turn it into a lifetime and
		// anchor that on ours. Short-lived tokens are renewed at half-life.
		lifetime := time.Until(tok.Expiry)
		a.renewAt = a.c.now().Add(lifetime - min(refreshMargin, lifetime/2))
	}
	return a.current, nil
}

func (a *clientCredentials) invalidate(tok string) bool {
	a.lock <- struct{}{}
	defer func() { <-a.lock }()
	if a.current == tok {
		a.current = ""
	}
	return true
}

// tokenError keeps what the token endpoint said without its raw body, which
// could echo the form we sent.
func (a *clientCredentials) tokenError(err error) error {
	te := &TokenError{Host: a.host}
	var re *oauth2.RetrieveError
	var ue *url.Error
	switch {
	case errors.As(err, &re):
		if re.Response != nil {
			te.StatusCode = re.Response.StatusCode
		}
		te.Code = oneLine(a.c.scrub(re.ErrorCode))
		te.Description = oneLine(a.c.scrub(re.ErrorDescription))
	case errors.As(err, &ue):
		te.Err = ue.Err // the URL is ours; the cause is what matters
	default:
		te.Err = errors.New(oneLine(a.c.scrub(err.Error())))
	}
	return te
}
