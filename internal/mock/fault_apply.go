package mock

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// hugeBodyPadding is the size of the padding FaultHugeBody adds, in bytes: above 10 MiB.
const hugeBodyPadding = 11 << 20

// serveFault serves a request that an injected fault hits.
func (s *Server) serveFault(ex *exchange, f Fault) {
	var processed reply
	if f.processesFirst() {
		processed = s.handle(ex)
	}

	switch f.Kind {
	case FaultResetBefore, FaultResetAfter:
		s.record(ex, 0, 0)
		resetConnection(ex.w)
	case FaultSlow:
		s.serveSlow(ex, f, processed)
	default:
		s.respond(ex, faultResponse(f, processed))
	}
}

// processesFirst reports whether the request's action runs before the fault takes effect.
func (f Fault) processesFirst() bool {
	switch f.Kind {
	case FaultResetAfter, FaultTruncatedJSON, FaultStringCode, FaultHugeBody:
		return true
	case FaultResetBefore:
		return false
	}
	return f.AfterProcessing
}

// serveSlow waits f.Delay, processes the request unless that already happened, and sends the
// normal response. When the request's context ends during the wait, it records the request with
// status 0 and aborts the connection, because a handler that returned without writing would
// make net/http send an empty 200 to a client that is still connected, as during a shutdown.
func (s *Server) serveSlow(ex *exchange, f Fault, processed reply) {
	if !sleepContext(ex.r.Context(), f.Delay) {
		s.record(ex, 0, 0)
		panic(http.ErrAbortHandler)
	}
	if !f.AfterProcessing {
		processed = s.handle(ex)
	}
	s.respond(ex, processed.render())
}

// sleepContext waits for d and reports whether it did so before ctx ended.
func sleepContext(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return ctx.Err() == nil
	case <-ctx.Done():
		return false
	}
}

// resetConnection closes the client's connection without a response. With linger 0 the
// kernel sends a TCP RST, so the client sees "connection reset by peer" instead of a clean
// close. A ResponseWriter that cannot be hijacked, such as one of HTTP/2, gets
// http.ErrAbortHandler, which makes net/http abort the response.
func resetConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}

	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// faultResponse builds the response of a fault kind that writes one, from the request's own
// reply where the kind corrupts a real response.
func faultResponse(f Fault, processed reply) response {
	switch f.Kind {
	case FaultTooManyRequests:
		return jsonFaultResponse(http.StatusTooManyRequests, "too many requests", f.RetryAfter)
	case FaultServiceUnavailable:
		return jsonFaultResponse(http.StatusServiceUnavailable, "service unavailable", f.RetryAfter)
	case FaultInternalServerError, FaultBadGateway, FaultGatewayTimeout:
		return htmlErrorResponse(faultHTTPStatus(f.Kind))
	case FaultMalformedJSON:
		return response{httpStatus: http.StatusOK, contentType: "application/json",
			body: []byte(`{"code": 200, "data": {'clusterId': undefined,}}`)}
	case FaultTruncatedJSON:
		full := processed.render()
		return response{httpStatus: full.httpStatus, contentType: "application/json",
			body: full.body[:len(full.body)/2]}
	case FaultStringCode:
		body := processed.envelope()
		body.Code = strconv.Itoa(processed.code)
		return response{httpStatus: processed.httpStatus, contentType: "application/json",
			body: encodeJSON(body)}
	case FaultEmptyBody:
		return response{httpStatus: http.StatusOK, contentType: "application/json"}
	case FaultHugeBody:
		return hugeResponse(processed)
	}
	panic(fmt.Sprintf("mock: fault kind %q writes no response", f.Kind))
}

func faultHTTPStatus(kind FaultKind) int {
	status, _ := strconv.Atoi(string(kind))
	return status
}

func jsonFaultResponse(status int, message, retryAfter string) response {
	rep := errorReply(&apiError{httpStatus: status, code: status, message: message + " (injected fault)"})
	if retryAfter != "" {
		rep.header = http.Header{"Retry-After": {retryAfter}}
	}
	return rep.render()
}

// htmlErrorResponse is an error page as a web server or gateway in front of the API writes it.
func htmlErrorResponse(status int) response {
	title := fmt.Sprintf("%d %s", status, http.StatusText(status))
	page := "<!DOCTYPE html>\n<html>\n<head><title>" + title + "</title></head>\n" +
		"<body>\n<h1>" + title + "</h1>\n<p>The server could not complete the request.</p>\n" +
		"</body>\n</html>\n"
	return response{httpStatus: status, contentType: "text/html; charset=utf-8", body: []byte(page)}
}

// hugeResponse is the request's own response with a padding field after its data, so the body
// stays valid JSON of more than 10 MiB.
func hugeResponse(processed reply) response {
	body := struct {
		envelope
		Padding string `json:"padding"`
	}{envelope: processed.envelope(), Padding: strings.Repeat("x", hugeBodyPadding)}

	return response{
		httpStatus:  processed.httpStatus,
		contentType: "application/json",
		body:        encodeJSON(body),
		code:        processed.code,
	}
}
