package mock

import (
	"net/http"
	"time"
)

// maxLoggedRequests bounds the request log of a long-running server. Past it the oldest
// entries are dropped. Stats counts every request regardless.
const maxLoggedRequests = 100_000

// Request is an entry of the request log. It stores no header and no body, so neither the
// API key nor a password can appear in it.
type Request struct {
	Method   string
	Path     string
	RawQuery string

	// Endpoint is one of the Endpoint constants, or "" when the path matched none.
	Endpoint string

	// Status is the HTTP status sent, or 0 when the connection was reset or the client
	// gave up before a response was written.
	Status int

	// Code is the body code sent, or 0 when the body was not a complete JSON envelope with
	// a numeric code.
	Code int

	// Fault is the injected fault that hit the request, or "" for none.
	Fault FaultKind

	// Time is when the request arrived, by Options.Now.
	Time time.Time
}

// record adds a request to the log and the statistics.
func (s *Server) record(ex *exchange, status, code int) {
	entry := Request{
		Method:   ex.r.Method,
		Path:     ex.r.URL.Path,
		RawQuery: ex.r.URL.RawQuery,
		Endpoint: ex.route.endpoint,
		Status:   status,
		Code:     code,
		Fault:    ex.fault,
		Time:     ex.received,
	}

	s.mu.Lock()
	if len(s.requestLog) >= maxLoggedRequests {
		s.requestLog = s.requestLog[1:]
	}
	s.requestLog = append(s.requestLog, entry)
	if status == http.StatusTooManyRequests {
		s.tooManyRequests++
	}
	s.mu.Unlock()

	if s.opts.Logf == nil {
		return
	}
	if entry.Fault == "" {
		s.opts.Logf("%s %s: endpoint %q, HTTP %d, code %d",
			entry.Method, entry.Path, entry.Endpoint, entry.Status, entry.Code)
		return
	}
	s.opts.Logf("%s %s: endpoint %q, HTTP %d, code %d, injected fault %q",
		entry.Method, entry.Path, entry.Endpoint, entry.Status, entry.Code, entry.Fault)
}

// Requests returns a copy of the request log, oldest first. Requests to /_mock/ paths are not
// logged.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requestLog...)
}

// CountRequests returns the number of logged requests to an endpoint, whatever their outcome.
func (s *Server) CountRequests(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()

	count := 0
	for _, entry := range s.requestLog {
		if entry.Endpoint == endpoint {
			count++
		}
	}
	return count
}

// ResetRequests empties the request log. It does not reset Stats.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requestLog = nil
}
