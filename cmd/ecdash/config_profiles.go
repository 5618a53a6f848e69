package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/ecdash/ecdash/cmd/ecdash/internal/config"
	"github.com/ecdash/ecdash/internal/atomicfile"
	"github.com/ecdash/ecdash/themes"
)

func newConfigProfilesCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "profiles",
		Short: "List the config file's profiles; * marks the one used by default",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			if !f.Found || len(f.Profiles) == 0 {
				return fmt.Errorf("no profiles in %s: ecdash config init writes one", f.Path)
			}
			def, _ := f.Select("")
			for _, name := range f.ProfileNames() {
				mark := " "
				if def != nil && def.Name == name {
					mark = "*"
				}
				p := f.Profiles[name]
				fmt.Fprintf(a.stdout, "%s %s\t%s\n", mark, name, p.BaseURL)
			}
			return nil
		},
	}
}

func newConfigUseCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "use PROFILE",
		Short:             "Make PROFILE the default (default_profile in the config file)",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeProfiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			if _, ok := f.Profiles[args[0]]; !ok {
				return fmt.Errorf("no profile %q in %s (profiles: %s)", args[0], f.Path, strings.Join(f.ProfileNames(), ", "))
			}
			if err := setTopLevel(f.Path, "default_profile", args[0]); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "default profile: %s (%s)\n", args[0], f.Path)
			return err
		},
	}
}

// loadConfig reads the config file the settings would read.
func (a *app) loadConfig(cmd *cobra.Command) (*config.File, error) {
	p, err := a.configPath(cmd)
	if err != nil {
		return nil, err
	}
	return config.Load(p.Value)
}

// setTopLevel sets a top-level key of the YAML file at path, keeping its
// comments, order and mode; the file is replaced only once written whole.
func setTopLevel(path, key, value string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("%s: the top level is not a mapping", path)
	}
	setKey(doc.Content[0], key, value)
	return writeYAMLFile(path, &doc)
}

// setKey sets key in mapping m, or puts it first when m lacks it.
func setKey(m *yaml.Node, key, value string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1].SetString(value)
			return
		}
	}
	k, v := &yaml.Node{}, &yaml.Node{}
	k.SetString(key)
	v.SetString(value)
	m.Content = append([]*yaml.Node{k, v}, m.Content...)
}

// writeYAMLFile writes doc to path, keeping the file's mode (0600 for a
// new one) and replacing it only once written whole.
func writeYAMLFile(path string, doc *yaml.Node) error {
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	mode := fs.FileMode(0o600)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	return atomicfile.Write(path, mode, func(w io.Writer) error { _, err := w.Write(out.Bytes()); return err })
}

// completeProfiles offers the config file's profile names.
func (a *app) completeProfiles(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	f, err := a.loadConfig(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return f.ProfileNames(), cobra.ShellCompDirectiveNoFileComp
}

// completeThemes offers the built-in themes (a theme file path also works).
func completeThemes(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return themes.Names(), cobra.ShellCompDirectiveDefault
}
