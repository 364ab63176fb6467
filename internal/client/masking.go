package client

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MaskSecrets returns ctx with each secret masked in the messages and string field values of the
// root logger and the client's "http" subsystem, and with the values of the field keys password,
// api_key and Authorization masked, for callers that log with tflog outside the client.
func MaskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, maskedFieldKeys...)
	for _, secret := range secrets {
		ctx = maskSecret(ctx, secret)
	}
	return ctx
}
