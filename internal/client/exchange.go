package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// exchange is the state of one API call across its attempts. go-retryablehttp calls its hooks on
// the goroutine that runs Do, one attempt after the other, except for the client trace, which the
// transport may call from its own goroutine and which therefore only touches written.
type exchange struct {
	ctx        context.Context // the call's logging context, for the retry log
	method     string
	path       string
	idempotent bool // GET and DELETE may be sent again after any transient failure
	policy     retryPolicy

	attempt int         // attempts started so far
	written atomic.Bool // the current attempt's request was written to the connection in full
	status  int         // the current attempt's HTTP status, or 0 before a response arrived
	reason  string      // the status or error that caused the last retry, for the retry log

	body     []byte // the final response's body, once read
	tooLarge bool
	bodyRead bool
}

// retryClient returns a go-retryablehttp client bound to this exchange. It has no Logger, so the
// library writes nothing to the standard log package, and the exchange logs retries with tflog.
func (x *exchange) retryClient(httpClient *http.Client) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:     httpClient,
		RetryWaitMin:   x.policy.waitMin,
		RetryWaitMax:   x.policy.waitMax,
		RetryMax:       x.policy.maxRetries,
		RequestLogHook: x.beforeAttempt,
		CheckRetry:     x.checkRetry,
		Backoff:        x.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
	}
}

// clientTrace records whether the request of the current attempt was written in full. A request
// that was not (a dial error, or a connection that failed before the last byte) cannot have been
// carried out, so even a POST may be sent again.
func (x *exchange) clientTrace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				x.written.Store(true)
			}
		},
	}
}

// beforeAttempt is go-retryablehttp's RequestLogHook. It resets the per-attempt state.
func (x *exchange) beforeAttempt(_ retryablehttp.Logger, _ *http.Request, retry int) {
	x.attempt = retry + 1
	x.written.Store(false)
	x.status = 0
	x.body, x.tooLarge, x.bodyRead = nil, false, false
}

// checkRetry is go-retryablehttp's CheckRetry. It is called with the transport error or the
// response of each attempt, and again with the error of readBody when reading the body failed.
//
// A done context stops at once. GET and DELETE are retried after a transport error and after a
// status of 429, 502, 503 or 504. A POST is retried only when the service provably did not act
// on it, which means after 429 and 503, or when the request was never written in full. Other
// statuses, including 401 and business errors with HTTP 200, are returned as they are.
func (x *exchange) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if resp != nil {
		x.status = resp.StatusCode
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}

	if err != nil {
		if x.mayHaveActed() {
			return false, nil
		}
		// The default policy rejects only permanent transport errors, such as a bad TLS
		// certificate, an unsupported scheme or an invalid header.
		retry, _ := retryablehttp.DefaultRetryPolicy(ctx, nil, err)
		x.reason = err.Error()
		return retry, nil
	}

	x.reason = "HTTP " + strconv.Itoa(resp.StatusCode)
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true, nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return x.idempotent, nil
	}
	return false, nil
}

// backoff is go-retryablehttp's Backoff. It is called only when a retry will follow, so it also
// logs the retry.
func (x *exchange) backoff(_, _ time.Duration, retry int, resp *http.Response) time.Duration {
	wait := x.policy.wait(retry, resp)
	tflog.SubsystemWarn(x.ctx, logSubsystem, "Retrying Zilliz Cloud API request", map[string]any{
		"http_method":  x.method,
		"path":         x.path,
		"attempt":      x.attempt,
		"max_attempts": x.policy.maxRetries + 1,
		"wait":         wait.String(),
		"wait_ms":      wait.Milliseconds(),
		"reason":       x.reason,
	})
	return wait
}

// readBody is the go-retryablehttp response handler. It reads and closes the body, so that a
// connection that fails in the middle of the body becomes a transport error that checkRetry
// receives.
func (x *exchange) readBody(resp *http.Response) error {
	defer resp.Body.Close()

	body, tooLarge, err := readLimited(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the response body failed: %w", err)
	}
	x.body, x.tooLarge, x.bodyRead = body, tooLarge, true
	return nil
}

// mayHaveActed reports whether the service may have carried out the current attempt of a POST
// although the client does not know its result: the request was written in full, and no status
// arrived that shows it was not carried out.
func (x *exchange) mayHaveActed() bool {
	if x.idempotent || !x.written.Load() {
		return false
	}
	return x.status == 0 || statusMayHaveActed(x.status)
}

// statusMayHaveActed reports whether a response with status may come from a request that the
// service carried out: a 2xx, or a server error other than 501 (not implemented) and 503
// (unavailable). 429 and other statuses mean that the request was rejected before it took effect.
func statusMayHaveActed(status int) bool {
	switch {
	case status >= 200 && status < 300:
		return true
	case status == http.StatusNotImplemented, status == http.StatusServiceUnavailable:
		return false
	}
	return status >= 500
}
