package mock

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// mockPathPrefix starts the paths that only the mock serves, such as /_mock/stats. They need
// no API key, are not rate limited and do not appear in the request log.
const mockPathPrefix = "/_mock/"

// Server is the in-memory Zilliz Cloud API. It implements http.Handler, and all its methods are
// safe for concurrent use.
type Server struct {
	// opts is read-only after New.
	opts   Options
	apiKey string

	mu                sync.Mutex
	rng               *rand.Rand
	serverlessOffered bool

	// createDelay and createDelayMax start as the options' values and change with
	// SetCreateDelay.
	createDelay    time.Duration
	createDelayMax time.Duration

	clusters        map[string]*clusterRecord
	clusterOrder    []*clusterRecord
	limiter         *tokenBucket
	faults          map[string][]*pendingFault
	requestLog      []Request
	endpointCounts  map[string]int
	tooManyRequests int
}

// New returns a Server configured by opts. It panics if opts.Validate fails, because invalid
// options are a bug in the calling test. Commands should call Validate first.
func New(opts Options) *Server {
	if err := opts.Validate(); err != nil {
		panic("mock.New: " + err.Error())
	}
	opts = opts.withDefaults()

	s := &Server{
		opts:              opts,
		apiKey:            opts.APIKey,
		rng:               newRandomSource(),
		serverlessOffered: !opts.ServerlessNotOffered,
		createDelay:       opts.CreateDelay,
		createDelayMax:    opts.CreateDelayMax,
		clusters:          make(map[string]*clusterRecord),
		faults:            make(map[string][]*pendingFault),
		endpointCounts:    make(map[string]int),
	}
	if s.apiKey == "" {
		s.apiKey = newAPIKey(s.rng)
	}
	if opts.RateLimit > 0 {
		s.limiter = newTokenBucket(opts.RateLimit, opts.Now())
	}
	return s
}

// APIKey returns the bearer key that requests must send.
func (s *Server) APIKey() string {
	return s.apiKey
}

// RegionID returns the region this server is the controller of.
func (s *Server) RegionID() string {
	return s.opts.RegionID
}

// exchange is one HTTP request on its way through ServeHTTP.
type exchange struct {
	w        http.ResponseWriter
	r        *http.Request
	route    route
	received time.Time

	// body is the request body, read in full before faults apply, and bodyErr the error of
	// reading it. Until a handler has read the body, net/http does not watch the connection,
	// so the request's context would not end when the client leaves.
	body    []byte
	bodyErr error

	// fault is the injected fault that applies, or "" for none.
	fault FaultKind
}

// ServeHTTP serves one request in this order: mock-only paths, routing (404), method (405),
// rate limit (429), authentication (401), injected faults, and then the endpoint itself.
// Faults therefore apply only to requests that would otherwise have been served.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{w: w, r: r, received: s.opts.Now()}

	if strings.HasPrefix(r.URL.Path, mockPathPrefix) {
		s.serveMockPath(w, r)
		return
	}

	rt, found := matchRoute(r.URL.Path)
	if !found {
		s.respond(ex, errorReply(notFoundError(r)).render())
		return
	}
	ex.route = rt

	if r.Method != rt.method {
		s.respond(ex, methodNotAllowed(r, rt.method).render())
		return
	}
	s.countRequest(rt)

	if !s.allowRequest() {
		s.respond(ex, s.rateLimitedReply().render())
		return
	}

	if err := s.authenticate(r.Header.Get("Authorization")); err != nil {
		s.respond(ex, errorReply(err).render())
		return
	}
	ex.body, ex.bodyErr = readRequestBody(r.Body)

	if fault, ok := s.takeFault(rt.endpoint); ok {
		ex.fault = fault.Kind
		s.serveFault(ex, fault)
		return
	}

	s.respond(ex, s.handle(ex).render())
}

// handle performs the request's action and returns its reply.
func (s *Server) handle(ex *exchange) reply {
	switch ex.route.endpoint {
	case EndpointCreate:
		return s.createCluster(ex.body, ex.bodyErr)
	case EndpointDescribe:
		return s.describeCluster(ex.route.clusterID)
	case EndpointDrop:
		return s.dropCluster(ex.route.clusterID)
	case EndpointList:
		return s.listClusters(ex.r.URL.Query())
	case EndpointProjects:
		return s.listProjects()
	case EndpointClouds:
		return success(cloudProviders())
	case EndpointRegions:
		return success(cloudRegions(ex.r.URL.Query().Get("cloudId")))
	}
	return errorReply(notFoundError(ex.r))
}

// respond records the response and then writes it. Recording first means a client that has
// read a response always finds its entry in the request log.
func (s *Server) respond(ex *exchange, resp response) {
	s.record(ex, resp.httpStatus, resp.code)
	writeResponse(ex.w, resp)
}
