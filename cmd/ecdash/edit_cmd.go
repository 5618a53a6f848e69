package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/client"
)

func newEditCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "edit resource|subscription ID",
		Short: "Edit a resource or a subscription in $EDITOR, as YAML",
		Long: `Open the object as YAML in $VISUAL or $EDITOR (else vi); when the editor exits
with changes, send them. If the server's copy changed while you edited, nothing
is sent: your version is kept in a file that "ecdash apply -f" can send, and
"ecdash edit" starts again from the server's. A secret left masked keeps the
server's.`,
		Example:           `  EDITOR=nano ecdash edit resource ev-0001`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeKindIDs(false),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, id := args[0], args[1]
			if err := checkKind(kind); err != nil {
				return err
			}
			api, err := a.connectToWrite(cmd, "edit")
			if err != nil {
				return err
			}
			before, err := fetchRaw(cmd.Context(), api, kind, id)
			if err != nil {
				return err
			}
			var doc bytes.Buffer
			if err := writeYAML(&doc, before); err != nil {
				return err
			}
			f, err := os.CreateTemp("", "ecdash-edit-*.yaml")
			if err != nil {
				return err
			}
			path := f.Name()
			_, err = f.Write(doc.Bytes())
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if err := a.runEditor(path); err != nil {
				return fmt.Errorf("%w (your edit is in %s)", err, path)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if bytes.Equal(after, doc.Bytes()) {
				os.Remove(path)
				fmt.Fprintln(a.stdout, "edit cancelled, no changes made")
				return nil
			}
			objs, err := parseObjects(after)
			if err == nil && (len(objs) != 1 || objs[0].kind != kind || objs[0].id() != id) {
				err = fmt.Errorf("the file must hold %s/%s alone, with its id unchanged", kind, id)
			}
			if err != nil {
				return fmt.Errorf("%w (your edit is in %s)", err, path)
			}
			now, err := fetchRaw(cmd.Context(), api, kind, id)
			if err != nil {
				return fmt.Errorf("%w (your edit is in %s)", err, path)
			}
			if !bytes.Equal(now, before) {
				return fmt.Errorf("%s/%s changed on the server while you edited it: nothing sent; your version is in %s (ecdash apply -f %s sends it over theirs; ecdash edit starts from theirs)", kind, id, path, path)
			}
			if _, err := applyObject(cmd.Context(), api, objs[0], false, a.stdout); err != nil {
				fmt.Fprintln(a.stderr, a.redact(describeFailure(kind+"/"+id, err)))
				return fmt.Errorf("%s/%s not changed; your edit is in %s", kind, id, path)
			}
			os.Remove(path)
			_, err = fmt.Fprintf(a.stdout, "%s/%s edited\n", kind, id)
			return err
		},
	}
}

// fetchRaw is the object's JSON as the server has it, secrets masked and
// whitespace compacted, for the editor and the conflict check.
func fetchRaw(ctx context.Context, api client.API, kind, id string) ([]byte, error) {
	var raw json.RawMessage
	if kind == "resource" {
		r, err := api.GetResource(ctx, id)
		if err != nil {
			return nil, err
		}
		raw = r.Raw
	} else {
		s, err := api.GetSubscription(ctx, id)
		if err != nil {
			return nil, err
		}
		raw = s.Raw
	}
	var buf bytes.Buffer
	if err := writeJSON(&buf, []json.RawMessage{raw}, false, secretMembers...); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Compact(&out, buf.Bytes()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// runEditor opens path in $VISUAL or $EDITOR (a command line: "code
// --wait" works), else vi, on the terminal.
func (a *app) runEditor(path string) error {
	editor := a.getenv("VISUAL")
	if editor == "" {
		editor = a.getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	c := exec.Command("sh", "-c", editor+` "$1"`, "sh", path)
	c.Stdin, c.Stdout, c.Stderr = a.stdin, a.stdout, a.stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("the editor (%s) failed: %w", editor, err)
	}
	return nil
}
