package client

import (
	"bytes"
	"encoding/json"
	"strings"
)

const redactedValue = "***"

// sensitiveKeySuffixes are compared with JSON keys in lower case and without '_' and '-', so
// that password, apiKey, api_key, token and Authorization match, and so do keys such as
// dbPassword, accessToken and clientSecret.
var sensitiveKeySuffixes = []string{"password", "apikey", "token", "authorization", "secret"}

// Redact returns a copy of body in which the value of every sensitive JSON key (see
// sensitiveKeySuffixes) is replaced by "***", and then every occurrence of each non-empty secret,
// raw or JSON-escaped, is replaced by "***". It scans the text token by token instead of parsing
// it, so it also redacts truncated or invalid JSON and text that is not JSON at all. Values of
// sensitive keys inside JSON that is embedded in a string are not found.
func Redact(body []byte, secrets ...string) []byte {
	redacted := redactSensitiveKeys(body)
	for _, secret := range secrets {
		for _, form := range secretForms(secret) {
			redacted = bytes.ReplaceAll(redacted, []byte(form), []byte(redactedValue))
		}
	}
	return redacted
}

// redactString is Redact for text.
func redactString(text string, secrets []string) string {
	return string(Redact([]byte(text), secrets...))
}

// redactSensitiveKeys replaces the value after each sensitive key. A key is a string token
// followed by a colon. A string, object or array value runs to its closing character, and any
// other value to the next comma, bracket, brace or white space. An unterminated value runs to the
// end of body.
func redactSensitiveKeys(body []byte) []byte {
	out := make([]byte, 0, len(body))
	for position := 0; position < len(body); {
		quote := bytes.IndexByte(body[position:], '"')
		if quote < 0 {
			out = append(out, body[position:]...)
			break
		}
		out = append(out, body[position:position+quote]...)

		keyStart := position + quote
		keyEnd := stringEnd(body, keyStart)
		out = append(out, body[keyStart:keyEnd]...)
		position = keyEnd

		colon := skipWhiteSpace(body, keyEnd)
		if colon >= len(body) || body[colon] != ':' || !isSensitiveKey(body[keyStart:keyEnd]) {
			continue
		}

		valueStart := skipWhiteSpace(body, colon+1)
		out = append(out, body[keyEnd:valueStart]...)
		valueEnd := jsonValueEnd(body, valueStart)
		if valueEnd > valueStart {
			out = append(out, `"`+redactedValue+`"`...)
		}
		position = valueEnd
	}
	return out
}

// stringEnd returns the index after the string token that starts with the quote at start, or
// len(body) when the string is not terminated.
func stringEnd(body []byte, start int) int {
	for i := start + 1; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(body)
}

// jsonValueEnd returns the index after the value that starts at start.
func jsonValueEnd(body []byte, start int) int {
	if start >= len(body) {
		return start
	}

	switch body[start] {
	case '"':
		return stringEnd(body, start)
	case '{', '[':
		return containerEnd(body, start)
	}

	end := start
	for end < len(body) && strings.IndexByte(",]} \t\r\n", body[end]) < 0 {
		end++
	}
	return end
}

// containerEnd returns the index after the object or array that starts at start, skipping the
// brackets inside strings.
func containerEnd(body []byte, start int) int {
	depth := 0
	for i := start; i < len(body); i++ {
		switch body[i] {
		case '"':
			i = stringEnd(body, i) - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(body)
}

func skipWhiteSpace(body []byte, start int) int {
	for start < len(body) && strings.IndexByte(" \t\r\n", body[start]) >= 0 {
		start++
	}
	return start
}

// isSensitiveKey reports whether the string token key (with its quotes) names a secret. Escapes
// such as \u0070 are decoded first, so that they cannot hide a key.
func isSensitiveKey(key []byte) bool {
	var name string
	if err := json.Unmarshal(key, &name); err != nil {
		name = strings.Trim(string(key), `"`)
	}

	normalized := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(name))
	for _, suffix := range sensitiveKeySuffixes {
		if strings.HasSuffix(normalized, suffix) {
			return true
		}
	}
	return false
}

// secretForms returns the ways secret can appear in a body: raw and as the inside of a JSON
// string, with and without HTML escaping and with "/" escaped. An empty secret has no forms.
func secretForms(secret string) []string {
	if secret == "" {
		return nil
	}

	forms := []string{secret}
	addForm := func(form string) {
		for _, known := range forms {
			if known == form {
				return
			}
		}
		forms = append(forms, form)
	}

	for _, escapeHTML := range []bool{true, false} {
		var encoded bytes.Buffer
		encoder := json.NewEncoder(&encoded)
		encoder.SetEscapeHTML(escapeHTML)
		if err := encoder.Encode(secret); err != nil {
			continue
		}
		inner := strings.TrimSuffix(strings.TrimSpace(encoded.String()), `"`)
		inner = strings.TrimPrefix(inner, `"`)
		addForm(inner)
		addForm(strings.ReplaceAll(inner, "/", `\/`))
	}
	return forms
}
