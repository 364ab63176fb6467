package client

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem is the tflog subsystem of the client's HTTP logs.
const logSubsystem = "http"

// logLevelVariable is the prefix of the environment variable that sets the subsystem's level:
// tflog appends the subsystem name, giving TF_LOG_PROVIDER_ZILLIZ_HTTP. Without it, the
// subsystem logs at the provider's level.
const logLevelVariable = "TF_LOG_PROVIDER_ZILLIZ"

// maxLoggedBodyBytes bounds the bodies logged at trace level, so that a 4 MiB response does not
// become one log line.
const maxLoggedBodyBytes = 64 << 10

// maskedFieldKeys are log field keys whose values are always masked.
var maskedFieldKeys = []string{"password", "api_key", "Authorization"}

// logContextKey marks a context that logContext has prepared for a client.
type logContextKey struct{}

// logContext returns ctx with the "http" subsystem and with masking of the API key and of the
// masked field keys, for the root logger and the subsystem alike. A context that it already
// prepared for c is returned as it is, so that nested calls keep masks added in between.
func (c *Client) logContext(ctx context.Context) context.Context {
	if prepared, ok := ctx.Value(logContextKey{}).(*Client); ok && prepared == c {
		return ctx
	}

	ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithLevelFromEnv(logLevelVariable, logSubsystem))
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, maskedFieldKeys...)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, maskedFieldKeys...)
	ctx = maskSecret(ctx, c.apiKey)
	// NewSubsystem starts the subsystem without the masks that MaskSecrets gave it before.
	for _, secret := range maskedSecrets(ctx) {
		ctx = maskSubsystemSecret(ctx, secret)
	}
	return context.WithValue(ctx, logContextKey{}, c)
}

// maskSecret returns ctx with secret masked in the messages and string field values of the root
// logger and the subsystem. An empty secret is ignored, because masking "" would insert the mask
// between every two characters.
func maskSecret(ctx context.Context, secret string) context.Context {
	if secret == "" {
		return ctx
	}

	ctx = tflog.MaskMessageStrings(ctx, secret)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secret)
	return maskSubsystemSecret(ctx, secret)
}

// maskSubsystemSecret returns ctx with a non-empty secret masked in the messages and string
// field values of the subsystem only.
func maskSubsystemSecret(ctx context.Context, secret string) context.Context {
	ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, secret)
	return tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, secret)
}

// traceBody logs a request or response body at trace level after Redact with the API key and
// secrets, cut to maxLoggedBodyBytes. It does the work only when trace logging is on.
func (c *Client) traceBody(ctx context.Context, message, method, path string, body []byte,
	secrets ...string,
) {
	if len(body) == 0 || !tflog.SubsystemIsTrace(ctx, logSubsystem) {
		return
	}

	redacted := Redact(body, append([]string{c.apiKey}, secrets...)...)
	truncated := len(redacted) > maxLoggedBodyBytes
	redacted = truncateUTF8(redacted, maxLoggedBodyBytes)

	tflog.SubsystemTrace(ctx, logSubsystem, message, map[string]any{
		"http_method":    method,
		"path":           path,
		"body":           string(redacted),
		"body_truncated": truncated,
	})
}
