package client

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Business error codes that the helpers below recognize.
const (
	codeClusterNotFound    = 80020 // the cluster does not exist or the API key may not access it
	codeClusterNotInRegion = 90102 // the cluster exists in another region than the endpoint's
)

// APIError is a failure that the service reported: a response whose body code is not a success
// code, or a JSON error body with an HTTP status outside 2xx.
type APIError struct {
	Method     string
	Path       string // the request path and query, such as /v1/clusters/inxx-1
	HTTPStatus int
	Code       int // the body code
	Message    string

	attempts int // attempts made, when the client retried
}

func (e *APIError) Error() string {
	var text strings.Builder
	fmt.Fprintf(&text, "%s %s: HTTP %d, code %d", e.Method, e.Path, e.HTTPStatus, e.Code)
	if e.Message != "" {
		text.WriteString(": ")
		text.WriteString(e.Message)
	}
	text.WriteString(attemptsSuffix(e.attempts))
	return text.String()
}

// ResponseError is a response that could not be decoded: a body that is empty, not JSON,
// truncated, larger than 4 MiB, without a numeric code, without data, or with fields of the wrong
// type. A response that lacks a field the call requires, such as the clusterId of a created
// cluster, is one too.
type ResponseError struct {
	Method     string
	Path       string
	HTTPStatus int

	// Excerpt is the start of the body, at most 200 bytes, with secrets redacted (see Redact)
	// and each run of white space or control characters replaced by one space.
	Excerpt string

	// Err is the reason the body could not be decoded.
	Err error

	attempts int
}

func (e *ResponseError) Error() string {
	var text strings.Builder
	fmt.Fprintf(&text, "%s %s: HTTP %d: %v", e.Method, e.Path, e.HTTPStatus, e.Err)
	if e.Excerpt != "" {
		text.WriteString("; the response body starts with: ")
		text.WriteString(e.Excerpt)
	}
	text.WriteString(attemptsSuffix(e.attempts))
	return text.String()
}

func (e *ResponseError) Unwrap() error {
	return e.Err
}

// OutcomeUnknownError wraps the error of a createServerless request that the service may have
// carried out. The request was sent in full, but no response arrived, or the response could not
// be decoded, or it was a server error other than 501 and 503. The caller cannot tell whether the
// cluster was created and should look it up by name before it sends the request again.
type OutcomeUnknownError struct {
	Err error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("the service may have carried out the request, but its outcome is unknown: %v", e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error {
	return e.Err
}

// IsNotFound reports whether err is an APIError that means the cluster does not exist: code
// 80020 (not found or no access), code 90102 (not in this region) or HTTP status 404. A 404
// whose body is not a JSON envelope is a ResponseError and does not count, because it usually
// means a wrong endpoint rather than a missing cluster. A cluster of another region still
// exists, so callers that must not forget it check HasCode(err, 90102) first.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.Code == codeClusterNotFound || apiErr.Code == codeClusterNotInRegion ||
		apiErr.HTTPStatus == http.StatusNotFound
}

// HasCode reports whether err is an APIError with the body code code.
func HasCode(err error, code int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Code == code
}

// IsOutcomeUnknown reports whether err wraps an OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var unknown *OutcomeUnknownError
	return errors.As(err, &unknown)
}

// attemptsSuffix returns the text that error messages end with when a request was sent more than
// once.
func attemptsSuffix(attempts int) string {
	if attempts <= 1 {
		return ""
	}
	return " (after " + strconv.Itoa(attempts) + " attempts)"
}

// attemptsText returns "1 attempt" or "N attempts".
func attemptsText(attempts int) string {
	if attempts == 1 {
		return "1 attempt"
	}
	return strconv.Itoa(attempts) + " attempts"
}
