package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/ecdash/ecdash/cmd/ecdash/internal/config"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// initFlags are config init's answers; secrets only as references.
type initFlags struct {
	name, tokenEnv, tokenFile, clientID, secretEnv, secretFile string
	use                                                        bool
}

func newConfigInitCmd(a *app) *cobra.Command {
	var f initFlags
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Add a profile to the config file (asks on a terminal, or takes flags)",
		Long: `Add a profile to the config file (see "ecdash config path"), creating the file
(mode 0600) when there is none. Secrets are never written into it: a token or a
client secret is named by the environment variable or the file that holds it.
On a terminal, what the flags leave out is asked for.`,
		Example: `  ecdash config init --name sandbox --base-url http://127.0.0.1:8080 --token-env ECDASH_SANDBOX_TOKEN --use
  ecdash config init --name prod --base-url https://api.example.com/energy-coordination/v1 \
    --client-id my-client --client-secret-file ~/.secrets/ecdash`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			baseURL := a.flags.baseURL
			if ask := a.asker(); ask != nil {
				f.name = ask("profile name", f.name, "default")
				baseURL = ask("API base URL", baseURL, "")
				if f.tokenEnv == "" && f.tokenFile == "" && f.clientID == "" {
					f.tokenEnv = ask("environment variable holding the token", "", "ECDASH_TOKEN")
				}
			}
			if f.name == "" {
				f.name = "default"
			}
			if baseURL == "" {
				return usageErrorf("config init needs --base-url (or a terminal to ask on)")
			}
			if err := checkBaseURL(setting{Value: baseURL, From: fromFlag, Detail: "--base-url"}); err != nil {
				return err
			}
			auth, err := f.auth()
			if err != nil {
				return err
			}
			p, err := a.configPath(cmd)
			if err != nil {
				return err
			}
			if err := addProfile(p.Value, f.name, baseURL, auth, f.use); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "profile %s added to %s\n", f.name, p.Value)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.name, "name", "", "the profile's name (default \"default\")")
	fl.StringVar(&f.tokenEnv, "token-env", "", "environment variable holding a static token")
	fl.StringVar(&f.tokenFile, "token-file", "", "file holding a static token")
	fl.StringVar(&f.clientID, "client-id", "", "OAuth2 client id (client credentials)")
	fl.StringVar(&f.secretEnv, "client-secret-env", "", "environment variable holding the client secret")
	fl.StringVar(&f.secretFile, "client-secret-file", "", "file holding the client secret")
	fl.BoolVar(&f.use, "use", false, "make it the default profile")
	return cmd
}

// auth is the profile's auth mapping, secrets as references only.
func (f initFlags) auth() (map[string]string, error) {
	switch {
	case f.clientID != "":
		if (f.secretEnv == "") == (f.secretFile == "") {
			return nil, usageErrorf("--client-id needs one of --client-secret-env or --client-secret-file")
		}
		m := map[string]string{"client_id": f.clientID}
		if f.secretEnv != "" {
			m["client_secret_env"] = f.secretEnv
		} else {
			if err := privateFile(f.secretFile); err != nil {
				return nil, err
			}
			m["client_secret_file"] = f.secretFile
		}
		return m, nil
	case f.tokenEnv != "" && f.tokenFile != "":
		return nil, usageErrorf("pass one of --token-env or --token-file")
	case f.tokenEnv != "":
		return map[string]string{"token_env": f.tokenEnv}, nil
	case f.tokenFile != "":
		if err := privateFile(f.tokenFile); err != nil {
			return nil, err
		}
		return map[string]string{"token_file": f.tokenFile}, nil
	}
	return nil, usageErrorf("config init needs --token-env, --token-file, or --client-id with its secret's env or file")
}

// privateFile refuses a secret file others may use, by the rule every
// command reading it applies (one that does not exist yet is made later).
func privateFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return config.CheckPrivate(path)
}

// asker prompts on a terminal ("name [default]: "); nil off one.
func (a *app) asker() func(question, given, def string) string {
	in, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return nil
	}
	r := bufio.NewReader(in)
	return func(question, given, def string) string {
		if given != "" {
			return given
		}
		if def != "" {
			fmt.Fprintf(a.stderr, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(a.stderr, "%s: ", question)
		}
		line, _ := r.ReadString('\n')
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
		return def
	}
}

// addProfile adds a profile to the config file at path (made, mode 0600,
// when missing), refusing to replace one of the same name.
func addProfile(path, name, baseURL string, auth map[string]string, use bool) error {
	var doc yaml.Node
	data, err := os.ReadFile(path)
	switch {
	case os.IsNotExist(err):
		data = []byte("profiles: {}\n")
	case err != nil:
		return err
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s: the top level is not a mapping", path)
	}
	root := doc.Content[0]
	profiles := mappingValue(root, "profiles")
	if mappingValue(profiles, name) != nil {
		return fmt.Errorf("%s has a profile %q already: edit it there, or pick another --name", path, name)
	}
	profiles.Style = 0
	var p yaml.Node
	body := map[string]any{"base_url": baseURL, "auth": auth}
	if err := p.Encode(body); err != nil {
		return err
	}
	k := &yaml.Node{}
	k.SetString(name)
	profiles.Content = append(profiles.Content, k, &p)
	if use {
		setKey(root, "default_profile", name)
	}
	return writeYAMLFile(path, &doc)
}

// mappingValue is key's value in mapping m, made (an empty mapping) when
// m is the top level and lacks it; nil otherwise.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	if key != "profiles" {
		return nil
	}
	k, v := &yaml.Node{}, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	k.SetString(key)
	m.Content = append(m.Content, k, v)
	return v
}
