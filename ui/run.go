package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"github.com/ecdash/ecdash/themes"
)

// pipeSize is the layout used when the output is not a terminal (a pipe in a
// script or a test), where no window size is ever reported.
var pipeSize = tea.WindowSizeMsg{Width: 120, Height: 36}

// Run opens the dashboard on the terminal and returns when the operator
// quits or ctx is cancelled (which is not an error).
func Run(ctx context.Context, opts Options) error {
	if opts.API == nil {
		return errors.New("dashboard: no API client configured")
	}
	if themes.NoColor() && isTerminal(opts.Output) {
		// lipgloss answers NO_COLOR with no escapes at all, which also drops
		// the reverse video of the cursor row and the bold header; the
		// built-in themes hold no colours under NO_COLOR, so the ANSI profile
		// keeps those attributes and still prints no colour. Set before New:
		// tables capture the profile when built.
		lipgloss.SetColorProfile(termenv.ANSI)
	}
	m := New(opts)
	defer m.Shutdown()
	guard := &crashGuard{m: m}
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	if opts.Mouse {
		popts = append(popts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(guard, popts...)
	guard.quit = func() { go p.Quit() }
	if !isTerminal(opts.Output) {
		go p.Send(pipeSize)
	}
	_, err := p.Run()
	switch {
	case guard.crash != nil:
		return guard.crash
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrInterrupted):
		return nil // SIGINT: the operator asked to stop
	case ctx.Err() != nil && errors.Is(err, tea.ErrProgramKilled):
		return nil // the caller cancelled
	}
	return fmt.Errorf("dashboard: %w", err)
}

// isTerminal reports whether w (nil: stdout) is a terminal.
func isTerminal(w io.Writer) bool {
	if w == nil {
		w = os.Stdout
	}
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}
