package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// maxEchoedValue is the maximum number of bytes of a request value that an error message
// quotes, so a huge clusterName does not make a huge error.
const maxEchoedValue = 64

// apiError is a failure the API reports in a JSON body: a business error with HTTP 200, or an
// authentication, routing or rate-limit error with its own HTTP status.
type apiError struct {
	httpStatus int
	code       int
	message    string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("code %d: %s", e.code, e.message)
}

// businessError returns an error that the API reports with HTTP 200 and the given body code.
func businessError(code int, format string, args ...any) error {
	return &apiError{httpStatus: http.StatusOK, code: code, message: fmt.Sprintf(format, args...)}
}

// quoteValue quotes a request value for an error message, cut to maxEchoedValue bytes.
func quoteValue(value string) string {
	if len(value) <= maxEchoedValue {
		return strconv.Quote(value)
	}
	return strconv.Quote(value[:maxEchoedValue]) + "..."
}

// reply is the outcome of an API request before it is encoded.
type reply struct {
	httpStatus int
	code       int
	message    string
	data       any
	header     http.Header
}

func success(data any) reply {
	return reply{httpStatus: http.StatusOK, code: CodeSuccess, data: data}
}

// errorReply converts an error into a reply. Errors that are not *apiError become an HTTP 500
// with code 500, which only a bug in the mock produces.
func errorReply(err error) reply {
	var e *apiError
	if !errors.As(err, &e) {
		return reply{httpStatus: http.StatusInternalServerError, code: http.StatusInternalServerError,
			message: "internal error in the mock server: " + err.Error()}
	}
	return reply{httpStatus: e.httpStatus, code: e.code, message: e.message}
}

// envelope is the JSON body of every API response. Code is a number except when a fault sends
// it as a string.
type envelope struct {
	Code    any    `json:"code"`
	Message string `json:"message,omitempty"`
	Data    any    `json:"data,omitempty"`
}

// response is an encoded HTTP response, ready to be written.
type response struct {
	httpStatus  int
	header      http.Header
	contentType string
	body        []byte

	// code is the body code the request log records: the numeric code of a complete JSON
	// envelope, or 0 when the body carries none.
	code int
}

// encodeJSON encodes v without HTML escaping, so "<", ">" and "&" in passwords reach the client
// as raw characters and not as \u003c escapes. The mock's own types contain no value that
// encoding/json rejects, such as a channel or a NaN.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	encoder := json.NewEncoder(&buf)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(v); err != nil {
		panic("mock: encoding a response failed: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func (r reply) envelope() envelope {
	return envelope{Code: r.code, Message: r.message, Data: r.data}
}

// render encodes a reply as a JSON response.
func (r reply) render() response {
	return response{
		httpStatus:  r.httpStatus,
		header:      r.header,
		contentType: "application/json",
		body:        encodeJSON(r.envelope()),
		code:        r.code,
	}
}

func writeResponse(w http.ResponseWriter, resp response) {
	header := w.Header()
	for name, values := range resp.header {
		header[name] = values
	}
	if resp.contentType != "" {
		header.Set("Content-Type", resp.contentType)
	}
	header.Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(resp.httpStatus)

	// A failed write means the client has gone away, and nothing is left to tell it.
	_, _ = w.Write(resp.body)
}
