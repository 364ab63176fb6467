package mock

import (
	"fmt"
	"net/http"
	"strings"
)

// Endpoint names, used by Fault, Request, Stats and the zilliz-mock command's -fault flag.
const (
	EndpointCreate   = "create"
	EndpointDescribe = "describe"
	EndpointDrop     = "drop"
	EndpointList     = "list"
	EndpointProjects = "projects"
	EndpointClouds   = "clouds"
	EndpointRegions  = "regions"
)

// Endpoints returns every endpoint name in a fixed order.
func Endpoints() []string {
	return []string{
		EndpointCreate, EndpointDescribe, EndpointDrop, EndpointList,
		EndpointProjects, EndpointClouds, EndpointRegions,
	}
}

func isEndpoint(name string) bool {
	for _, e := range Endpoints() {
		if e == name {
			return true
		}
	}
	return false
}

// route is an API path matched to its endpoint.
type route struct {
	endpoint string
	method   string

	// clusterID is the {clusterId} path segment of describe and drop.
	clusterID string
}

// matchRoute finds the endpoint of a request path, whatever the method.
func matchRoute(path string) (route, bool) {
	switch path {
	case "/v1/clusters/createServerless":
		return route{endpoint: EndpointCreate, method: http.MethodPost}, true
	case "/v1/clusters":
		return route{endpoint: EndpointList, method: http.MethodGet}, true
	case "/v1/projects":
		return route{endpoint: EndpointProjects, method: http.MethodGet}, true
	case "/v1/clouds":
		return route{endpoint: EndpointClouds, method: http.MethodGet}, true
	case "/v1/regions":
		return route{endpoint: EndpointRegions, method: http.MethodGet}, true
	}

	rest, ok := strings.CutPrefix(path, "/v1/clusters/")
	if !ok {
		return route{}, false
	}
	clusterID, action, hasAction := strings.Cut(rest, "/")
	switch {
	case clusterID == "":
		return route{}, false
	case !hasAction:
		return route{endpoint: EndpointDescribe, method: http.MethodGet, clusterID: clusterID}, true
	case action == "drop":
		return route{endpoint: EndpointDrop, method: http.MethodDelete, clusterID: clusterID}, true
	}
	return route{}, false
}

func notFoundError(r *http.Request) error {
	return &apiError{
		httpStatus: http.StatusNotFound,
		code:       http.StatusNotFound,
		message:    fmt.Sprintf("no API endpoint at %s %s", r.Method, quoteValue(r.URL.Path)),
	}
}

// methodNotAllowed returns the 405 reply, with the Allow header that RFC 9110 requires.
func methodNotAllowed(r *http.Request, allowed string) reply {
	rep := errorReply(&apiError{
		httpStatus: http.StatusMethodNotAllowed,
		code:       http.StatusMethodNotAllowed,
		message: fmt.Sprintf("method %s is not allowed on %s: use %s",
			r.Method, quoteValue(r.URL.Path), allowed),
	})
	rep.header = http.Header{"Allow": {allowed}}
	return rep
}
