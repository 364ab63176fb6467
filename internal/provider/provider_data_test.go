package provider

import (
	"bytes"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestProviderDataLogContextMasksSecrets(t *testing.T) {
	const apiKey = "key-for-masking-test"

	tests := map[string]struct {
		data     *providerData
		expected map[string]any
	}{
		"configured": {
			data: &providerData{apiKey: apiKey},
			expected: map[string]any{
				"@message": "Request with *** failed",
				"error":    "rejected ***",
				"password": "***",
				"api_key":  "***",
			},
		},
		"not configured": {
			// Without provider data only the field keys are masked, because no key is known.
			data: nil,
			expected: map[string]any{
				"@message": "Request with " + apiKey + " failed",
				"password": "***",
				"api_key":  "***",
			},
		},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			var output bytes.Buffer
			ctx := test.data.logContext(tflogtest.RootLogger(t.Context(), &output))

			tflog.Warn(ctx, "Request with "+apiKey+" failed", map[string]any{
				"error":    "rejected " + apiKey,
				"password": "generated",
				"api_key":  apiKey,
			})

			entries, err := tflogtest.MultilineJSONDecode(&output)
			if err != nil {
				t.Fatalf("decoding the log output: %v", err)
			}
			if len(entries) != 1 {
				t.Fatalf("logged %d entries, expected 1", len(entries))
			}
			for key, value := range test.expected {
				if entries[0][key] != value {
					t.Errorf("log field %s = %v, expected %v", key, entries[0][key], value)
				}
			}
		})
	}
}
