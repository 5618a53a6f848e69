package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version, commit and date are set at build time by a release
// (-ldflags "-X main.version=v1.2.3 -X main.commit=… -X main.date=…");
// otherwise they come from what the go command stamped into the binary.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// buildInfo is what a binary says of itself.
type buildInfo struct {
	Version, Commit, Date string
	Modified              bool // built from a tree with uncommitted changes
}

// readBuildInfo reads the stamps: -ldflags first, then the module version
// of `go install module@version` and the VCS revision of a build in a
// checkout.
func readBuildInfo(info *debug.BuildInfo, ok bool) buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date}
	if !ok {
		return b
	}
	if v := info.Main.Version; b.Version == "dev" && v != "" && v != "(devel)" {
		b.Version = v
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is "v1.2.3 (commit 1a2b3c4d5e6f, 2026-12-05T16:00:00Z)".
func (b buildInfo) String() string {
	s := b.Version
	c := b.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	switch {
	case c == "":
		s += " (commit unknown: built without version control information"
	default:
		s += " (commit " + c
		if b.Modified {
			s += ", with uncommitted changes"
		}
	}
	if b.Date != "" {
		s += ", " + b.Date
	}
	return s + ")"
}

// readBuildInfoVersion is the version alone ("v1.2.3", "dev").
func readBuildInfoVersion() string { return readBuildInfo(debug.ReadBuildInfo()).Version }

// buildVersion is the binary's version line.
func buildVersion() string { return readBuildInfo(debug.ReadBuildInfo()).String() }

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(a.stdout, "ecdash "+buildVersion())
			return err
		},
	}
}
