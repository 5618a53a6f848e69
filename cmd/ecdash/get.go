package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/spf13/cobra"
)

var outputFormats = []string{"table", "json"}

// errReportsNotListed explains a 404/405 on the reports extension.
const errReportsNotListed = "this server does not list reports: the Energy Coordination API v1 only accepts them (POST /reports) and never lists them back; GET /reports is an extension of the ecdash sandbox"

func newGetCmd(a *app) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "get",
		Short: "Print events, resources, subscriptions or reports from the API",
		Long: `Print objects from the API as a table (default) or as JSON.

-o json prints each object exactly as the server sent it, re-indented; the one
change is that webhook secrets are masked.`,
		Args: cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range outputFormats {
				if output == f {
					return nil
				}
			}
			return usageErrorf("invalid output format %q: use -o table or -o json", output)
		},
	}
	cmd.PersistentFlags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))

	g := getter{a: a, output: &output}
	cmd.AddCommand(
		listCmd(g, "events", "List events", client.API.ListEvents,
			func(e client.Event) json.RawMessage { return e.Raw }, eventHeader,
			func(e client.Event) []string { return eventRow(e, a.now(), a.loc) }),
		oneCmd(g, "event ID", "Show one event", client.API.GetEvent,
			func(e client.Event) json.RawMessage { return e.Raw },
			func(e client.Event) []field { return eventFields(e, a.now(), a.loc) },
			completeIDs(g, client.API.ListEvents, func(e client.Event) (string, string) { return e.ID, e.Name })),
		listCmd(g, "resources", "List enrolled vehicles", client.API.ListResources,
			func(r client.Resource) json.RawMessage { return r.Raw }, resourceHeader, resourceRow),
		oneCmd(g, "resource RESOURCE_ID", "Show one vehicle", client.API.GetResource,
			func(r client.Resource) json.RawMessage { return r.Raw }, resourceFields,
			completeIDs(g, client.API.ListResources, func(r client.Resource) (string, string) {
				return r.ResourceID, r.Metadata.Brand + " " + r.Metadata.Model
			})),
		listCmd(g, "subscriptions", "List webhook subscriptions (secrets masked)", client.API.ListSubscriptions,
			func(s client.Subscription) json.RawMessage { return s.Raw }, subscriptionHeader, subscriptionRow),
		oneCmd(g, "subscription ID", "Show one webhook subscription (secret masked)", client.API.GetSubscription,
			func(s client.Subscription) json.RawMessage { return s.Raw }, subscriptionFields,
			completeIDs(g, client.API.ListSubscriptions, func(s client.Subscription) (string, string) { return s.ID, s.WebhookURL })),
		listCmd(g, "reports", "List reports the server received (sandbox extension)", listReports,
			func(r client.Report) json.RawMessage { return r.Raw }, reportHeader,
			func(r client.Report) []string { return reportRow(r, a.loc) }),
		oneCmd(g, "report ID", "Show one report the server received (sandbox extension)", getReport,
			func(r client.Report) json.RawMessage { return r.Raw },
			func(r client.Report) []field { return reportFields(r, a.loc) },
			completeIDs(g, client.API.ListReports, func(r client.Report) (string, string) { return r.ID, r.Name })),
	)
	return cmd
}

// getter carries what every get subcommand needs.
type getter struct {
	a      *app
	output *string
}

// secretMembers are the JSON members masked in -o json output.
var secretMembers = []string{"webhookSecret"}

func listCmd[T any](g getter, use, short string, list func(client.API, context.Context) ([]T, error),
	raw func(T) json.RawMessage, header []string, row func(T) []string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, _, err := g.a.connect(cmd)
			if err != nil {
				return err
			}
			items, err := list(api, cmd.Context())
			if err != nil {
				return err
			}
			if *g.output == "json" {
				raws := make([]json.RawMessage, len(items))
				for i, it := range items {
					raws[i] = raw(it)
				}
				return writeJSON(g.a.stdout, raws, true, secretMembers...)
			}
			rows := make([][]string, len(items))
			for i, it := range items {
				rows[i] = row(it)
			}
			return writeTable(g.a.stdout, header, rows)
		},
	}
}

func oneCmd[T any](g getter, use, short string, get func(client.API, context.Context, string) (T, error),
	raw func(T) json.RawMessage, fields func(T) []field, complete cobra.CompletionFunc) *cobra.Command {
	return &cobra.Command{
		Use:               use,
		Short:             short,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: complete,
		RunE: func(cmd *cobra.Command, args []string) error {
			api, _, err := g.a.connect(cmd)
			if err != nil {
				return err
			}
			it, err := get(api, cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if *g.output == "json" {
				return writeJSON(g.a.stdout, []json.RawMessage{raw(it)}, false, secretMembers...)
			}
			return writeFields(g.a.stdout, fields(it))
		},
	}
}

// listReports and getReport call the sandbox's reports extension and turn
// ErrNotOffered into an explanation of why the API cannot list reports.
func listReports(api client.API, ctx context.Context) ([]client.Report, error) {
	r, err := api.ListReports(ctx)
	return r, explainNotOffered(err)
}

func getReport(api client.API, ctx context.Context, id string) (client.Report, error) {
	r, err := api.GetReport(ctx, id)
	return r, explainNotOffered(err)
}

func explainNotOffered(err error) error {
	if errors.Is(err, client.ErrNotOffered) {
		return errors.New(errReportsNotListed)
	}
	return err
}

// completeIDs offers the ids the API lists, described by a name, for shell
// completion of `get event <TAB>` and friends. It gives up quietly (no
// suggestions) when the API is not configured or does not answer in time.
func completeIDs[T any](g getter, list func(client.API, context.Context) ([]T, error), label func(T) (string, string)) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		api, _, err := g.a.connect(cmd)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ctx, cancel := context.WithTimeout(cmd.Context(), 5*time.Second)
		defer cancel()
		items, err := list(api, ctx)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		out := make([]cobra.Completion, 0, len(items))
		for _, it := range items {
			id, desc := label(it)
			if id != "" {
				out = append(out, cobra.CompletionWithDesc(id, present.Sanitize(desc)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
