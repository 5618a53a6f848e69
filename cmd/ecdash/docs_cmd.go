package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newDocsCmd writes the command reference, generated from the commands
// themselves, so it never drifts from --help.
func newDocsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "Write the command reference as man pages or markdown",
		Args:  cobra.NoArgs,
	}
	write := func(kind string, gen func(root *cobra.Command, dir string) error) *cobra.Command {
		return &cobra.Command{
			Use:     kind + " DIR",
			Short:   "Write one " + kind + " page per command into DIR",
			Example: "  ecdash docs " + kind + " ./" + kind,
			Args:    cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				dir := args[0]
				if err := os.MkdirAll(dir, 0o755); err != nil {
					return err
				}
				root := cmd.Root()
				root.DisableAutoGenTag = true // the same tree writes the same files
				if err := gen(root, dir); err != nil {
					return fmt.Errorf("writing %s pages into %s: %w", kind, dir, err)
				}
				n, _ := filepath.Glob(filepath.Join(dir, "ecdash*"))
				_, err := fmt.Fprintf(a.stdout, "wrote %d %s pages into %s\n", len(n), kind, dir)
				return err
			},
		}
	}
	cmd.AddCommand(
		write("man", func(root *cobra.Command, dir string) error {
			return doc.GenManTree(root, &doc.GenManHeader{Title: strings.ToUpper(root.Name()), Section: "1", Source: "ecdash " + readBuildInfoVersion()}, dir)
		}),
		write("markdown", doc.GenMarkdownTree),
	)
	return cmd
}
