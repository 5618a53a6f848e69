// Package client speaks the Energy Coordination API (v1): its types, the HTTP
// client for all 13 operations, auth, problem+json errors and tolerant decoding.
// client/openapi.yaml is the contract both this client and the sandbox are
// tested against.
package client

import (
	"encoding/json"
	"time"
)

// PayloadType is an event's payload kind (SparkEventPayloadType in the seed).
type PayloadType string

const (
	PayloadUnknown      PayloadType = "Unknown"
	PayloadCurrentLevel PayloadType = "CurrentLevel"
	PayloadPowerLevel   PayloadType = "PowerLevel"
)

// PayloadTypes lists the event payload types the API defines, in the seed's order.
var PayloadTypes = []PayloadType{PayloadUnknown, PayloadCurrentLevel, PayloadPowerLevel}

// Unit is the physical unit of a payload value: "W" for PowerLevel, "A" for
// CurrentLevel, "" when unknown.
func (p PayloadType) Unit() string {
	switch p {
	case PayloadPowerLevel:
		return "W"
	case PayloadCurrentLevel:
		return "A"
	}
	return ""
}

// OperationType is what happened to an event, as named in subscriptions and webhooks.
type OperationType string

const (
	OperationCreate OperationType = "Create"
	OperationUpdate OperationType = "Update"
	OperationDelete OperationType = "Delete"
)

// OperationTypes lists the operation types the API defines, in the seed's order.
var OperationTypes = []OperationType{OperationCreate, OperationUpdate, OperationDelete}

// ActionType is what a vehicle did, as reported in a VehicleChargeAction.
type ActionType string

const (
	ActionStart ActionType = "Start"
	ActionStop  ActionType = "Stop"
)

// ReportPayloadVehicleChargeAction is the only report payload type v1 defines.
const ReportPayloadVehicleChargeAction = "VehicleChargeAction"

// FieldProblem records a field whose value could not be decoded. The raw JSON
// is kept so the UI can show what was sent, marked invalid, without hiding the
// rest of the object.
type FieldProblem struct {
	Field   string          // JSON path within the object, e.g. "intervalPeriod.duration"
	Raw     json.RawMessage // the value as received
	Message string          // why it was rejected, e.g. `not a duration: "2 hours"`
}

func (p FieldProblem) Error() string { return p.Field + ": " + p.Message }

// IntervalPeriod is when an event applies.
type IntervalPeriod struct {
	Start    time.Time     // zero when missing or invalid
	Duration time.Duration // zero when missing or invalid
	// RandomizeStart is the window after Start within which each target should
	// begin; zero when null or missing.
	RandomizeStart time.Duration
}

// End is Start + Duration.
func (p IntervalPeriod) End() time.Time { return p.Start.Add(p.Duration) }

// EventPayload is what an event asks of its targets.
type EventPayload struct {
	Type PayloadType
	// Value is targetPower (W) for PowerLevel or targetCurrent (A) for CurrentLevel.
	Value    float64
	HasValue bool // false when the target value is missing, null or invalid
}

// Unit is the unit of Value ("W", "A" or "").
func (p EventPayload) Unit() string { return p.Type.Unit() }

// TargetResource is one resource an event targets.
type TargetResource struct {
	ResourceID string
	LocationID string
}

// ReportDescriptor is what the server asks to be reported back, for which resources.
type ReportDescriptor struct {
	PayloadType     string
	TargetResources []string
}

// Event is a demand-response request from the server (VTN).
type Event struct {
	ID                   string
	Name                 string
	Priority             *int
	ProgramID            string
	CreatedDateTime      time.Time // zero when missing or invalid
	ModificationDateTime time.Time // zero when missing or invalid
	TargetResources      []TargetResource
	ReportDescriptors    []ReportDescriptor
	IntervalPeriod       IntervalPeriod
	Payload              EventPayload

	// Raw is the object exactly as the server sent it (nil when built in code).
	Raw json.RawMessage
	// Problems lists the fields that could not be decoded; the object is still usable.
	Problems []FieldProblem
}

// VehicleResourceMetadata describes an enrolled vehicle.
type VehicleResourceMetadata struct {
	ResourceType string `json:"resourceType,omitempty"` // "Vehicle"
	Brand        string `json:"brand,omitempty"`
	Model        string `json:"model,omitempty"`
	Year         *int   `json:"year,omitempty"`
	VIN          string `json:"vin,omitempty"`
}

// Resource is an enrolled vehicle as the server stores it.
type Resource struct {
	ID         string
	UserID     string
	ResourceID string
	Metadata   VehicleResourceMetadata

	Raw      json.RawMessage
	Problems []FieldProblem
}

// ResourceRequest is the body of POST and PUT /resources.
type ResourceRequest struct {
	UserID     string                  `json:"userId,omitempty"`
	ResourceID string                  `json:"resourceId,omitempty"`
	Metadata   VehicleResourceMetadata `json:"metadata"`
}

// Subscription tells the server where to POST webhooks.
type Subscription struct {
	ID                string          `json:"id,omitempty"`
	WebhookSecret     string          `json:"webhookSecret,omitempty"`
	WebhookURL        string          `json:"webhookUrl,omitempty"`
	EventPayloadTypes []PayloadType   `json:"eventPayloadTypes"`
	OperationTypes    []OperationType `json:"operationTypes"`

	Raw      json.RawMessage `json:"-"`
	Problems []FieldProblem  `json:"-"`
}

// String never prints the secret, so a Subscription can be logged safely.
func (s Subscription) String() string {
	return "Subscription{id=" + s.ID + " url=" + s.WebhookURL + " secret=" + MaskSecret(s.WebhookSecret) + "}"
}

// SubscriptionRequest is the body of POST /subscriptions.
type SubscriptionRequest struct {
	WebhookSecret     string          `json:"webhookSecret,omitempty"`
	WebhookURL        string          `json:"webhookUrl,omitempty"`
	EventPayloadTypes []PayloadType   `json:"eventPayloadTypes"`
	OperationTypes    []OperationType `json:"operationTypes"`
}

// String never prints the secret.
func (s SubscriptionRequest) String() string {
	return "SubscriptionRequest{url=" + s.WebhookURL + " secret=" + MaskSecret(s.WebhookSecret) + "}"
}

// Location is a WGS84 position.
type Location struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// VehicleChargeActionPayload is one vehicle's action in a report. Optional
// numbers are pointers: absent is not zero. Real data mixes units (a vendor
// example sent stateOfCharge 0.5 and batteryCapacity 75000), so values are
// kept as sent.
type VehicleChargeActionPayload struct {
	PayloadType     string     `json:"payloadType"` // "VehicleChargeAction"
	ResourceID      string     `json:"resourceId"`
	Location        Location   `json:"location"`
	ActionType      ActionType `json:"actionType"`
	Current         *float64   `json:"current,omitempty"`         // A
	Power           *float64   `json:"power,omitempty"`           // W
	StateOfCharge   *float64   `json:"stateOfCharge,omitempty"`   // %
	BatteryCapacity *float64   `json:"batteryCapacity,omitempty"` // kWh
}

// ReportRequest is the body of POST /reports: one payload per vehicle.
type ReportRequest struct {
	EventID  string                       `json:"eventId,omitempty"`
	Name     string                       `json:"name,omitempty"`
	Payloads []VehicleChargeActionPayload `json:"payloads"`
}

// Report is the server's answer to POST /reports. The sandbox's GET /reports
// extension also returns the payloads it received.
type Report struct {
	ID                   string
	EventID              string
	ProgramID            string
	Name                 string
	CreatedDateTime      time.Time
	ModificationDateTime time.Time
	// Payloads is only filled by servers that echo them (the sandbox's GET /reports).
	Payloads []VehicleChargeActionPayload

	Raw      json.RawMessage
	Problems []FieldProblem
}

// ProblemDetails is an RFC 9457 application/problem+json body.
type ProblemDetails struct {
	Type     string              `json:"type,omitempty"`
	Title    string              `json:"title,omitempty"`
	Status   int                 `json:"status,omitempty"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Errors   map[string][]string `json:"errors,omitempty"`
	// Extensions holds any other members, as sent.
	Extensions map[string]json.RawMessage `json:"-"`
}

// MaskSecret hides all of a secret but its length class, for screens and logs.
func MaskSecret(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) < 8:
		return "••••"
	default:
		return "••••••••"
	}
}
