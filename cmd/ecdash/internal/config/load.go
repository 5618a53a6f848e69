package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Load reads and strictly decodes the configuration file at path. A file that
// does not exist is not an error: the result has Found false and no profiles.
// Every problem found is reported, each as an *Error naming the file, line and
// key; secret values are never part of an error.
func Load(path string) (*File, error) {
	f := &File{Path: path, Profiles: map[string]*Profile{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if st, err := os.Stat(path); err == nil {
		f.mode = st.Mode().Perm()
	}
	f.Found = true
	if err := Parse(f, data); err != nil {
		return nil, err
	}
	return f, nil
}

// Parse decodes data into f (whose Path names the file in errors).
func Parse(f *File, data []byte) error {
	if f.Profiles == nil {
		f.Profiles = map[string]*Profile{}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// yaml.v3 messages read "yaml: line N: …"; they quote syntax, not values.
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file is an empty configuration
	}
	d := &decoder{file: f.Path}
	d.decodeFile(f, doc.Content[0])
	return errors.Join(d.errs...)
}

// decoder walks yaml.v3 nodes by hand so that each problem carries the line
// and the dotted key where it occurred, and unknown keys are caught.
type decoder struct {
	file string
	errs []error
}

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing (null)"
		}
		return "a " + strings.TrimPrefix(n.ShortTag(), "!!") + " value"
	}
	return "an unexpected node"
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// fields walks a mapping, calling the handler registered for each key. Keys
// without a handler, non-scalar keys and duplicates are errors.
func (d *decoder) fields(n *yaml.Node, path string, handlers map[string]func(v *yaml.Node, key string)) {
	n = resolveAlias(n)
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping, got %s", kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "keys must be plain names")
			continue
		}
		key := join(path, k.Value)
		if seen[k.Value] {
			d.fail(k, key, "duplicate key")
			continue
		}
		seen[k.Value] = true
		h, ok := handlers[k.Value]
		if !ok {
			d.fail(k, key, "unknown key (known keys: %s)", knownKeys(handlers))
			continue
		}
		h(v, key)
	}
}

func knownKeys(handlers map[string]func(*yaml.Node, string)) string {
	names := make([]string, 0, len(handlers))
	for k := range handlers {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// scalar returns a non-null scalar's text. It never quotes the value in its
// errors, since the value may be a secret.
func (d *decoder) scalar(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.fail(n, key, "expected a string, got %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(dst *string) func(*yaml.Node, string) {
	return func(n *yaml.Node, key string) {
		if s, ok := d.scalar(n, key); ok {
			*dst = s
		}
	}
}

// strings reads a list of strings into dst.
func (d *decoder) strings(dst *[]string) func(*yaml.Node, string) {
	return func(v *yaml.Node, key string) {
		if v.Kind != yaml.SequenceNode {
			d.fail(v, key, "expected a list of strings, got %s", kindName(v))
			return
		}
		for i, item := range v.Content {
			if s, ok := d.scalar(resolveAlias(item), fmt.Sprintf("%s[%d]", key, i)); ok {
				*dst = append(*dst, s)
			}
		}
	}
}

func (d *decoder) boolean(set func(bool)) func(*yaml.Node, string) {
	return func(n *yaml.Node, key string) {
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.fail(n, key, "expected true or false, got %s", kindName(n))
			return
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			d.fail(n, key, "expected true or false")
			return
		}
		set(b)
	}
}

func (d *decoder) httpURL(dst *string) func(*yaml.Node, string) {
	return func(n *yaml.Node, key string) {
		s, ok := d.scalar(n, key)
		if !ok {
			return
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.fail(n, key, "invalid URL %q: want an absolute http:// or https:// URL", s)
			return
		}
		if u.User != nil {
			// Credentials in a URL would be printed wherever the URL is.
			d.fail(n, key, "the URL must not carry a user name or password; use the auth section")
			return
		}
		*dst = strings.TrimRight(s, "/")
	}
}

func (d *decoder) decodeFile(f *File, root *yaml.Node) {
	var defaultNode *yaml.Node
	d.fields(root, "", map[string]func(*yaml.Node, string){
		"default_profile": func(n *yaml.Node, key string) {
			if s, ok := d.scalar(n, key); ok {
				f.DefaultProfile, defaultNode = s, n
			}
		},
		"profiles": func(n *yaml.Node, key string) { d.decodeProfiles(f, n, key) },
	})
	if defaultNode != nil && len(d.errs) == 0 {
		if _, ok := f.Profiles[f.DefaultProfile]; !ok {
			d.fail(defaultNode, "default_profile", "no profile named %q (profiles: %s)", f.DefaultProfile, strings.Join(f.ProfileNames(), ", "))
		}
	}
}

func (d *decoder) decodeProfiles(f *File, n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping of profile names to profiles, got %s", kindName(n))
		return
	}
	handlers := map[string]func(*yaml.Node, string){}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		if name == "" {
			d.fail(n.Content[i], path, "a profile needs a name")
			continue
		}
		handlers[name] = func(v *yaml.Node, key string) {
			p := &Profile{Name: name}
			d.decodeProfile(f, p, v, key)
			f.Profiles[name] = p
		}
	}
	d.fields(n, path, handlers)
}

func (d *decoder) decodeProfile(f *File, p *Profile, n *yaml.Node, path string) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // "name:" with nothing under it is an empty profile
	}
	var inline []inlineSecret
	d.fields(n, path, map[string]func(*yaml.Node, string){
		"base_url": d.httpURL(&p.BaseURL),
		"auth": func(v *yaml.Node, key string) {
			inline = d.decodeAuth(f, &p.Auth, v, key)
		},
		"poll_interval": func(v *yaml.Node, key string) {
			s, ok := d.scalar(v, key)
			if !ok {
				return
			}
			dur, err := time.ParseDuration(s)
			if err != nil {
				d.fail(v, key, "invalid duration %q (write e.g. 15s, 1m30s)", s)
				return
			}
			if dur < time.Second {
				d.fail(v, key, "poll interval %s is too short: the minimum is 1s", dur)
				return
			}
			p.PollInterval = dur
		},
		"theme":                d.str(&p.Theme),
		"readonly":             d.boolean(func(b bool) { p.Readonly = &b }),
		"bell":                 d.boolean(func(b bool) { p.Bell = &b }),
		"nats":                 d.strings(&p.NATS),
		"allow_inline_secrets": d.boolean(func(b bool) { p.AllowInlineSecrets = b }),
	})
	// Checked after the whole profile is read: allow_inline_secrets may come after auth.
	for _, s := range inline {
		if !p.AllowInlineSecrets {
			d.fail(s.node, s.key, "inline secrets are not allowed: use %s_env or %s_file, or set allow_inline_secrets: true on profile %q", s.name, s.name, p.Name)
		}
	}
}

type inlineSecret struct {
	node *yaml.Node
	key  string
	name string // "token" or "client_secret"
}

func (d *decoder) decodeAuth(f *File, a *Auth, n *yaml.Node, path string) []inlineSecret {
	var inline []inlineSecret
	secret := func(dst *Secret, name string) map[string]func(*yaml.Node, string) {
		dst.configFile = f
		return map[string]func(*yaml.Node, string){
			name: func(v *yaml.Node, key string) {
				if s, ok := d.scalar(v, key); ok {
					d.setSecret(dst, v, key, sourceInline, s)
					inline = append(inline, inlineSecret{v, key, name})
				}
			},
			name + "_env": func(v *yaml.Node, key string) {
				if s, ok := d.scalar(v, key); ok {
					d.setSecret(dst, v, key, sourceEnv, s)
				}
			},
			name + "_file": func(v *yaml.Node, key string) {
				s, ok := d.scalar(v, key)
				if !ok {
					return
				}
				p, err := expandPath(s, f.Path)
				if err != nil {
					d.fail(v, key, "%v", err)
					return
				}
				d.setSecret(dst, v, key, sourceFile, p)
			},
		}
	}
	handlers := map[string]func(*yaml.Node, string){
		"client_id": d.str(&a.ClientID),
		"token_url": d.httpURL(&a.TokenURL),
		"scopes":    d.strings(&a.Scopes),
	}
	for k, h := range secret(&a.Token, "token") {
		handlers[k] = h
	}
	for k, h := range secret(&a.ClientSecret, "client_secret") {
		handlers[k] = h
	}
	d.fields(n, path, handlers)
	return inline
}

// setSecret records where a secret comes from; two sources for one secret
// would leave it ambiguous which one is used.
func (d *decoder) setSecret(dst *Secret, n *yaml.Node, key string, kind secretSource, value string) {
	if dst.kind != sourceNone {
		d.fail(n, key, "conflicts with %s on line %d: give only one source for this secret", dst.key, dst.line)
		return
	}
	dst.kind, dst.value, dst.key, dst.line = kind, value, key, n.Line
}
