package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"
)

func newSandboxCmd(a *app) *cobra.Command {
	var cfg sandboxConfig
	var verbose bool
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Run a local Energy Coordination API server with realistic seeded data",
		Long: `Run the embedded sandbox: all 14 operations of the Energy Coordination API (v1),
seeded like a real partner account (about 40 vehicles, past, active and upcoming
events), plus GET /reports as an extension. It prints the base URL and the
token to use. Ctrl-C stops it (and writes --data FILE).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("seed") {
				cfg.Seed = time.Now().UnixNano()
			}
			if err := checkSize(cfg.Size); err != nil {
				return err
			}
			if cfg.Chaos < 0 || cfg.Chaos > 1 || cfg.Chaos != cfg.Chaos {
				return usageErrorf("--chaos %v: want a share of requests from 0 to 1, such as 0.3", cfg.Chaos)
			}
			if cfg.ChaosSlow <= 0 {
				return usageErrorf("--chaos-slow %v: want a duration above 0, such as 3s", cfg.ChaosSlow)
			}
			if cmd.Flags().Changed("post-status") && cfg.CreatedStatus != http.StatusOK && cfg.CreatedStatus != http.StatusCreated {
				return usageErrorf("--post-status %d: want 200 (as the API answers) or 201", cfg.CreatedStatus)
			}
			if cfg.Token == "" && cmd.Flags().Changed("token") {
				return errors.New("--token must not be empty")
			}
			level := slog.LevelInfo // one line per request
			if verbose {
				level = slog.LevelDebug
			}
			cfg.Logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
			// A data file that exists is loaded, and the seed stored in it wins.
			_, statErr := os.Stat(cfg.DataFile)
			loaded := cfg.DataFile != "" && statErr == nil
			rs, err := startSandbox(cfg)
			if err != nil {
				return err
			}
			a.addSecrets(rs.Token)
			printSandboxBanner(a.stdout, rs, cfg.DataFile, loaded)
			if !isLoopback(rs.Addr) {
				fmt.Fprintf(a.stderr, "warning: listening on %s, reachable beyond this machine; anyone with the token can change its data\n", rs.Addr)
			}
			waitErr := rs.wait(cmd.Context())
			return errors.Join(waitErr, rs.Stop())
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	// Deliberately named like the global --token: for this command it is the
	// token the server requires rather than one a client sends.
	f.StringVar(&cfg.Token, "token", "", "bearer token clients must send (default: a random one, printed)")
	f.StringVar(&cfg.DataFile, "data", "", "JSON file to load and keep the data in (default: in memory only)")
	f.Int64Var(&cfg.Seed, "seed", 0, "seed for the generated data: the same seed gives the same vehicles and events again, placed relative to when the sandbox starts (every time moves by the whole five minutes between two starts; an event's programme follows its time of day; reports are simulated up to the start) (default: from the clock)")
	f.BoolVarP(&verbose, "verbose", "v", false, "also log each simulation step to stderr")
	addSizeFlags(cmd, &cfg.Size)
	f.Float64Var(&cfg.Chaos, "chaos", 0, "answer this share of requests (0 to 1) with a fault: 500, 429 with Retry-After, a slow answer, a dropped connection, truncated or malformed JSON")
	f.DurationVar(&cfg.ChaosSlow, "chaos-slow", 3*time.Second, "the longest a slow answer of --chaos waits")
	f.IntVar(&cfg.CreatedStatus, "post-status", http.StatusOK, "status of a successful POST: 200 as the API answers, or 201")
	f.DurationVar(&cfg.DispatchEvery, "dispatch-every", 0, "create an event this often, announced by webhook to matching subscriptions (0: off)")
	return cmd
}

// printSandboxBanner says how to reach the sandbox. The token is printed on
// purpose: the sandbox made it up and the user needs it to connect.
func printSandboxBanner(w io.Writer, rs *runningSandbox, dataFile string, loaded bool) {
	data := "in memory (pass --data FILE to keep it)"
	seed := fmt.Sprintf("%d (--seed %d makes this account again, relative to when it starts)", rs.Seed, rs.Seed)
	switch {
	case loaded:
		data = dataFile + " (loaded; saved on every change)"
		seed = "the one stored in " + dataFile
	case dataFile != "":
		data = dataFile + " (new; saved on every change)"
	}
	chaos := ""
	if rs.Chaos > 0 {
		chaos = fmt.Sprintf("  chaos     %.0f%% of requests fail on purpose (500, 429, slow, dropped, truncated, malformed)\n", rs.Chaos*100)
	}
	fmt.Fprintf(w, `ecdash sandbox is serving the Energy Coordination API (v1)

  base URL  %s
  token     %s
  seed      %s
  data      %s
%s
Try:
  ecdash get events --base-url %s --token %s

or set them once for every command:
  export ECDASH_BASE_URL=%s ECDASH_TOKEN=%s

Press Ctrl-C to stop.
`, rs.BaseURL, rs.Token, seed, data, chaos, rs.BaseURL, rs.Token, rs.BaseURL, rs.Token)
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
