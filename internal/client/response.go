package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	maxResponseBytes = 4 << 20
	maxExcerptBytes  = 200

	// maxMessageBytes bounds the service's error message in an APIError, which users see in a
	// diagnostic.
	maxMessageBytes = 1000
)

// Reasons for a ResponseError.
var (
	errResponseTooLarge = errors.New("response too large: the body is larger than 4 MiB")
	errEmptyBody        = errors.New("the response body is empty")
	errNoCode           = errors.New("the response has no code")
	errCodeNotNumber    = errors.New("the response code is not a number")
	errCodeNotInteger   = errors.New("the response code is not an integer")
	errNoData           = errors.New("the response reports success but has no data")
)

// rawResponse is a response as read from the connection.
type rawResponse struct {
	method   string
	path     string
	status   int
	body     []byte // at most maxResponseBytes
	tooLarge bool   // the body was longer than maxResponseBytes and was cut
}

// envelope is the JSON object that every API response body is.
type envelope struct {
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// requiredFields is implemented by response types with fields that a successful response must
// fill.
type requiredFields interface {
	checkRequired() error
}

// decodeResponse decodes the envelope of raw and, on success, its data into out (when out is not
// nil). It returns the body code, an *APIError when the service reported a failure, or a
// *ResponseError when the body could not be decoded. The message and the excerpt in these errors
// are redacted, so that they contain none of secrets.
func decodeResponse(raw rawResponse, secrets []string, out any) (int, error) {
	if raw.tooLarge {
		return 0, raw.responseError(errResponseTooLarge, secrets)
	}
	if len(bytes.TrimSpace(raw.body)) == 0 {
		return 0, raw.responseError(errEmptyBody, secrets)
	}

	var body envelope
	if err := json.Unmarshal(raw.body, &body); err != nil {
		return 0, raw.responseError(describeJSONError(err, ""), secrets)
	}

	code, err := parseCode(body.Code)
	if err != nil {
		return 0, raw.responseError(err, secrets)
	}

	success := raw.status >= 200 && raw.status < 300
	if !success || (code != 0 && code != 200) {
		return code, &APIError{
			Method:     raw.method,
			Path:       raw.path,
			HTTPStatus: raw.status,
			Code:       code,
			Message:    cleanText(body.Message, secrets, maxMessageBytes),
		}
	}

	if len(body.Data) == 0 || string(body.Data) == "null" {
		return code, raw.responseError(errNoData, secrets)
	}
	if out == nil {
		return code, nil
	}
	if err := json.Unmarshal(body.Data, out); err != nil {
		return code, raw.responseError(describeJSONError(err, "data"), secrets)
	}
	if required, ok := out.(requiredFields); ok {
		if err := required.checkRequired(); err != nil {
			return code, raw.responseError(err, secrets)
		}
	}
	return code, nil
}

func (raw rawResponse) responseError(reason error, secrets []string) *ResponseError {
	return &ResponseError{
		Method:     raw.method,
		Path:       raw.path,
		HTTPStatus: raw.status,
		Excerpt:    cleanText(string(raw.body), secrets, maxExcerptBytes),
		Err:        reason,
	}
}

// parseCode accepts a JSON integer.
func parseCode(raw json.RawMessage) (int, error) {
	text := strings.TrimSpace(string(raw))
	if text == "" || text == "null" {
		return 0, errNoCode
	}
	if first := text[0]; first != '-' && (first < '0' || first > '9') {
		return 0, errCodeNotNumber
	}

	code, err := strconv.Atoi(text)
	if err != nil {
		return 0, errCodeNotInteger
	}
	return code, nil
}

// describeJSONError turns a decoding error into a reason without values from the body. prefix is
// the path of the decoded value in the envelope, such as "data".
func describeJSONError(err error, prefix string) error {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("the response is not valid JSON: %w", err)
	case errors.As(err, &typeErr):
		field := strings.Trim(prefix+"."+typeErr.Field, ".")
		if field == "" {
			return fmt.Errorf("the response is a JSON %s, not an object", jsonKind(typeErr.Value))
		}
		return fmt.Errorf("the response field %s has the wrong type: got a JSON %s, expected %s",
			field, jsonKind(typeErr.Value), expectedKind(typeErr.Type))
	}
	return fmt.Errorf("the response could not be decoded: %w", err)
}

// jsonKind returns the JSON kind from an UnmarshalTypeError value, such as "string" from
// "string" or "number" from "number 1e400", without the number itself.
func jsonKind(value string) string {
	kind, _, _ := strings.Cut(value, " ")
	return kind
}

// expectedKind names what a Go type expects in JSON terms.
func expectedKind(goType reflect.Type) string {
	if goType == nil {
		return "another type"
	}
	switch goType.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another type"
}

// cleanText makes text from a response safe to show: secrets redacted, control characters and
// invalid UTF-8 replaced, runs of white space collapsed, and the result cut to at most limit
// bytes. It redacts again after the replacements, because they could join the parts of a
// secret.
func cleanText(text string, secrets []string, limit int) string {
	cleaned := redactString(text, secrets)
	cleaned = strings.ToValidUTF8(cleaned, "\uFFFD")
	cleaned = strings.Join(strings.FieldsFunc(cleaned, func(r rune) bool {
		return r < ' ' || r == 0x7f || r == ' ' || (r >= 0x80 && r < 0xa0)
	}), " ")
	cleaned = redactString(cleaned, secrets)
	return string(truncateUTF8([]byte(cleaned), limit))
}

// truncateUTF8 cuts text to at most limit bytes without splitting a UTF-8 sequence, ending it
// with "..." when it was cut.
func truncateUTF8(text []byte, limit int) []byte {
	if len(text) <= limit {
		return text
	}

	const ellipsis = "..."
	end := limit - len(ellipsis)
	for end > 0 && !utf8.RuneStart(text[end]) {
		end--
	}
	cut := append([]byte(nil), text[:end]...)
	return append(cut, ellipsis...)
}
