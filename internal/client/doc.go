// Package client is a typed client for the Zilliz Cloud control-plane REST API (v1) that the
// provider uses to manage serverless clusters.
//
// Every call goes through one request path that sets the authentication and content headers,
// retries transient failures with go-retryablehttp, decodes the {"code", "message", "data"}
// envelope and returns one of three error types: *APIError when the service reported a failure,
// *ResponseError when a response could not be decoded, and *OutcomeUnknownError (wrapping one of
// the others or a transport error) when a createServerless request may have been carried out
// although no success response arrived. Callers inspect them with errors.As or with IsNotFound,
// HasCode and IsOutcomeUnknown.
//
// The client logs with tflog in the "http" subsystem, whose level the
// TF_LOG_PROVIDER_ZILLIZ_HTTP environment variable can set. The API key is masked in every
// message and field, and bodies are logged at trace level only after Redact.
package client
