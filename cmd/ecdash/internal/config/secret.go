package config

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

type secretSource int

const (
	sourceNone secretSource = iota
	sourceInline
	sourceEnv
	sourceFile
)

// Secret is a reference to a token or client secret: the name of an
// environment variable, a file, or (only with allow_inline_secrets) the value
// itself. It is resolved only when needed, so a profile that is not in use
// never fails for a variable that is not set.
type Secret struct {
	kind  secretSource
	value string // inline value, variable name or file path, by kind
	key   string // dotted key it was read from, for errors
	line  int

	configFile *File
}

// IsSet reports whether the profile names a source for this secret.
func (s Secret) IsSet() bool { return s.kind != sourceNone }

// Describe says where the secret comes from without revealing it, e.g.
// "token_env ECDASH_SANDBOX_TOKEN" or "client_secret_file /home/u/.secrets/ecdash".
func (s Secret) Describe() string {
	name := s.key[strings.LastIndexByte(s.key, '.')+1:]
	switch s.kind {
	case sourceEnv, sourceFile:
		return name + " " + s.value
	case sourceInline:
		return name + " (inline)"
	}
	return ""
}

func (s Secret) errorf(format string, args ...any) error {
	return &Error{File: s.configFile.Path, Line: s.line, Key: s.key, Msg: fmt.Sprintf(format, args...)}
}

// Resolve returns the secret's value. getenv is os.Getenv outside tests.
// Errors name the variable or file, never the value.
func (s Secret) Resolve(getenv func(string) string) (string, error) {
	switch s.kind {
	case sourceEnv:
		v := strings.TrimSpace(getenv(s.value))
		if v == "" {
			return "", s.errorf("environment variable %s is not set", s.value)
		}
		return v, nil
	case sourceFile:
		if err := CheckPrivate(s.value); err != nil {
			return "", s.errorf("%v", err)
		}
		data, err := os.ReadFile(s.value)
		if err != nil {
			return "", s.errorf("%v", err)
		}
		// Files written by editors or `echo` end in a newline that is not part of the secret.
		v := strings.TrimSpace(string(data))
		if v == "" {
			return "", s.errorf("%s is empty", s.value)
		}
		if strings.ContainsAny(v, "\r\n") {
			return "", s.errorf("%s holds more than one line; it must hold only the secret", s.value)
		}
		return v, nil
	case sourceInline:
		if mode := s.configFile.mode; mode&0o077 != 0 && runtime.GOOS != "windows" {
			return "", s.errorf("refusing an inline secret in a file other users can access (mode %04o); run chmod 600 %s", mode, s.configFile.Path)
		}
		return s.value, nil
	}
	return "", nil
}

// CheckPrivate refuses a secret file that users other than its owner can read
// or write, as ssh does for private keys: a readable token file is a leaked
// token, and a writable one lets another user point ecdash at their account.
func CheckPrivate(path string) error {
	if runtime.GOOS == "windows" {
		return nil // permission bits do not describe Windows ACLs
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s is accessible by other users (mode %04o); run chmod 600 %s", path, perm, path)
	}
	return nil
}
