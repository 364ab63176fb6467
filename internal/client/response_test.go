package client

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestSuccessCodes(t *testing.T) {
	for _, code := range []string{"0", "200"} {
		t.Run("code "+code, func(t *testing.T) {
			_, c := serve(t, respond(http.StatusOK, `{"code":`+code+`,"data":`+clusterJSON+`}`))

			cluster, err := c.DescribeCluster(t.Context(), "inxx-1")
			if err != nil {
				t.Fatalf("DescribeCluster: %v", err)
			}

			if cluster.ClusterID != "inxx-1" {
				t.Errorf("ClusterID = %q, want inxx-1", cluster.ClusterID)
			}
		})
	}
}

func TestUnauthorizedJSON(t *testing.T) {
	server, c := serve(t, respond(http.StatusUnauthorized, `{"code":80001,"message":"invalid token"}`))

	_, err := c.DescribeCluster(t.Context(), "inxx-1")

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v, want an APIError", err)
	}
	want := APIError{Method: "GET", Path: "/v1/clusters/inxx-1", HTTPStatus: 401, Code: 80001, Message: "invalid token"}
	if *apiErr != want {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	if got := err.Error(); got != "GET /v1/clusters/inxx-1: HTTP 401, code 80001: invalid token" {
		t.Errorf("Error() = %q", got)
	}
	if server.count() != 1 {
		t.Errorf("server received %d requests, want 1", server.count())
	}
}

func TestBusinessError(t *testing.T) {
	server, c := serve(t, respond(http.StatusOK, `{"code":80010,"message":"duplicate clusterName"}`))

	_, err := c.CreateServerlessCluster(t.Context(), CreateServerlessRequest{Plan: "Serverless", ClusterName: "alpha"})

	if got := err.Error(); got != "POST /v1/clusters/createServerless: HTTP 200, code 80010: duplicate clusterName" {
		t.Errorf("Error() = %q", got)
	}
	if !HasCode(err, 80010) {
		t.Errorf("HasCode(err, 80010) = false for %v", err)
	}
	if HasCode(err, 80009) {
		t.Errorf("HasCode(err, 80009) = true for %v", err)
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("a business error is reported as outcome unknown: %v", err)
	}
	if IsNotFound(err) {
		t.Errorf("IsNotFound = true for %v", err)
	}
	if server.count() != 1 {
		t.Errorf("server received %d requests, want 1", server.count())
	}
}

func TestIsNotFound(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"code 80020", http.StatusOK, `{"code":80020,"message":"cluster not found"}`, true},
		{"code 90102", http.StatusOK, `{"code":90102,"message":"cluster not in this region"}`, true},
		{"HTTP 404", http.StatusNotFound, `{"code":404,"message":"not found"}`, true},
		{"HTTP 404 without JSON", http.StatusNotFound, `404 page not found`, false},
		{"other code", http.StatusOK, `{"code":80000,"message":"invalid parameter"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c := serve(t, respond(tc.status, tc.body))

			_, err := c.DescribeCluster(t.Context(), "inxx-1")

			if err == nil {
				t.Fatal("DescribeCluster returned no error")
			}
			if got := IsNotFound(err); got != tc.want {
				t.Errorf("IsNotFound(%v) = %v, want %v", err, got, tc.want)
			}
		})
	}
}

func TestErrorHelpersOnOtherErrors(t *testing.T) {
	plain := errors.New("plain")

	if IsNotFound(nil) || IsNotFound(plain) {
		t.Error("IsNotFound is true for an error that is not an APIError")
	}
	if HasCode(nil, 0) || HasCode(plain, 0) {
		t.Error("HasCode is true for an error that is not an APIError")
	}
	if IsOutcomeUnknown(nil) || IsOutcomeUnknown(plain) {
		t.Error("IsOutcomeUnknown is true for an error that is not an OutcomeUnknownError")
	}
	wrapped := errors.Join(plain, &APIError{Code: codeClusterNotFound})
	if !IsNotFound(wrapped) {
		t.Error("IsNotFound is false for a wrapped APIError with code 80020")
	}
}

func TestUndecodableResponses(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		body       string
		wantReason string
		wantErr    error
	}{
		{"HTML page", http.StatusOK, "<html><body>Gateway\nerror</body></html>", "not valid JSON", nil},
		{"HTML error status", http.StatusInternalServerError, "<html>oops</html>", "not valid JSON", nil},
		{"empty body", http.StatusOK, "", "body is empty", errEmptyBody},
		{"white space body", http.StatusOK, " \n ", "body is empty", errEmptyBody},
		{"truncated JSON", http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","status":"RUN`, "not valid JSON", nil},
		{"trailing garbage", http.StatusOK, `{"code":200,"data":{}} extra`, "not valid JSON", nil},
		{"string code", http.StatusOK, `{"code":"200","data":` + clusterJSON + `}`, "code is not a number", errCodeNotNumber},
		{"fractional code", http.StatusOK, `{"code":200.5,"data":` + clusterJSON + `}`, "not an integer", errCodeNotInteger},
		{"missing code", http.StatusOK, `{"data":` + clusterJSON + `}`, "has no code", errNoCode},
		{"missing data", http.StatusOK, `{"code":200}`, "has no data", errNoData},
		{"null data", http.StatusOK, `{"code":0,"data":null}`, "has no data", errNoData},
		{"array body", http.StatusOK, `[1,2]`, "JSON array, not an object", nil},
		{"message of wrong type", http.StatusOK, `{"code":80000,"message":5}`, "field message has the wrong type", nil},
		{"progress as text", http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","createProgress":"abc"}}`,
			"field data.createProgress has the wrong type: got a JSON string, expected an integer", nil},
		{"data as list", http.StatusOK, `{"code":200,"data":[]}`, "field data has the wrong type: got a JSON array, expected an object", nil},
		{"size out of range", http.StatusOK, `{"code":200,"data":{"storageSize":1e400}}`, "field data.storageSize has the wrong type", nil},
		{"error JSON without code", http.StatusBadRequest, `{"error":"bad request"}`, "has no code", errNoCode},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c := serve(t, respond(tc.status, tc.body))

			_, err := c.DescribeCluster(t.Context(), "inxx-1")

			var responseErr *ResponseError
			if !errors.As(err, &responseErr) {
				t.Fatalf("error = %v, want a ResponseError", err)
			}
			if responseErr.HTTPStatus != tc.status {
				t.Errorf("HTTPStatus = %d, want %d", responseErr.HTTPStatus, tc.status)
			}
			if responseErr.Method != http.MethodGet || responseErr.Path != "/v1/clusters/inxx-1" {
				t.Errorf("request = %s %s, want GET /v1/clusters/inxx-1", responseErr.Method, responseErr.Path)
			}
			if !strings.Contains(err.Error(), tc.wantReason) {
				t.Errorf("error %q does not contain %q", err, tc.wantReason)
			}
			if !strings.Contains(err.Error(), "HTTP "+strconv.Itoa(tc.status)) {
				t.Errorf("error %q does not name the HTTP status", err)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tc.wantErr)
			}
			if strings.ContainsAny(responseErr.Excerpt, "\n\r\t") {
				t.Errorf("excerpt %q contains control characters", responseErr.Excerpt)
			}
		})
	}
}

func TestExcerptIsShortAndShown(t *testing.T) {
	body := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("x", 500) + "</body></html>"
	_, c := serve(t, respond(http.StatusOK, body))

	_, err := c.ListProjects(t.Context())

	var responseErr *ResponseError
	if !errors.As(err, &responseErr) {
		t.Fatalf("error = %v, want a ResponseError", err)
	}
	if len(responseErr.Excerpt) > maxExcerptBytes {
		t.Errorf("excerpt has %d bytes, want at most %d", len(responseErr.Excerpt), maxExcerptBytes)
	}
	if !strings.HasPrefix(responseErr.Excerpt, "<html><head><title>502 Bad Gateway") {
		t.Errorf("excerpt %q does not show the start of the body", responseErr.Excerpt)
	}
	if !strings.Contains(err.Error(), responseErr.Excerpt) {
		t.Errorf("error %q does not show the excerpt", err)
	}
}

func TestResponseTooLarge(t *testing.T) {
	padding := strings.Repeat(" ", maxResponseBytes)
	_, c := serve(t, respond(http.StatusOK, `{"code":200,"data":`+clusterJSON+padding+`}`))

	_, err := c.DescribeCluster(t.Context(), "inxx-1")

	if !errors.Is(err, errResponseTooLarge) {
		t.Fatalf("error = %v, want response too large", err)
	}
	if !strings.Contains(err.Error(), "response too large") {
		t.Errorf("error %q does not say the response is too large", err)
	}
}

func TestResponseAtSizeLimit(t *testing.T) {
	body := `{"code":200,"data":` + clusterJSON + `}`
	body += strings.Repeat(" ", maxResponseBytes-len(body))
	_, c := serve(t, respond(http.StatusOK, body))

	if _, err := c.DescribeCluster(t.Context(), "inxx-1"); err != nil {
		t.Errorf("a body of exactly 4 MiB failed: %v", err)
	}
}

func TestNonJSONErrorOnCreateIsUnknown(t *testing.T) {
	// An undecodable 2xx may come from a request that created the cluster.
	_, c := serve(t, respond(http.StatusOK, "<html>ok</html>"))

	_, err := c.CreateServerlessCluster(t.Context(), CreateServerlessRequest{ClusterName: "alpha"})

	if !IsOutcomeUnknown(err) {
		t.Errorf("IsOutcomeUnknown(%v) = false", err)
	}
	var responseErr *ResponseError
	if !errors.As(err, &responseErr) {
		t.Errorf("error %v does not wrap a ResponseError", err)
	}
}

func TestClientErrorOnCreateIsKnown(t *testing.T) {
	_, c := serve(t, respond(http.StatusForbidden, "<html>forbidden</html>"))

	_, err := c.CreateServerlessCluster(t.Context(), CreateServerlessRequest{ClusterName: "alpha"})

	if err == nil {
		t.Fatal("CreateServerlessCluster returned no error")
	}
	if IsOutcomeUnknown(err) {
		t.Errorf("a 403 is reported as outcome unknown: %v", err)
	}
}

func TestLongMessageIsCut(t *testing.T) {
	_, c := serve(t, respond(http.StatusOK, `{"code":80000,"message":"`+strings.Repeat("m", 5000)+`"}`))

	_, err := c.ListProjects(t.Context())

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v, want an APIError", err)
	}
	if len(apiErr.Message) > maxMessageBytes {
		t.Errorf("message has %d bytes, want at most %d", len(apiErr.Message), maxMessageBytes)
	}
}
