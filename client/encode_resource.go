package client

import "encoding/json"

// wireResource is the API's Resource shape, members in the seed's order.
type wireResource struct {
	UserID     string                  `json:"userId,omitempty"`
	ResourceID string                  `json:"resourceId,omitempty"`
	Metadata   VehicleResourceMetadata `json:"metadata"`
	ID         string                  `json:"id"`
}

// MarshalJSON writes the resource in the API's shape.
func (r Resource) MarshalJSON() ([]byte, error) {
	return json.Marshal(wireResource{UserID: r.UserID, ResourceID: r.ResourceID, Metadata: r.Metadata, ID: r.ID})
}
