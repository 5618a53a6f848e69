package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestGetOutputFormats drives `get` against the sandbox in every format:
// yaml holds the same objects as json, in the server's member order; name
// lists kind/id; --jq selects; --no-headers drops the header; wide adds
// columns; secrets stay masked everywhere; a bad -o or --jq is a usage error.
func TestGetOutputFormats(t *testing.T) {
	c, url := sandboxCLI(t)
	get := func(args ...string) string {
		return c.run(t, append(append([]string{"get"}, args...), "--base-url", url, "--token", sandboxToken)...).mustSucceed(t).stdout
	}
	var fromJSON, fromYAML []map[string]any
	if err := json.Unmarshal([]byte(get("events", "-o", "json")), &fromJSON); err != nil {
		t.Fatal(err)
	}
	y := get("events", "-o", "yaml")
	if err := yaml.Unmarshal([]byte(y), &fromYAML); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, y)
	}
	if len(fromJSON) == 0 || len(fromYAML) != len(fromJSON) || fromYAML[0]["id"] != fromJSON[0]["id"] {
		t.Fatalf("yaml and json differ: %d and %d objects", len(fromYAML), len(fromJSON))
	}
	dec := json.NewDecoder(strings.NewReader(get("events", "-o", "json")))
	dec.Token() // [
	dec.Token() // {
	tok, _ := dec.Token()
	first, _ := tok.(string) // the server's first member
	if !strings.HasPrefix(y, "- "+first+": ") || strings.Contains(y, "{") || strings.Contains(y, `"`+first+`"`) {
		t.Errorf("yaml is not in block style with the server's first member (%s) first:\n%.300s", first, y)
	}

	names := strings.Split(strings.TrimSpace(get("events", "-o", "name")), "\n")
	if len(names) != len(fromJSON) || names[0] != "event/"+fromJSON[0]["id"].(string) {
		t.Errorf("-o name printed %q", names[:min(3, len(names))])
	}
	if got := strings.TrimSpace(get("events", "--jq", ".[0].id")); got != fromJSON[0]["id"] {
		t.Errorf("--jq .[0].id printed %q", got)
	}

	table := get("resources")
	bare := get("resources", "--no-headers")
	if !strings.HasPrefix(table, "RESOURCE ID") || strings.Contains(bare, "RESOURCE ID") || strings.Count(bare, "\n") != strings.Count(table, "\n")-1 {
		t.Errorf("--no-headers:\n%.200s", bare)
	}
	if wide := get("events", "-o", "wide"); !strings.Contains(wide, "MODIFIED") {
		t.Errorf("-o wide lacks its columns:\n%.200s", wide)
	}

	body := `{"webhookUrl":"https://hooks.example/ecdash","webhookSecret":"sup3r-secret-value-99","eventPayloadTypes":["PowerLevel"],"operationTypes":["Create"]}`
	req, _ := http.NewRequest(http.MethodPost, url+"/subscriptions", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+sandboxToken)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode >= 300 {
		t.Fatalf("creating a subscription: %v %v", resp, err)
	}
	for _, out := range []string{get("subscriptions", "-o", "yaml"), get("subscriptions", "--jq", ".[].webhookSecret"), get("subscriptions", "-o", "wide")} {
		if strings.Contains(out, "sup3r-secret") || !strings.Contains(out, "•") {
			t.Errorf("a secret shows or is not masked:\n%s", out)
		}
	}
	c.run(t, "get", "events", "-o", "xml", "--base-url", url, "--token", sandboxToken).mustExit(t, exitUsage, []string{`invalid output format "xml"`})
	c.run(t, "get", "events", "--jq", ".[", "--base-url", url, "--token", sandboxToken).mustExit(t, exitUsage, []string{`--jq ".["`})
}
