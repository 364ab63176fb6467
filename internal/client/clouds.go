package client

import (
	"context"
	"net/http"
	"net/url"
)

// ListCloudProviders sends GET /v1/clouds and returns the cloud providers that Zilliz Cloud runs
// on.
func (c *Client) ListCloudProviders(ctx context.Context) ([]CloudProvider, error) {
	var providers []CloudProvider
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/clouds"}, &providers); err != nil {
		return nil, err
	}
	return providers, nil
}

// ListCloudRegions sends GET /v1/regions and returns the regions of the cloud provider cloudID,
// such as "gcp", or of every provider when cloudID is empty.
func (c *Client) ListCloudRegions(ctx context.Context, cloudID string) ([]CloudRegion, error) {
	var query url.Values
	if cloudID != "" {
		query = url.Values{"cloudId": {cloudID}}
	}

	var regions []CloudRegion
	err := c.do(ctx, request{method: http.MethodGet, path: "/v1/regions", query: query}, &regions)
	if err != nil {
		return nil, err
	}
	return regions, nil
}
