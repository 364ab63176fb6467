package mock

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authenticate checks the Authorization header against the server's API key. A missing or
// wrong key is code 80001 and a header that is not "Bearer <key>" is code 80002, both with
// HTTP 401. Messages never contain the header value or the key.
func (s *Server) authenticate(header string) error {
	if header == "" {
		return &apiError{httpStatus: http.StatusUnauthorized, code: CodeInvalidToken,
			message: "missing API key: send the header Authorization: Bearer <API key>"}
	}

	scheme, token, found := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !found || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return &apiError{httpStatus: http.StatusUnauthorized, code: CodeMalformedToken,
			message: "malformed Authorization header: expected Bearer <API key>"}
	}

	if subtle.ConstantTimeCompare([]byte(token), []byte(s.apiKey)) != 1 {
		return &apiError{httpStatus: http.StatusUnauthorized, code: CodeInvalidToken,
			message: "invalid API key: the key is wrong or has been revoked"}
	}
	return nil
}
