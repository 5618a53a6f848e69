package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/client"
)

// Exit codes, as documented in the README.
const (
	exitOK       = 0
	exitError    = 1 // the command ran and failed
	exitUsage    = 2 // the command line itself is wrong: unknown command, flag or argument
	exitNotFound = 3 // the API has no such object
	exitAuth     = 4 // the API refused the credentials (401, 403, or the token endpoint)
)

// usageError is a mistake in the command line, as opposed to a failure of
// the work it asked for; run exits with exitUsage for it.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// exitCode maps what a command returned to the process exit code.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case client.IsNotFound(err) && !isListOp(err):
		// A list that is not found is a wrong base URL, not a missing object.
		return exitNotFound
	case client.IsAuth(err):
		return exitAuth
	}
	return exitError
}

// strictCommands makes every mistake in the command line a usage error:
// a bad flag, a wrong number of arguments, and an unknown subcommand of a command that only groups others
// (cobra would print its help and exit 0) or of the root, with suggestions.
func strictCommands(root *cobra.Command) {
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err.Error()} })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() {
			if !c.Runnable() {
				c.Args = cobra.ArbitraryArgs
				c.RunE = func(cmd *cobra.Command, args []string) error {
					if len(args) == 0 {
						return cmd.Help()
					}
					return unknownCommand(cmd, args[0])
				}
			} else if c.Args == nil || c == root {
				c.Args = func(cmd *cobra.Command, args []string) error {
					if len(args) > 0 {
						return unknownCommand(cmd, args[0])
					}
					return nil
				}
			}
		}
		if check := c.Args; check != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					var ue usageError
					if errors.As(err, &ue) {
						return err
					}
					msg := err.Error()
					if !strings.Contains(msg, cmd.CommandPath()) {
						msg = cmd.CommandPath() + ": " + msg
					}
					return usageErrorf("%s (run '%s --help' for usage)", msg, cmd.CommandPath())
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// unknownCommand says which word was not understood and what was probably meant.
func unknownCommand(cmd *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(word); len(s) > 0 {
		msg += "; did you mean " + quoteJoin(s) + "?"
	}
	return usageError{msg + " (run '" + cmd.CommandPath() + " --help' for usage)"}
}

// isListOp reports whether err is from listing a collection.
func isListOp(err error) bool {
	var ce *client.Error
	return errors.As(err, &ce) && strings.HasPrefix(ce.Op, "List")
}

func quoteJoin(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, " or ")
}
