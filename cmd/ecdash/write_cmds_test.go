package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestWritesAgainstSandbox drives apply, create, edit (with a scripted
// editor), delete and get in its formats against the sandbox, every
// request checked against the API's contract.
func TestWritesAgainstSandbox(t *testing.T) {
	c, url := sandboxCLI(t)
	run := func(args ...string) result {
		return c.run(t, append(args, "--base-url", url, "--token", sandboxToken)...)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "objects.yaml")
	os.WriteFile(file, []byte(`- resourceId: ev-0100
  userId: u-42
  metadata:
    resourceType: Vehicle
    brand: Kia
    model: Niro EV
    year: 2022
    vin: KNACC81G1NJ494499
- webhookUrl: https://relay.example.com/webhook
  webhookSecret: apply-secret-0123456789
  eventPayloadTypes: [PowerLevel]
  operationTypes: [Create, Update]
`), 0o600)

	dry := run("apply", "-f", file, "--dry-run").mustSucceed(t).stdout
	if !strings.Contains(dry, "POST /resources\n") || !strings.Contains(dry, "POST /subscriptions\n") || strings.Contains(dry, "apply-secret") {
		t.Fatalf("--dry-run printed:\n%s", dry)
	}
	if out := run("get", "resource", "ev-0100").stdout; strings.Contains(out, "Niro") {
		t.Fatal("--dry-run wrote")
	}
	out := run("apply", "-f", file).mustSucceed(t).stdout
	if !strings.Contains(out, "resource/ev-0100 created\n") || !strings.Contains(out, "subscription/") {
		t.Fatalf("apply printed:\n%s", out)
	}
	if out := run("apply", "-f", file).mustSucceed(t).stdout; !strings.Contains(out, "resource/ev-0100 unchanged\n") || !strings.Contains(out, " updated\n") {
		t.Errorf("a second apply (the subscription found by its URL) printed:\n%s", out)
	}
	if n := strings.Count(run("get", "subscriptions", "-o", "name").mustSucceed(t).stdout, "subscription/"); n != 1 {
		t.Errorf("%d subscriptions after applying one twice", n)
	}
	// A partial object changes what it gives and keeps the rest.
	partial := filepath.Join(dir, "partial.yaml")
	os.WriteFile(partial, []byte("resourceId: ev-0100\nmetadata:\n  model: Niro Plus\n"), 0o600)
	if out := run("apply", "-f", partial).mustSucceed(t).stdout; out != "resource/ev-0100 updated\n" {
		t.Errorf("the partial apply printed %q", out)
	}
	if got := run("get", "resource", "ev-0100", "--jq", "[.userId, .metadata.brand, .metadata.model, .metadata.year] | join(\" \")").mustSucceed(t).stdout; got != "u-42 Kia Niro Plus 2022\n" {
		t.Errorf("after the partial apply: %q", got)
	}
	if y := run("get", "resource", "ev-0100", "-o", "yaml").mustSucceed(t).stdout; !strings.Contains(y, "model: Niro Plus") {
		t.Errorf("get -o yaml:\n%s", y)
	}
	if subs := run("get", "subscriptions", "-o", "yaml").mustSucceed(t).stdout; strings.Contains(subs, "apply-secret") || !strings.Contains(subs, "https://relay.example.com/webhook") {
		t.Errorf("the subscription was not made, or its secret shows:\n%s", subs)
	}

	c.vars = map[string]string{"EDITOR": "sed -i -e 's/Niro Plus/EV9/'"}
	if out := run("edit", "resource", "ev-0100").mustSucceed(t).stdout; out != "resource/ev-0100 edited\n" {
		t.Errorf("edit printed %q", out)
	}
	c.vars = map[string]string{"EDITOR": "true"} // saves nothing
	if out := run("edit", "resource", "ev-0100").mustSucceed(t).stdout; !strings.Contains(out, "no changes") {
		t.Errorf("an edit without changes printed %q", out)
	}
	c.vars = nil
	if got := strings.TrimSpace(run("get", "resource", "ev-0100", "--jq", ".metadata.model").mustSucceed(t).stdout); got != "EV9" {
		t.Errorf("after the edit the model is %q", got)
	}

	if out := run("create", "resource", "--resource-id", "ev-0101", "--brand", "Volvo", "--model", "EX30", "--year", "2024").mustSucceed(t).stdout; out != "resource/ev-0101 created\n" {
		t.Errorf("create printed %q", out)
	}
	run("create", "resource", "--resource-id", "ev-0101").mustFail(t, []string{"resource/ev-0101 exists already"})
	names := run("get", "resources", "-o", "name").mustSucceed(t).stdout
	if !strings.Contains(names, "resource/ev-0100\n") || !strings.Contains(names, "resource/ev-0101\n") {
		t.Errorf("-o name:\n%s", names)
	}

	run("delete", "resource", "ev-0100").mustExit(t, exitUsage, []string{"pass --yes"})
	if out := run("delete", "resource", "ev-0100", "ev-0101", "--yes").mustSucceed(t).stdout; out != "resource/ev-0100 deleted\nresource/ev-0101 deleted\n" {
		t.Errorf("delete printed %q", out)
	}
	run("get", "resource", "ev-0100").mustExit(t, exitNotFound, []string{"404"})
}

// TestApplyShowsFieldErrors: a server that answers problem+json field
// errors: each field on a line of its own, exit 1, and for the single
// object nothing but the one refused request was sent.
func TestApplyShowsFieldErrors(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if r.Method == http.MethodGet {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		json.NewEncoder(w).Encode(map[string]any{"title": "One or more validation errors occurred.", "status": 422,
			"errors": map[string][]string{"metadata.vin": {"must be 17 characters"}, "userId": {"is required"}}})
	}))
	t.Cleanup(srv.Close)
	file := filepath.Join(t.TempDir(), "r.json")
	os.WriteFile(file, []byte(`{"resourceId":"ev-9","metadata":{"vin":"SHORT"}}`), 0o600)
	r := cli{}.run(t, "apply", "-f", file, "--base-url", srv.URL, "--token", sandboxToken)
	if r.code != exitError {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"error: resource/ev-9: POST /resources: 422", "\n  metadata.vin: must be 17 characters", "\n  userId: is required", "1 of 1 objects not applied"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(seen, ",") != "GET /resources/ev-9,POST /resources" {
		t.Errorf("requests sent: %v", seen)
	}
}

// editorChangesServerEnv makes the test binary an editor that first changes
// the object on the server (as a colleague would, meanwhile), then edits
// the file it was given.
const editorChangesServerEnv = "ECDASH_TEST_EDITOR_PUT"

func TestEditorHelperProcess(t *testing.T) {
	put := os.Getenv(editorChangesServerEnv)
	if put == "" {
		t.Skip("the scripted editor of TestEditRefusesAfterAConflict")
	}
	req, _ := http.NewRequest(http.MethodPut, put, strings.NewReader(`{"resourceId":"ev-0001","userId":"someone-else","metadata":{"resourceType":"Vehicle","brand":"Kia","model":"Changed Meanwhile"}}`))
	req.Header.Set("Authorization", "Bearer "+sandboxToken)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode >= 300 {
		b := []byte{}
		if resp != nil {
			b, _ = io.ReadAll(resp.Body)
		}
		fmt.Fprintf(os.Stderr, "the editor's PUT: %v %v %s\n", resp, err, b)
		os.Exit(3)
	}
	file := os.Args[len(os.Args)-1]
	b, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(b), "userId: ", "userId: mine-", 1)), 0o600)
	os.Exit(0)
}

// TestEditRefusesAfterAConflict: when the server's copy changed while the
// editor was open, edit sends nothing, exits 1 and keeps the edit in a
// file apply can send.
func TestEditRefusesAfterAConflict(t *testing.T) {
	c, url := sandboxCLI(t)
	// The editor runs with the process's environment: the variable rides on
	// its command line.
	c.vars = map[string]string{"EDITOR": "env " + editorChangesServerEnv + "=" + url + "/resources?resourceId=ev-0001 " + os.Args[0] + " -test.run=^TestEditorHelperProcess$ --"}
	r := c.run(t, "edit", "resource", "ev-0001", "--base-url", url, "--token", sandboxToken)
	r.mustFail(t, []string{"resource/ev-0001 changed on the server while you edited it: nothing sent", "ecdash apply -f"})
	_, after, found := strings.Cut(r.stderr, "your version is in ")
	if !found {
		t.Fatalf("edit does not say where the edit is kept:\n%s", r.stderr)
	}
	kept := strings.Fields(after)[0]
	if b, err := os.ReadFile(kept); err != nil || !strings.Contains(string(b), "userId: mine-") {
		t.Errorf("the edit was not kept in %s: %v", kept, err)
	}
	os.Remove(kept)
	c.vars = nil
	if got := strings.TrimSpace(c.run(t, "get", "resource", "ev-0001", "--jq", ".metadata.model", "--base-url", url, "--token", sandboxToken).mustSucceed(t).stdout); got != "Changed Meanwhile" {
		t.Errorf("the server's copy is %q: the edit overwrote it", got)
	}
}

// TestWritesRefuseWhatWouldGoWrong: read-only settings refuse every write
// (a dry run still shows); several YAML documents are all applied; a new
// subscription needs a real secret; delete takes KIND/ID as -o name prints
// it and plurals; a wrong base path is an error, not "not found".
func TestWritesRefuseWhatWouldGoWrong(t *testing.T) {
	c, url := sandboxCLI(t)
	run := func(args ...string) result {
		return c.run(t, append(args, "--base-url", url, "--token", sandboxToken)...)
	}
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs.yaml")
	os.WriteFile(docs, []byte("resourceId: ev-0200\nmetadata: {brand: Kia}\n---\nresourceId: ev-0201\nmetadata: {brand: Volvo}\n"), 0o600)

	for _, args := range [][]string{
		{"apply", "-f", docs, "--readonly"},
		{"create", "resource", "--resource-id", "ev-0202", "--readonly"},
		{"delete", "resource", "ev-0001", "--yes", "--readonly"},
		{"edit", "resource", "ev-0001", "--readonly"},
	} {
		run(args...).mustFail(t, []string{"read-only (--readonly): " + args[0] + " would change data on the server"})
	}
	if out := run("apply", "-f", docs, "--dry-run", "--readonly").mustSucceed(t).stdout; strings.Count(out, "POST /resources") != 2 {
		t.Errorf("a read-only dry run of two documents printed:\n%s", out)
	}
	if out := run("apply", "-f", docs).mustSucceed(t).stdout; out != "resource/ev-0200 created\nresource/ev-0201 created\n" {
		t.Errorf("two documents applied as %q", out)
	}

	masked := filepath.Join(dir, "sub.yaml")
	os.WriteFile(masked, []byte("webhookUrl: https://new.example/hook\nwebhookSecret: ••••••••\neventPayloadTypes: [PowerLevel]\noperationTypes: [Create]\n"), 0o600)
	if r := run("apply", "-f", masked); r.code != exitError || !strings.Contains(r.stderr, "error: subscription/(new): a new subscription needs its webhookSecret") {
		t.Errorf("applying a new subscription with a masked secret: exit %d\n%s", r.code, r.stderr)
	}
	run("create", "subscription", "--url", "https://new.example/hook", "--secret-file", "-").mustFail(t, []string{"needs its webhookSecret"})

	if out := run("delete", "resource/ev-0200", "resources/ev-0201", "--yes").mustSucceed(t).stdout; out != "resource/ev-0200 deleted\nresource/ev-0201 deleted\n" {
		t.Errorf("delete KIND/ID printed %q", out)
	}
	r := run("delete", "resources", "ev-0200", "--yes")
	if r.code != exitNotFound || strings.Count(r.stderr, "404") != 1 {
		t.Errorf("deleting a missing resource: exit %d, stderr %q", r.code, r.stderr)
	}
	c.run(t, "get", "events", "--base-url", url+"/v1", "--token", sandboxToken).mustFail(t, []string{"404"})
}

// TestDeleteAndEditCompleteIDs: after the kind, delete and edit complete
// the ids the API lists.
func TestDeleteAndEditCompleteIDs(t *testing.T) {
	c, url := sandboxCLI(t)
	c.vars = map[string]string{"ECDASH_BASE_URL": url, "ECDASH_TOKEN": sandboxToken}
	if got := c.run(t, "__complete", "delete", "").stdout; !strings.HasPrefix(got, "resource\nsubscription\n") {
		t.Errorf("delete completes kinds as:\n%s", got)
	}
	for _, args := range [][]string{{"__complete", "delete", "resource", ""}, {"__complete", "edit", "resource", ""}} {
		if got := c.run(t, args...).stdout; !strings.Contains(got, "ev-0001\t") {
			t.Errorf("%v completes as:\n%.200s", args[1:], got)
		}
	}
}
