package client

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
)

// secretPlaceholder marks where a fuzzed body contains the secret.
const secretPlaceholder = "$KEY"

// fuzzSecret turns a fuzzed seed into a secret that looks like an API key: at least 12 letters,
// digits or hyphens with at least one digit. Other seeds return "", and the input is skipped,
// because a short or word-like secret could equal a fixed part of an error message, such as a
// field name, without anything having leaked.
func fuzzSecret(seed string) string {
	if len(seed) < 12 || len(seed) > 64 {
		return ""
	}
	hasDigit := false
	for _, r := range seed {
		switch {
		case r > unicode.MaxASCII:
			return ""
		case unicode.IsDigit(r):
			hasDigit = true
		case !unicode.IsLetter(r) && r != '-':
			return ""
		}
	}
	if !hasDigit {
		return ""
	}
	return seed
}

func FuzzDecodeResponse(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{200, `{"code":200,"data":` + clusterJSON + `}`},
		{200, `{"code":0,"data":{"clusterId":"inxx-1","username":"db","password":"$KEY","prompt":"ok"}}`},
		{200, `{"code":80001,"message":"invalid token $KEY"}`},
		{200, `{"code":80001,"message":"invalid token \u0061bcdefgh12345"}`},
		{401, `{"code":80002,"message":"Bearer $KEY"}`},
		{502, `<html><body>Authorization: Bearer $KEY</body></html>`},
		{200, `{"code":"200","data":{"apiKey":"$KEY"}}`},
		{200, `{"code":200,"data":{"clusterId":"inxx-1","password":"$KEY`},
		{200, `{"code":200,"data":{"createProgress":"abc","token":"$KEY"}}`},
		{200, `{"code":200,"data":null}`},
		{200, `{"code":200}`},
		{200, `[1,"$KEY"]`},
		{200, `{"code":1e400,"message":"$KEY"}`},
		{200, `{"code":200,"data":{"count":1,"clusters":[{"clusterId":"$KEY"}]}}`},
		{200, `{"code":200,"data":[{"projectId":"p","projectName":"$KEY"}]}`},
		{500, "\xff\xfe$KEY\x00\n"},
		{204, ""},
	}
	for i, seed := range seeds {
		f.Add(seed.status, []byte(seed.body), "zk-abcdefgh12345", uint8(i))
		f.Add(seed.status, []byte(seed.body), "zk-abcdefgh12345", uint8(i)|0x80)
	}

	f.Fuzz(func(t *testing.T, status int, template []byte, seed string, target uint8) {
		secret := fuzzSecret(seed)
		if secret == "" {
			return
		}
		body := bytes.ReplaceAll(template, []byte(secretPlaceholder), []byte(secret))
		// The high bit of target marks a body that was cut at the size limit.
		tooLarge := target&0x80 != 0
		raw := rawResponse{method: "GET", path: "/v1/clusters/inxx-fuzz", status: status, body: body, tooLarge: tooLarge}

		outs := []any{nil, &Cluster{}, &CreateServerlessResponse{}, &ClusterPage{}, &[]Project{}, &DropClusterResponse{}}
		_, err := decodeResponse(raw, []string{secret}, outs[int(target&0x7f)%len(outs)])

		if err == nil {
			return
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error contains the secret %q: %s", secret, err)
		}
		var responseErr *ResponseError
		if errors.As(err, &responseErr) && len(responseErr.Excerpt) > maxExcerptBytes {
			t.Errorf("excerpt has %d bytes, more than %d", len(responseErr.Excerpt), maxExcerptBytes)
		}
	})
}

func FuzzRedact(f *testing.F) {
	f.Add([]byte(`{"password":"$KEY","x":["$KEY",{"token":1}]}`), "zk-abcdefgh12345")
	f.Add([]byte(`{"pass\u0077ord":"a\"$KEY`), "zk-abcdefgh12345")
	f.Add([]byte(`plain $KEY text`), "zk-abcdefgh12345")

	f.Fuzz(func(t *testing.T, template []byte, seed string) {
		secret := fuzzSecret(seed)
		if secret == "" {
			return
		}
		body := bytes.ReplaceAll(template, []byte(secretPlaceholder), []byte(secret))

		redacted := Redact(body, secret)

		if bytes.Contains(redacted, []byte(secret)) {
			t.Errorf("Redact(%q) = %q, which contains the secret", body, redacted)
		}
	})
}
