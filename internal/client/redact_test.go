package client

import (
	"net/http"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		secrets []string
		want    string
	}{
		{"password value", `{"password":"hunter2","username":"db_admin"}`, nil, `{"password":"***","username":"db_admin"}`},
		{"every sensitive key",
			`{"apiKey":"a","api_key":"b","token":"c","Authorization":"Bearer d"}`, nil,
			`{"apiKey":"***","api_key":"***","token":"***","Authorization":"***"}`},
		{"key case and suffix", `{"PASSWORD":"a","dbPassword":"b","accessToken":"c","client-secret":"d"}`, nil,
			`{"PASSWORD":"***","dbPassword":"***","accessToken":"***","client-secret":"***"}`},
		{"escaped key", `{"pass\u0077ord":"hunter2"}`, nil, `{"pass\u0077ord":"***"}`},
		{"white space around colon", "{\"password\" :\n \"hunter2\"}", nil, "{\"password\" :\n \"***\"}"},
		{"escaped quote in value", `{"password":"a\"b","next":1}`, nil, `{"password":"***","next":1}`},
		{"number value", `{"token":12345,"next":1}`, nil, `{"token":"***","next":1}`},
		{"object value", `{"token":{"value":"x","nested":[1,"}"]},"next":1}`, nil, `{"token":"***","next":1}`},
		{"nested key", `{"code":200,"data":{"clusterId":"inxx-1","password":"pw"}}`, nil,
			`{"code":200,"data":{"clusterId":"inxx-1","password":"***"}}`},
		{"keys in a list", `[{"password":"a"},{"password":"b"}]`, nil, `[{"password":"***"},{"password":"***"}]`},
		{"truncated value", `{"code":200,"data":{"password":"hunt`, nil, `{"code":200,"data":{"password":"***"`},
		{"truncated after colon", `{"password":`, nil, `{"password":`},
		{"value that is a key name", `{"name":"password","x":"y"}`, nil, `{"name":"password","x":"y"}`},
		{"secret anywhere", `<html>key zk-1 rejected</html>`, []string{"zk-1"}, `<html>key *** rejected</html>`},
		{"secret JSON-escaped", `{"message":"key a\/b\u003cc rejected"}`, []string{"a/b<c"}, `{"message":"key *** rejected"}`},
		{"empty secret ignored", `{"message":"ok"}`, []string{""}, `{"message":"ok"}`},
		{"nothing sensitive", `{"code":0,"data":{"clusterId":"inxx-1"}}`, []string{"zk-1"}, `{"code":0,"data":{"clusterId":"inxx-1"}}`},
		{"not JSON", `plain "text" with quotes: and colons`, nil, `plain "text" with quotes: and colons`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Redact([]byte(tc.body), tc.secrets...))

			if got != tc.want {
				t.Errorf("Redact(%s) =\n%s\nwant\n%s", tc.body, got, tc.want)
			}
		})
	}
}

func TestRedactLeavesInputUnchanged(t *testing.T) {
	body := []byte(`{"password":"hunter2"}`)

	Redact(body, "hunter2")

	if string(body) != `{"password":"hunter2"}` {
		t.Errorf("Redact changed its input to %s", body)
	}
}

// leakingResponses repeat the API key or the password in the places where a body can hold them.
var leakingResponses = []struct {
	name   string
	status int
	body   string
}{
	{"message", http.StatusOK, `{"code":80001,"message":"invalid token ` + testAPIKey + `"}`},
	{"escaped message", http.StatusOK, `{"code":80001,"message":"invalid token \u007a` + testAPIKey[1:] + `"}`},
	{"unauthorized", http.StatusUnauthorized, `{"code":80002,"message":"Bearer ` + testAPIKey + `"}`},
	{"HTML page", http.StatusBadGateway, `<html>Authorization: Bearer ` + testAPIKey + `</html>`},
	{"wrong type with password", http.StatusOK,
		`{"code":200,"data":{"clusterId":5,"password":"` + testPassword + `","apiKey":"` + testAPIKey + `"}}`},
	{"truncated with password", http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","password":"` + testPassword},
	{"string code with token", http.StatusOK, `{"code":"200","data":{"token":"` + testPassword + `"}}`},
	{"server error with password", http.StatusInternalServerError, `{"code":500,"password":"` + testPassword + `"}`},
	{"split by newline", http.StatusOK, "{\"code\":1,\"message\":\"" + testAPIKey[:10] + "\\n" + testAPIKey[10:] + "\"}"},
}

func TestErrorsContainNoSecrets(t *testing.T) {
	for _, tc := range leakingResponses {
		t.Run(tc.name, func(t *testing.T) {
			_, c := serve(t, respond(tc.status, tc.body))

			_, err := c.CreateServerlessCluster(t.Context(), createRequest)

			if err == nil {
				t.Fatal("CreateServerlessCluster returned no error")
			}
			for _, secret := range []string{testAPIKey, testPassword} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error contains a secret: %s", err)
				}
			}
		})
	}
}

func TestLogsContainNoSecrets(t *testing.T) {
	ctx, logs := loggingContext(t, "")
	responses := []http.HandlerFunc{respond(http.StatusServiceUnavailable, "busy "+testAPIKey)}
	for _, tc := range leakingResponses {
		responses = append(responses, respond(tc.status, tc.body))
	}
	responses = append(responses, respond(http.StatusOK, createdJSON))
	_, c := serve(t, sequence(responses...))

	for range len(responses) {
		_, _ = c.CreateServerlessCluster(ctx, createRequest)
	}

	output := logs.String()
	if !strings.Contains(output, "Zilliz Cloud API response body") {
		t.Fatalf("no response body was logged at trace level:\n%s", output)
	}
	if !strings.Contains(output, "Created serverless cluster") {
		t.Fatalf("the final create was not logged:\n%s", output)
	}
	for _, secret := range []string{testAPIKey, testPassword} {
		if strings.Contains(output, secret) {
			t.Errorf("the logs contain %q:\n%s", secret, output)
		}
	}
}

func TestCreateMasksPasswordInLaterLogs(t *testing.T) {
	ctx, logs := loggingContext(t, "")
	// A username equal to the password shows whether the password is masked in log fields.
	_, c := serve(t, respond(http.StatusOK, `{"code":200,"data":{"clusterId":"inxx-1","username":"`+
		testPassword+`","password":"`+testPassword+`"}}`))

	if _, err := c.CreateServerlessCluster(ctx, createRequest); err != nil {
		t.Fatalf("CreateServerlessCluster: %v", err)
	}

	created := logs.entries(t, "Created serverless cluster")
	if len(created) != 1 {
		t.Fatalf("logged %d creates, want 1", len(created))
	}
	if created[0]["username"] != "***" {
		t.Errorf("username field = %v, want it masked", created[0]["username"])
	}
	if strings.Contains(logs.String(), testPassword) {
		t.Errorf("the logs contain the password:\n%s", logs.String())
	}
}

func TestRequestLogged(t *testing.T) {
	ctx, logs := loggingContext(t, "")
	_, c := serve(t, respond(http.StatusOK, `{"code":80020,"message":"cluster not found"}`))

	_, _ = c.DescribeCluster(ctx, "inxx-1")

	finished := logs.entries(t, "Zilliz Cloud API request finished")
	if len(finished) != 1 {
		t.Fatalf("logged %d finished requests, want 1", len(finished))
	}
	want := map[string]any{
		"@level":      "debug",
		"@module":     "provider.http",
		"http_method": "GET",
		"path":        "/v1/clusters/inxx-1",
		"http_status": float64(200),
		"code":        float64(80020),
		"attempts":    float64(1),
	}
	for key, value := range want {
		if finished[0][key] != value {
			t.Errorf("log field %s = %v, want %v", key, finished[0][key], value)
		}
	}
	if _, ok := finished[0]["duration_ms"].(float64); !ok {
		t.Errorf("log has no duration_ms: %v", finished[0])
	}
}
