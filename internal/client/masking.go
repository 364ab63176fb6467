package client

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskedSecretsKey marks the secrets that MaskSecrets added to a context, so that logContext can
// mask them again in the "http" subsystem that it sets up for each call.
type maskedSecretsKey struct{}

// MaskSecrets returns ctx with each secret masked in the messages and string field values of the
// root logger and the client's "http" subsystem, for callers that log with tflog outside the
// client. The values of the field keys password, api_key and Authorization are masked as well.
// The secrets stay masked in the client's logs of every call made with the returned context, and
// empty secrets are ignored.
func MaskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, maskedFieldKeys...)

	masked := slices.Clone(maskedSecrets(ctx))
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		ctx = maskSecret(ctx, secret)
		masked = append(masked, secret)
	}
	return context.WithValue(ctx, maskedSecretsKey{}, masked)
}

// maskedSecrets returns the secrets that MaskSecrets added to ctx.
func maskedSecrets(ctx context.Context) []string {
	secrets, _ := ctx.Value(maskedSecretsKey{}).([]string)
	return secrets
}
