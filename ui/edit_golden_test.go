package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecdash/ecdash/client"
)

// The edit forms, drawn by the whole program against the sandbox at the
// test size; each golden also checks what was (not) sent.

func TestGoldenResourceFormShortVIN(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "n")
	waitFor(t, tm, "New resource")
	fields(tm, "user-1", "car-9", "Volvo", "EX30", "2025", "yv1xzk7v0rf00000")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "needs 17 characters, has 16", "not saved: fix the 1 field error first")
	screen := finalScreen(t, tm)
	requireGolden(t, screen)
	if _, err := api.GetResource(context.Background(), "car-9"); !client.IsNotFound(err) {
		t.Errorf("an invalid form reached the server: %v", err)
	}
}

func TestResourceCreateFixedVINIsSavedAndListed(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "n")
	fields(tm, "user-1", "car-9", "Volvo", "EX30", "2025", "YV1XZK7V0RF00000")
	waitFor(t, tm, "needs 17 characters, has 16")
	send(tm, "shift+tab") // back to the VIN
	typeInto(tm, "1")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "created resource car-9", "41 rows")
	r, err := api.GetResource(context.Background(), "car-9")
	if err != nil || r.Metadata.VIN != "YV1XZK7V0RF000001" {
		t.Fatalf("sandbox has %+v, %v", r, err)
	}
	if screen := finalScreen(t, tm); !strings.Contains(screen, "car-9") {
		t.Errorf("not listed:\n%s", screen)
	}
}

func TestGoldenResourceDuplicateIs409(t *testing.T) {
	tm, _, _ := editApp(t, false)
	send(tm, "n")
	fields(tm, "user-2", "ev-0001", "Polestar", "2", "2024")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "409 Conflict", `already exists`)
	requireGolden(t, finalScreen(t, tm))
}

func TestGoldenResourceDeleteConfirm(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "d")
	waitFor(t, tm, "Delete resource ev-0001?")
	screen := finalScreen(t, tm)
	requireGolden(t, screen)
	if _, err := api.GetResource(context.Background(), "ev-0001"); err != nil {
		t.Errorf("opening the confirmation deleted: %v", err)
	}
}

func TestGoldenResourceConflict(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "e")
	waitFor(t, tm, "Edit resource ev-0001")
	r, err := api.GetResource(context.Background(), "ev-0001")
	if err != nil {
		t.Fatal(err)
	}
	r.Metadata.Model = "ID.3 Pro"
	if _, err := api.UpdateResource(context.Background(), "ev-0001", client.ResourceRequest{UserID: r.UserID, ResourceID: r.ResourceID, Metadata: r.Metadata}); err != nil {
		t.Fatal(err)
	}
	send(tm, "tab", "tab", "tab", "tab") // the year
	tm.Send(ctrl('u'))
	typeInto(tm, "2021")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "changed on the server", "o overwrite with mine")
	requireGolden(t, finalScreen(t, tm))
	if r, _ := api.GetResource(context.Background(), "ev-0001"); *r.Metadata.Year != 2020 {
		t.Errorf("the conflict did not stop the PUT: year %d", *r.Metadata.Year)
	}
}

func TestGoldenSubscriptionFormBadURL(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "4")
	waitFor(t, tm, "no subscriptions yet")
	send(tm, "n")
	typeInto(tm, "ftp://partner.example/hooks")
	waitFor(t, tm, "must start with https:// or http://")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "not saved: fix the 1 field error first")
	requireGolden(t, finalScreen(t, tm))
	if subs, _ := api.ListSubscriptions(context.Background()); len(subs) != 0 {
		t.Errorf("sent: %v", subs)
	}
}

func TestSubscriptionCreatedSecretNeverOnScreenUnrevealed(t *testing.T) {
	tm, api, _ := editApp(t, false)
	send(tm, "4")
	waitFor(t, tm, "no subscriptions yet")
	send(tm, "n")
	typeInto(tm, "https://partner.example/hooks")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "created subscription")
	subs, err := api.ListSubscriptions(context.Background())
	if err != nil || len(subs) != 1 || len(subs[0].WebhookSecret) != 44 {
		t.Fatalf("server has %v, %v", subs, err)
	}
	screen := finalScreen(t, tm)
	if strings.Contains(screen, subs[0].WebhookSecret) || strings.Contains(screen, subs[0].WebhookSecret[:12]) {
		t.Error("the secret reached the screen")
	}
	if !strings.Contains(screen, "https://partner.example/hooks") {
		t.Errorf("not listed:\n%s", screen)
	}
}

func TestResourceDraftGoesToTheStateDir(t *testing.T) {
	tm, _, dir := editApp(t, false)
	send(tm, "n")
	typeInto(tm, "half-typed")
	send(tm, "esc")
	waitFor(t, tm, "draft kept")
	send(tm, "n")
	waitFor(t, tm, "Restore draft from 18:30?")
	send(tm, "y")
	waitFor(t, tm, "draft restored")
	finalScreen(t, tm)
	b, err := os.ReadFile(filepath.Join(dir, "drafts", "resource-new.json"))
	if err != nil || !strings.Contains(string(b), "half-typed") {
		t.Fatalf("draft %s, %v", b, err)
	}
}

// TestCreatedResourceIsSelected: after a save the cursor is on the new row,
// even when it sorts far from where the cursor was.
func TestCreatedResourceIsSelected(t *testing.T) {
	tm, _, _ := editApp(t, false)
	send(tm, "n")
	fields(tm, "user-9", "zz-last-9", "Volvo", "EX30", "2025", "YV1XZK7V0RF000001")
	tm.Send(ctrl('s'))
	waitFor(t, tm, "created resource zz-last-9", "41 rows")
	for _, line := range strings.Split(finalScreen(t, tm), "\n") {
		if strings.HasPrefix(line, ">") {
			if !strings.Contains(line, "zz-last-9") {
				t.Errorf("the cursor is on %q, not on the new resource", line)
			}
			return
		}
	}
	t.Error("no cursor row on screen")
}
