package client

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// OpenAPISpec is client/openapi.yaml: the contract that this client and the
// sandbox are both tested against (see package client/contract).
//
//go:embed openapi.yaml
var OpenAPISpec []byte

// LoadSpec parses OpenAPISpec and validates it. Each call returns a fresh
// document, so callers may change it (e.g. its servers) without affecting others.
func LoadSpec() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPISpec)
	if err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.yaml is not a valid OpenAPI document: %w", err)
	}
	return doc, nil
}
