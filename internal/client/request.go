package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// request is one API call.
type request struct {
	method string
	path   string     // escaped path below the endpoint, such as /v1/clusters/inxx-1
	query  url.Values // nil when the call has no query
	body   any        // encoded as JSON when not nil
}

// target returns the path with its query, as it appears in errors and logs.
func (r request) target() string {
	if len(r.query) == 0 {
		return r.path
	}
	return r.path + "?" + r.query.Encode()
}

// do sends req, retrying as retryPolicy and exchange.checkRetry allow, and decodes the data of a
// successful response into out. Every error that an API call returns comes from here: an
// *APIError, a *ResponseError, a transport error that wraps the cause (such as context.Canceled),
// or, for a POST whose outcome is unknown, an *OutcomeUnknownError that wraps one of them.
func (c *Client) do(ctx context.Context, req request, out any) error {
	ctx = c.logContext(ctx)
	target := req.target()

	payload, err := encodeBody(req.body)
	if err != nil {
		return fmt.Errorf("%s %s: encoding the request body failed: %w", req.method, target, err)
	}

	call := &exchange{
		ctx:        ctx,
		method:     req.method,
		path:       target,
		idempotent: req.method != http.MethodPost,
		policy:     c.retry,
	}
	traceCtx := httptrace.WithClientTrace(ctx, call.clientTrace())
	httpRequest, err := c.newHTTPRequest(traceCtx, req.method, target, payload)
	if err != nil {
		return fmt.Errorf("%s %s: creating the request failed: %w", req.method, target, err)
	}
	httpRequest.SetResponseHandler(call.readBody)
	c.traceBody(ctx, "Zilliz Cloud API request body", req.method, target, payload)

	started := time.Now()
	resp, err := call.retryClient(c.httpClient).Do(httpRequest)
	if err == nil && !call.bodyRead {
		// The retries ran out on a retryable status, so the response handler did not read it.
		err = call.readBody(resp)
	}
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return call.transportFailure(err, time.Since(started))
	}

	raw := rawResponse{
		method:   req.method,
		path:     target,
		status:   resp.StatusCode,
		body:     call.body,
		tooLarge: call.tooLarge,
	}
	code, err := decodeResponse(raw, []string{c.apiKey}, out)
	// The body is logged after decoding, so that secrets it contained, such as a generated
	// password, are redacted wherever they appear and not only under their own key.
	c.traceBody(ctx, "Zilliz Cloud API response body", req.method, target, raw.body, responseSecrets(out)...)
	call.logFinished(resp.StatusCode, code, err, time.Since(started))

	return call.classify(resp.StatusCode, withAttempts(err, call.attempt))
}

func encodeBody(body any) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	return json.Marshal(body)
}

// newHTTPRequest builds the request with its headers. The request carries ctx, which holds the
// exchange's client trace.
func (c *Client) newHTTPRequest(ctx context.Context, method, target string, payload []byte,
) (*retryablehttp.Request, error) {
	// A nil []byte would still count as a body and make a GET request chunked, so only a real
	// payload is passed on.
	var rawBody any
	if payload != nil {
		rawBody = payload
	}

	httpRequest, err := retryablehttp.NewRequestWithContext(ctx, method, c.baseURL+target, rawBody)
	if err != nil {
		return nil, err
	}

	httpRequest.Header.Set("Authorization", "Bearer "+c.apiKey)
	httpRequest.Header.Set("Accept", "application/json")
	httpRequest.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		httpRequest.Header.Set("Content-Type", "application/json")
	}
	return httpRequest, nil
}

// readLimited reads at most maxResponseBytes of body. tooLarge reports that there was more.
func readLimited(body io.Reader) (data []byte, tooLarge bool, err error) {
	data, err = io.ReadAll(io.LimitReader(body, maxResponseBytes+1))
	if err != nil {
		return nil, false, err
	}
	if len(data) > maxResponseBytes {
		return data[:maxResponseBytes], true, nil
	}
	return data, false, nil
}

// transportFailure logs and returns the error of an exchange that got no response, or whose
// response body could not be read.
func (x *exchange) transportFailure(err error, elapsed time.Duration) error {
	tflog.SubsystemDebug(x.ctx, logSubsystem, "Zilliz Cloud API request failed", map[string]any{
		"http_method": x.method,
		"path":        x.path,
		"attempts":    x.attempt,
		"duration_ms": elapsed.Milliseconds(),
		"error":       err.Error(),
	})

	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// The url.Error repeats the method and the full URL, which the message already names.
		err = urlErr.Err
	}

	verb := "failed"
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		verb = "stopped"
	}
	failure := fmt.Errorf("%s %s: request %s after %s: %w",
		x.method, x.path, verb, attemptsText(x.attempt), err)

	if x.mayHaveActed() {
		return &OutcomeUnknownError{Err: failure}
	}
	return failure
}

func (x *exchange) logFinished(status, code int, err error, elapsed time.Duration) {
	fields := map[string]any{
		"http_method": x.method,
		"path":        x.path,
		"http_status": status,
		"attempts":    x.attempt,
		"duration_ms": elapsed.Milliseconds(),
	}

	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr):
		fields["code"] = apiErr.Code
		fields["error"] = err.Error()
	case err != nil:
		fields["error"] = err.Error()
	default:
		fields["code"] = code
	}
	tflog.SubsystemDebug(x.ctx, logSubsystem, "Zilliz Cloud API request finished", fields)
}

// classify wraps the error of a POST response in an OutcomeUnknownError when the service may have
// carried out the request: a server error other than 501 and 503, or a 2xx response that could
// not be decoded. A 2xx with a business error code shows that the request was not carried out,
// and so do 429, 503 and the other 4xx statuses.
func (x *exchange) classify(status int, err error) error {
	if err == nil || x.idempotent || !statusMayHaveActed(status) {
		return err
	}

	var apiErr *APIError
	businessError := status >= 200 && status < 300 && errors.As(err, &apiErr)
	if businessError {
		return err
	}
	return &OutcomeUnknownError{Err: err}
}

// withAttempts records in an APIError or ResponseError how many attempts were made, when the
// request was sent more than once.
func withAttempts(err error, attempts int) error {
	if attempts <= 1 {
		return err
	}

	var apiErr *APIError
	var responseErr *ResponseError
	switch {
	case errors.As(err, &apiErr):
		apiErr.attempts = attempts
	case errors.As(err, &responseErr):
		responseErr.attempts = attempts
	}
	return err
}

// secretHolder is implemented by response types that contain secrets.
type secretHolder interface {
	secrets() []string
}

// responseSecrets returns the secrets in a decoded response, or none.
func responseSecrets(out any) []string {
	if holder, ok := out.(secretHolder); ok {
		return holder.secrets()
	}
	return nil
}
