// Package mock is an in-memory stand-in for the Zilliz Cloud control-plane API (REST v1), used by
// the provider's acceptance tests, the demo and the benchmark.
//
// A Server implements http.Handler: tests serve it with httptest.NewServer and the zilliz-mock
// command serves it on a loopback port. The server stores clusters in memory and computes each
// cluster's status and createProgress from its clock when a request reads them, so no goroutine
// runs per cluster. Faults can be scripted per endpoint to reproduce the ways a network and a
// service fail (see Fault). Paths under /_mock/ are served only by the mock and need no API key.
//
// The package keeps its own copy of the wire types instead of importing the client's models, so
// a wrong JSON name on either side makes a test fail instead of being shared by both.
package mock
