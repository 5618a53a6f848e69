package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/ecdash/ecdash/client"
	"github.com/ecdash/ecdash/internal/present"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// errReportsNotListed explains a 404/405 on the reports extension.
const errReportsNotListed = "this server does not list reports: the Energy Coordination API v1 only accepts them (POST /reports) and never lists them back; GET /reports is an extension of the ecdash sandbox"

func newGetCmd(a *app) *cobra.Command {
	out := &output{}
	cmd := &cobra.Command{
		Use:   "get",
		Short: "Print events, resources, subscriptions or reports from the API",
		Long: `Print objects from the API as a table (default) or as data.

  -o table    aligned columns (--no-headers drops the header line)
  -o wide     the table with more columns
  -o json     each object exactly as the server sent it, re-indented
  -o yaml     the same as YAML, members in the server's order
  -o name     kind/id, one per line, for scripts
  --jq EXPR   a jq expression over the JSON (gojq); strings print as they are

Webhook secrets are masked in every format.`,
		Example: `  ecdash get events -o yaml
  ecdash get resources -o name
  ecdash get events --jq '.[] | select(.priority == 1) | .id'`,
		Args: cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return out.check()
		},
	}
	addOutputFlags(cmd.PersistentFlags(), out)
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))

	g := getter{a: a, out: out}
	cmd.AddCommand(
		listCmd(g, "events", "List events", client.API.ListEvents, eventView(a)),
		oneCmd(g, "event ID", "Show one event", client.API.GetEvent, eventView(a),
			func(e client.Event) []field { return eventFields(e, a.now(), a.loc) },
			completeIDs(g, client.API.ListEvents, func(e client.Event) (string, string) { return e.ID, e.Name })),
		listCmd(g, "resources", "List enrolled vehicles", client.API.ListResources, resourceView),
		oneCmd(g, "resource RESOURCE_ID", "Show one vehicle", client.API.GetResource, resourceView, resourceFields,
			completeIDs(g, client.API.ListResources, func(r client.Resource) (string, string) {
				return r.ResourceID, r.Metadata.Brand + " " + r.Metadata.Model
			})),
		listCmd(g, "subscriptions", "List webhook subscriptions (secrets masked)", client.API.ListSubscriptions, subscriptionView),
		oneCmd(g, "subscription ID", "Show one webhook subscription (secret masked)", client.API.GetSubscription, subscriptionView, subscriptionFields,
			completeIDs(g, client.API.ListSubscriptions, func(s client.Subscription) (string, string) { return s.ID, s.WebhookURL })),
		listCmd(g, "reports", "List reports the server received (sandbox extension)", listReports, reportView(a)),
		oneCmd(g, "report ID", "Show one report the server received (sandbox extension)", getReport, reportView(a),
			func(r client.Report) []field { return reportFields(r, a.loc) },
			completeIDs(g, client.API.ListReports, func(r client.Report) (string, string) { return r.ID, r.Name })),
	)
	return cmd
}

// addOutputFlags registers -o, --no-headers and --jq.
func addOutputFlags(fs *pflag.FlagSet, out *output) {
	fs.StringVarP(&out.format, "output", "o", "table", "output format: "+strings.Join(outputFormats, "|"))
	fs.BoolVar(&out.noHeaders, "no-headers", false, "print tables without their header line")
	fs.StringVar(&out.jq, "jq", "", "print the result of a jq expression over the JSON output")
}

// getter carries what every get subcommand needs.
type getter struct {
	a   *app
	out *output
}

// secretMembers are the JSON members masked in every structured output.
var secretMembers = []string{"webhookSecret"}

// view is how one kind of object prints: its raw JSON, its name for -o
// name, and its table and wide rows.
type view[T any] struct {
	kind             string
	raw              func(T) json.RawMessage
	id               func(T) string
	header, wideHead []string
	row, wideRow     func(T) []string // wideRow is the columns wide adds
}

// print writes items in the format asked for; list says whether the
// command lists (an array) or shows one object.
func (v view[T]) print(g getter, items []T, list bool, fields func(T) []field) error {
	w, out := g.a.stdout, g.out
	switch {
	case out.structured():
		raws := make([]json.RawMessage, len(items))
		for i, it := range items {
			raws[i] = v.raw(it)
		}
		return out.writeObjects(w, raws, list)
	case out.format == "name":
		ids := make([]string, len(items))
		for i, it := range items {
			ids[i] = v.id(it)
		}
		return writeNames(w, v.kind, ids)
	case !list && out.format == "table":
		return writeFields(w, fields(items[0]))
	}
	header := v.header
	if out.format == "wide" {
		header = append(append([]string(nil), header...), v.wideHead...)
	}
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = v.row(it)
		if out.format == "wide" {
			rows[i] = append(rows[i], v.wideRow(it)...)
		}
	}
	if out.noHeaders {
		header = nil
	}
	return writeTable(w, header, rows)
}

func listCmd[T any](g getter, use, short string, list func(client.API, context.Context) ([]T, error), v view[T]) *cobra.Command {
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
			return v.print(g, items, true, nil)
		},
	}
}

func oneCmd[T any](g getter, use, short string, get func(client.API, context.Context, string) (T, error),
	v view[T], fields func(T) []field, complete cobra.CompletionFunc) *cobra.Command {
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
			return v.print(g, []T{it}, false, fields)
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
