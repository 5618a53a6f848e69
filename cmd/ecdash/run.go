package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// env is everything a command touches outside its arguments, so tests can run
// the whole command line in-process with captured output and a fixed clock.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	loc            *time.Location // for times shown in tables
	// httpClient, when set, is handed to the API client (tests wrap its
	// transport in a contract checker).
	httpClient *http.Client
}

func newEnv() *env {
	return &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now, loc: time.Local}
}

// run executes the command line and returns the process exit code. A failure
// is one line on stderr, "ecdash: <error>", with every known secret masked.
func run(ctx context.Context, e *env, args []string) int {
	a := &app{env: e}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "ecdash: %s\n", oneLine(a.redact(err.Error())))
	}
	return exitCode(err)
}

// oneLine folds a multi-line error (several config problems, say) into one
// line so the failure reads as a single message.
func oneLine(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "; ")
}
