package client

import (
	"context"
	"net/http"
)

// ListProjects sends GET /v1/projects and returns the projects that the API key may use.
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	var projects []Project
	if err := c.do(ctx, request{method: http.MethodGet, path: "/v1/projects"}, &projects); err != nil {
		return nil, err
	}
	return projects, nil
}
