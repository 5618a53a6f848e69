package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
)

func newApplyCmd(a *app) *cobra.Command {
	var file string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "apply -f FILE|-",
		Short: "Create or update resources and subscriptions from a JSON or YAML file",
		Long: `Create or update the objects in FILE (or stdin with -f -): one object or a list,
in JSON or YAML (several YAML documents too). A resource is matched by its
resourceId, a subscription by its id, else by its webhookUrl. Each is created
when the server does not have it, and otherwise updated with the fields the file
gives (a field left out keeps the server's value); ecdash says which, one line
per object: created, updated or unchanged.

A subscription's webhookSecret left masked (as "get -o yaml" prints it) or out
keeps the server's. --dry-run prints each request instead of sending it,
secrets masked.`,
		Example: `  ecdash get resource ev-0001 -o yaml > ev-0001.yaml && $EDITOR ev-0001.yaml && ecdash apply -f ev-0001.yaml
  ecdash apply -f fleet.json --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return usageErrorf("apply needs -f FILE (or -f - for stdin)")
			}
			data, err := readInput(a, file)
			if err != nil {
				return err
			}
			objs, err := parseObjects(data)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			for _, o := range objs {
				if o.kind == "subscription" {
					a.addSecrets(o.subscription.WebhookSecret)
				}
			}
			var api client.API
			if dryRun {
				api, _, err = a.connect(cmd) // it sends no write: read-only may look
			} else {
				api, err = a.connectToWrite(cmd, "apply")
			}
			if err != nil {
				return err
			}
			failed := 0
			for _, o := range objs {
				verb, err := applyObject(cmd.Context(), api, o, dryRun, a.stdout)
				if err != nil {
					failed++
					fmt.Fprintln(a.stderr, a.redact(describeFailure(o.name(), err)))
					continue
				}
				if !dryRun {
					fmt.Fprintln(a.stdout, present.Sanitize(verb))
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d objects not applied", failed, len(objs))
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&file, "filename", "f", "", "the JSON or YAML file, - for stdin")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the requests instead of sending them")
	return cmd
}

// readInput reads a file, or stdin for "-".
func readInput(a *app, file string) ([]byte, error) {
	if file == "-" {
		return io.ReadAll(io.LimitReader(a.stdin, 16<<20))
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return b, nil
}

// applyObject creates or updates o and says what it did ("resource/ev-1
// created"); with dryRun it prints the request instead. An update lays the
// fields o gives over the server's copy: a field left out keeps its value.
func applyObject(ctx context.Context, api client.API, o object, dryRun bool, w io.Writer) (string, error) {
	if o.kind == "resource" {
		return applyResource(ctx, api, o, dryRun, w)
	}
	return applySubscription(ctx, api, o, dryRun, w)
}

func applyResource(ctx context.Context, api client.API, o object, dryRun bool, w io.Writer) (string, error) {
	id := o.resource.ResourceID
	cur, err := api.GetResource(ctx, id)
	switch {
	case client.IsNotFound(err):
		if dryRun {
			return "", printRequest(w, "POST", "/resources", o.resource)
		}
		r, err := api.CreateResource(ctx, o.resource)
		return "resource/" + r.ResourceID + " created", err
	case err != nil:
		return "", err
	}
	was := client.ResourceRequest{UserID: cur.UserID, ResourceID: cur.ResourceID, Metadata: cur.Metadata}
	if was.Metadata.Year != nil {
		y := *was.Metadata.Year
		was.Metadata.Year = &y // the overlay below must not write through the server's copy
	}
	req := was
	req.Metadata.Year = cloneInt(was.Metadata.Year)
	if err := json.Unmarshal(o.raw, &req); err != nil {
		return "", err
	}
	if sameResource(req, was) {
		return "resource/" + id + " unchanged", nil
	}
	if dryRun {
		return "", printRequest(w, "PUT", "/resources?resourceId="+id, req)
	}
	_, err = api.UpdateResource(ctx, id, req)
	return "resource/" + id + " updated", err
}

// sameResource compares two requests by value (the model year is a pointer).
func sameResource(a, b client.ResourceRequest) bool {
	ya, yb := a.Metadata.Year, b.Metadata.Year
	a.Metadata.Year, b.Metadata.Year = nil, nil
	return a == b && (ya == nil) == (yb == nil) && (ya == nil || *ya == *yb)
}

func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func applySubscription(ctx context.Context, api client.API, o object, dryRun bool, w io.Writer) (string, error) {
	s := o.subscription
	if s.ID == "" && s.WebhookURL != "" {
		// No id: the subscription of the same URL, if there is one, so
		// applying a file twice does not subscribe twice.
		all, err := api.ListSubscriptions(ctx)
		if err != nil {
			return "", err
		}
		for _, c := range all {
			if c.WebhookURL == s.WebhookURL {
				s.ID = c.ID
				break
			}
		}
	}
	if s.ID != "" {
		cur, err := api.GetSubscription(ctx, s.ID)
		if client.IsNotFound(err) {
			return "", fmt.Errorf("subscription/%s: the server has no such subscription; leave out its id to create a new one", s.ID)
		}
		if err != nil {
			return "", err
		}
		next := cur
		if err := json.Unmarshal(o.raw, &next); err != nil {
			return "", err
		}
		if next.WebhookSecret == "" || isMasked(next.WebhookSecret) {
			next.WebhookSecret = cur.WebhookSecret // read back masked, or left out: the server's
		}
		next.Raw, next.Problems = nil, nil
		if dryRun {
			return "", printRequest(w, "PUT", "/subscriptions/"+s.ID, next)
		}
		_, err = api.UpdateSubscription(ctx, s.ID, next)
		return "subscription/" + s.ID + " updated", err
	}
	if s.WebhookSecret == "" || isMasked(s.WebhookSecret) {
		return "", errors.New("a new subscription needs its webhookSecret (a masked one, as get prints it, cannot be sent): without it webhooks go unsigned")
	}
	req := client.SubscriptionRequest{WebhookSecret: s.WebhookSecret, WebhookURL: s.WebhookURL, EventPayloadTypes: s.EventPayloadTypes, OperationTypes: s.OperationTypes}
	if dryRun {
		return "", printRequest(w, "POST", "/subscriptions", req)
	}
	created, err := api.CreateSubscription(ctx, req)
	return "subscription/" + created.ID + " created", err
}

// isMasked reports whether a secret is client.MaskSecret's mask, as get
// prints it, rather than a secret.
func isMasked(s string) bool { return strings.Trim(s, "•") == "" }

// printRequest prints a request as --dry-run shows it, secrets masked.
func printRequest(w io.Writer, method, path string, body any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	masked, err := present.MaskJSON(raw, secretMembers...)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s %s\n", method, path)
	return writeJSON(w, []json.RawMessage{masked}, false)
}

// describeFailure is the object's name and what the server said, each field
// error on a line of its own:
//
//	error: resource/ev-1: PUT /resources/ev-1: 422 Unprocessable Entity
//	  metadata.vin: must be 17 characters
func describeFailure(name string, err error) string {
	var ce *client.Error
	if errors.As(err, &ce) && ce.StatusCode >= 200 && ce.StatusCode < 300 {
		// The answer broke after the server took the request.
		return "error: " + name + ": " + err.Error() + "\n  the server may have applied it: check with ecdash get before trying again"
	}
	if !errors.As(err, &ce) || ce.Problem == nil || len(ce.Problem.Errors) == 0 {
		return "error: " + name + ": " + err.Error()
	}
	b := strings.Builder{}
	b.WriteString("error: " + name + ": " + ce.Method + " " + ce.Path + ": " + fmt.Sprint(ce.StatusCode))
	if t := present.Sanitize(ce.Problem.Title); t != "" {
		b.WriteString(" " + t)
	}
	fields := make([]string, 0, len(ce.Problem.Errors))
	for f := range ce.Problem.Errors {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		for _, msg := range ce.Problem.Errors[f] {
			b.WriteString("\n  " + present.Sanitize(f) + ": " + present.Sanitize(msg))
		}
	}
	return b.String()
}
