package mock

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FaultKind is a way a request can fail. Its value is the name the zilliz-mock command's
// -fault flag uses.
type FaultKind string

// Fault kinds. Kinds that send a status or a broken body replace the normal response. The
// request is not processed unless Fault.AfterProcessing is set or the kind's comment states
// that it always processes the request.
const (
	// FaultTooManyRequests sends HTTP 429 with a JSON body and Fault.RetryAfter.
	FaultTooManyRequests FaultKind = "429"
	// FaultServiceUnavailable sends HTTP 503 with a JSON body and Fault.RetryAfter.
	FaultServiceUnavailable FaultKind = "503"
	// FaultInternalServerError sends HTTP 500 with an HTML body.
	FaultInternalServerError FaultKind = "500"
	// FaultBadGateway sends HTTP 502 with an HTML body, as a gateway does.
	FaultBadGateway FaultKind = "502"
	// FaultGatewayTimeout sends HTTP 504 with an HTML body, as a gateway does.
	FaultGatewayTimeout FaultKind = "504"
	// FaultResetBefore resets the connection without processing the request or writing a
	// response.
	FaultResetBefore FaultKind = "reset-before"
	// FaultResetAfter processes the request, then resets the connection without writing a
	// response.
	FaultResetAfter FaultKind = "reset-after"
	// FaultSlow waits Fault.Delay before it processes the request and sends the normal
	// response. It gives up without processing when the request's context ends first.
	FaultSlow FaultKind = "slow"
	// FaultMalformedJSON sends HTTP 200 with a body that is not JSON.
	FaultMalformedJSON FaultKind = "malformed"
	// FaultTruncatedJSON processes the request and sends the first half of its JSON response,
	// with a Content-Length that matches the half.
	FaultTruncatedJSON FaultKind = "truncated"
	// FaultStringCode processes the request and sends its response with the body code as a
	// JSON string, such as {"code":"200",...}.
	FaultStringCode FaultKind = "string-code"
	// FaultEmptyBody sends HTTP 200 with an empty body.
	FaultEmptyBody FaultKind = "empty"
	// FaultHugeBody processes the request and sends its response padded to more than 10 MiB
	// of valid JSON.
	FaultHugeBody FaultKind = "huge"
)

// FaultKinds returns every fault kind.
func FaultKinds() []FaultKind {
	return []FaultKind{
		FaultTooManyRequests, FaultServiceUnavailable, FaultInternalServerError,
		FaultBadGateway, FaultGatewayTimeout, FaultResetBefore, FaultResetAfter, FaultSlow,
		FaultMalformedJSON, FaultTruncatedJSON, FaultStringCode, FaultEmptyBody, FaultHugeBody,
	}
}

// Fault is a scripted failure of the next requests to one endpoint. Faults for an endpoint
// are used in the order they were injected.
type Fault struct {
	// Endpoint is one of the Endpoint constants.
	Endpoint string
	Kind     FaultKind

	// Times is the number of matching requests the fault hits. Zero means 1.
	Times int

	// RetryAfter is the Retry-After header value of FaultTooManyRequests and
	// FaultServiceUnavailable: seconds such as "1", or an HTTP date. Empty sends no header.
	// Any other text is sent as given, so tests can also send an invalid value.
	RetryAfter string

	// Delay is how long FaultSlow waits.
	Delay time.Duration

	// AfterProcessing makes the server perform the request's action, such as creating the
	// cluster, before the fault takes effect. For FaultSlow it moves the wait to after the
	// action. FaultResetAfter, FaultTruncatedJSON, FaultStringCode and FaultHugeBody always
	// process the request, and FaultResetBefore never does.
	AfterProcessing bool
}

// Validate reports whether the fault names a known endpoint and kind and uses only the fields
// that its kind reads.
func (f Fault) Validate() error {
	var problems []error

	if !isEndpoint(f.Endpoint) {
		problems = append(problems, fmt.Errorf("unknown endpoint %q: use one of %s",
			f.Endpoint, strings.Join(Endpoints(), ", ")))
	}
	if !isFaultKind(f.Kind) {
		problems = append(problems, fmt.Errorf("unknown fault kind %q: use one of %s",
			f.Kind, joinKinds(FaultKinds())))
	}
	if f.Times < 0 {
		problems = append(problems, fmt.Errorf("invalid Times %d: must not be negative", f.Times))
	}
	if f.Delay < 0 {
		problems = append(problems, fmt.Errorf("invalid Delay %s: must not be negative", f.Delay))
	}
	if f.Delay != 0 && f.Kind != FaultSlow {
		problems = append(problems, fmt.Errorf("fault kind %q takes no Delay", f.Kind))
	}
	if f.RetryAfter != "" && f.Kind != FaultTooManyRequests && f.Kind != FaultServiceUnavailable {
		problems = append(problems, fmt.Errorf("fault kind %q takes no RetryAfter", f.Kind))
	}
	if strings.ContainsAny(f.RetryAfter, "\r\n") {
		problems = append(problems, errors.New("invalid RetryAfter: must not contain a line break"))
	}
	if f.AfterProcessing && f.Kind == FaultResetBefore {
		problems = append(problems, fmt.Errorf("fault kind %q cannot process the request: use %q",
			FaultResetBefore, FaultResetAfter))
	}

	return errors.Join(problems...)
}

func isFaultKind(kind FaultKind) bool {
	for _, k := range FaultKinds() {
		if k == kind {
			return true
		}
	}
	return false
}

func joinKinds(kinds []FaultKind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// afterSuffix marks a fault kind in ParseFault whose request is processed first.
const afterSuffix = "-after"

// ParseFault parses a fault in the syntax of the zilliz-mock command's -fault flag:
//
//	endpoint=kind[:times[:value]]
//
// value is the Retry-After header of kinds 429 and 503 and the Delay of slow, such as
// "describe=slow:1:3s" or "create=429:2:1". An HTTP date may follow as value, because only
// the first two colons split the text. A kind with the suffix "-after", such as "502-after",
// sets AfterProcessing. An empty or zero times means 1.
func ParseFault(spec string) (Fault, error) {
	endpoint, rest, found := strings.Cut(spec, "=")
	if !found {
		return Fault{}, fmt.Errorf("invalid fault %q: expected endpoint=kind[:times[:value]]", spec)
	}
	parts := strings.SplitN(rest, ":", 3)

	fault := Fault{Endpoint: endpoint, Kind: FaultKind(parts[0])}
	if base, cut := strings.CutSuffix(parts[0], afterSuffix); cut && FaultKind(parts[0]) != FaultResetAfter {
		fault.Kind = FaultKind(base)
		fault.AfterProcessing = true
	}

	if len(parts) > 1 && parts[1] != "" {
		times, err := strconv.Atoi(parts[1])
		if err != nil {
			return Fault{}, fmt.Errorf("invalid fault %q: times %q is not an integer", spec, parts[1])
		}
		fault.Times = times
	}

	if len(parts) > 2 {
		switch fault.Kind {
		case FaultSlow:
			delay, err := time.ParseDuration(parts[2])
			if err != nil {
				return Fault{}, fmt.Errorf("invalid fault %q: delay %q is not a duration such as 3s",
					spec, parts[2])
			}
			fault.Delay = delay
		case FaultTooManyRequests, FaultServiceUnavailable:
			fault.RetryAfter = parts[2]
		default:
			return Fault{}, fmt.Errorf("invalid fault %q: kind %q takes no value after times",
				spec, fault.Kind)
		}
	}

	if err := fault.Validate(); err != nil {
		return Fault{}, fmt.Errorf("invalid fault %q: %w", spec, err)
	}
	return fault, nil
}

// pendingFault is an injected fault and the number of requests it still hits.
type pendingFault struct {
	fault     Fault
	remaining int
}

// InjectFault queues a fault for its endpoint, behind the faults already queued there. It
// panics if f.Validate fails, because an invalid fault is a bug in the calling test.
func (s *Server) InjectFault(f Fault) {
	if err := f.Validate(); err != nil {
		panic("mock.InjectFault: " + err.Error())
	}
	if f.Times == 0 {
		f.Times = 1
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[f.Endpoint] = append(s.faults[f.Endpoint], &pendingFault{fault: f, remaining: f.Times})
}

// ClearFaults removes every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
}

// PendingFaults returns the number of requests that queued faults will still hit.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	total := 0
	for _, queue := range s.faults {
		for _, pending := range queue {
			total += pending.remaining
		}
	}
	return total
}

// takeFault uses up one hit of the first fault queued for endpoint.
func (s *Server) takeFault(endpoint string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()

	queue := s.faults[endpoint]
	if len(queue) == 0 {
		return Fault{}, false
	}
	first := queue[0]
	first.remaining--
	if first.remaining == 0 {
		s.faults[endpoint] = queue[1:]
	}
	return first.fault, true
}
