package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/ecdash/ecdash/client"
)

// writableKinds are what create, delete and edit act on.
var writableKinds = []string{"resource", "subscription"}

func checkKind(kind string) error {
	for _, k := range writableKinds {
		if kind == k {
			return nil
		}
	}
	return usageErrorf("unknown kind %q: use resource or subscription", kind)
}

// completeKindIDs completes a kind, then the ids of that kind from the
// API (more than one when many).
func (a *app) completeKindIDs(many bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return writableKinds, cobra.ShellCompDirectiveNoFileComp
		}
		if !many && len(args) > 1 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		g := getter{a: a, out: &output{}}
		switch strings.TrimSuffix(args[0], "s") {
		case "resource":
			return completeIDs(g, client.API.ListResources, func(r client.Resource) (string, string) {
				return r.ResourceID, r.Metadata.Brand + " " + r.Metadata.Model
			})(cmd, nil, toComplete)
		case "subscription":
			return completeIDs(g, client.API.ListSubscriptions, func(s client.Subscription) (string, string) { return s.ID, s.WebhookURL })(cmd, nil, toComplete)
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// target is one kind/id a command acts on.
type target struct{ kind, id string }

// targetsOf reads "KIND ID…" (the kind singular or plural) or "KIND/ID…",
// as -o name prints them.
func targetsOf(args []string) ([]target, error) {
	var out []target
	if strings.Contains(args[0], "/") {
		for _, a := range args {
			kind, id, ok := strings.Cut(a, "/")
			if !ok || id == "" {
				return nil, usageErrorf("%q: use KIND/ID for every object, as -o name prints them", a)
			}
			if err := checkKind(strings.TrimSuffix(kind, "s")); err != nil {
				return nil, err
			}
			out = append(out, target{strings.TrimSuffix(kind, "s"), id})
		}
		return out, nil
	}
	kind := strings.TrimSuffix(args[0], "s")
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, usageErrorf("which %s? give its id (or KIND/ID)", kind)
	}
	for _, id := range args[1:] {
		out = append(out, target{kind, id})
	}
	return out, nil
}

func newDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete resource|subscription ID... | KIND/ID...",
		Short: "Delete resources or subscriptions (asks first on a terminal; --yes otherwise)",
		Example: `  ecdash delete resource ev-0007
  ecdash delete subscription 3f1c… --yes
  ecdash get resources -o name | grep ev-01 | xargs ecdash delete --yes`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: a.completeKindIDs(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			targets, err := targetsOf(args)
			if err != nil {
				return err
			}
			names := make([]string, len(targets))
			for i, t := range targets {
				names[i] = t.kind + "/" + t.id
			}
			if !yes {
				ok, err := confirm(a, "Delete "+strings.Join(names, ", ")+"?")
				if err != nil {
					return err
				}
				if !ok {
					fmt.Fprintln(a.stdout, "nothing deleted")
					return nil
				}
			}
			api, err := a.connectToWrite(cmd, "delete")
			if err != nil {
				return err
			}
			var failed []error
			for i, t := range targets {
				if t.kind == "resource" {
					err = api.DeleteResource(cmd.Context(), t.id)
				} else {
					err = api.DeleteSubscription(cmd.Context(), t.id)
				}
				if err != nil {
					failed = append(failed, err)
					if len(targets) > 1 {
						fmt.Fprintln(a.stderr, a.redact(describeFailure(names[i], err)))
					}
					continue
				}
				fmt.Fprintln(a.stdout, names[i]+" deleted")
			}
			switch {
			case len(failed) == 1 && len(targets) == 1:
				return failed[0] // printed once, by run; its exit code says why
			case len(failed) > 0:
				return fmt.Errorf("%d of %d not deleted", len(failed), len(targets))
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

// confirm asks a yes/no question on a terminal (default no); off a
// terminal it refuses, since nobody can answer.
func confirm(a *app, question string) (bool, error) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return false, usageErrorf("not on a terminal: pass --yes to delete without asking")
	}
	fmt.Fprint(a.stderr, question+" [y/N] ")
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes", nil
}

func newCreateCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a resource or a subscription from flags",
		Args:  cobra.NoArgs,
	}
	var r client.ResourceRequest
	var year int
	res := &cobra.Command{
		Use:     "resource",
		Short:   "Enrol a vehicle",
		Example: `  ecdash create resource --resource-id ev-0100 --user-id u-7 --brand Kia --model EV6 --year 2023 --vin KNDC14CF5P5000001`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if r.ResourceID == "" {
				return usageErrorf("create resource needs --resource-id")
			}
			r.Metadata.ResourceType = "Vehicle"
			if cmd.Flags().Changed("year") {
				r.Metadata.Year = &year
			}
			return a.create(cmd, object{kind: "resource", resource: r})
		},
	}
	f := res.Flags()
	f.StringVar(&r.ResourceID, "resource-id", "", "the vehicle's resource id (required)")
	f.StringVar(&r.UserID, "user-id", "", "the user the vehicle belongs to")
	f.StringVar(&r.Metadata.Brand, "brand", "", "make")
	f.StringVar(&r.Metadata.Model, "model", "", "model")
	f.IntVar(&year, "year", 0, "model year")
	f.StringVar(&r.Metadata.VIN, "vin", "", "vehicle identification number")

	var s client.Subscription
	var payloads, operations []string
	var secretFile string
	sub := &cobra.Command{
		Use:   "subscription",
		Short: "Subscribe a webhook URL; the secret comes from a file or stdin, never a flag value",
		Example: `  ecdash create subscription --url https://relay.example.com/webhook --payload-type PowerLevel --operation Create --secret-file secret.txt
  openssl rand -base64 32 | ecdash create subscription --url https://relay.example.com/webhook --secret-file -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if s.WebhookURL == "" {
				return usageErrorf("create subscription needs --url")
			}
			if secretFile != "" {
				secret, err := readInput(a, secretFile)
				if err != nil {
					return err
				}
				s.WebhookSecret = strings.TrimSpace(string(secret))
				a.addSecrets(s.WebhookSecret)
			}
			for _, p := range payloads {
				s.EventPayloadTypes = append(s.EventPayloadTypes, client.PayloadType(p))
			}
			for _, o := range operations {
				s.OperationTypes = append(s.OperationTypes, client.OperationType(o))
			}
			return a.create(cmd, object{kind: "subscription", subscription: s})
		},
	}
	f = sub.Flags()
	f.StringVar(&s.WebhookURL, "url", "", "the webhook URL the API posts to (required)")
	f.StringArrayVar(&payloads, "payload-type", nil, "event payload type to receive (repeatable), e.g. PowerLevel")
	f.StringArrayVar(&operations, "operation", nil, "operation to receive (repeatable): Create, Update or Delete")
	f.StringVar(&secretFile, "secret-file", "", "file holding the webhook secret, - for stdin")
	cmd.AddCommand(res, sub)
	return cmd
}

// create makes o unless the server has it already (then it says so).
func (a *app) create(cmd *cobra.Command, o object) error {
	api, err := a.connectToWrite(cmd, "create")
	if err != nil {
		return err
	}
	if o.kind == "resource" {
		if _, err := api.GetResource(cmd.Context(), o.resource.ResourceID); err == nil {
			return fmt.Errorf("resource/%s exists already: change it with ecdash apply or ecdash edit", o.resource.ResourceID)
		}
	}
	verb, err := applyObject(cmd.Context(), api, o, false, a.stdout)
	if err != nil {
		var ce *client.Error
		if errors.As(err, &ce) && ce.Problem != nil && len(ce.Problem.Errors) > 0 {
			fmt.Fprintln(a.stderr, a.redact(describeFailure(o.name(), err))) // a field a line
			return fmt.Errorf("%s not created", o.kind)
		}
		return fmt.Errorf("%s not created: %w", o.kind, err)
	}
	_, err = fmt.Fprintln(a.stdout, verb)
	return err
}
