package notification

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// DedupeKey is the identity under which repeated deliveries of one
// notification are recognised: its notificationId; else its event id,
// operation and the event's modification time; else the SHA-256 of the body.
func DedupeKey(s Summary, body []byte) string {
	if s.NotificationID != "" {
		return "notification:" + s.NotificationID
	}
	op := string(s.Operation)
	if op == "" {
		op = s.RawOperation
	}
	if s.EventID != "" && op != "" && !s.ModifiedAt.IsZero() {
		return "event:" + s.EventID + "|" + op + "|" + s.ModifiedAt.UTC().Format(time.RFC3339Nano)
	}
	sum := sha256.Sum256(body)
	return "body:" + hex.EncodeToString(sum[:])
}
