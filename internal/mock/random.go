package mock

import (
	cryptorand "crypto/rand"
	"math/rand/v2"
	"strings"
)

const (
	lowercaseAlphanumeric = "0123456789abcdefghijklmnopqrstuvwxyz"
	letters               = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	digits                = "0123456789"

	// passwordSpecials are characters that JSON or HTML escaping changes, so every generated
	// password catches a client that escapes or unescapes it wrongly.
	passwordSpecials = `<>&+"\`
	passwordLength   = 28

	clusterIDPrefix     = "inxx-"
	clusterIDTailLength = 15
	apiKeyPrefix        = "mock-"
	apiKeyTailLength    = 40
)

// newRandomSource returns a ChaCha8 generator seeded from crypto/rand. The math/rand/v2
// documentation describes ChaCha8 as cryptographically strong, so it also serves for passwords
// and API keys. It is not safe for concurrent use, so the Server calls it only while holding
// its mutex.
func newRandomSource() *rand.Rand {
	var seed [32]byte
	// crypto/rand.Read never returns an error since Go 1.24: it aborts the program instead.
	_, _ = cryptorand.Read(seed[:])
	return rand.New(rand.NewChaCha8(seed)) //nolint:gosec // ChaCha8 is a CSPRNG, seeded from crypto/rand.
}

func randomString(rng *rand.Rand, alphabet string, length int) string {
	var b strings.Builder
	b.Grow(length)
	for range length {
		b.WriteByte(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// newPassword returns a random password of passwordLength characters that contains every
// character of passwordSpecials, an uppercase and a lowercase letter and a digit.
func newPassword(rng *rand.Rand) string {
	required := passwordSpecials +
		randomString(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) +
		randomString(rng, "abcdefghijklmnopqrstuvwxyz", 1) +
		randomString(rng, digits, 1)
	filler := randomString(rng, letters+digits+passwordSpecials, passwordLength-len(required))

	password := []byte(required + filler)
	rng.Shuffle(len(password), func(i, j int) {
		password[i], password[j] = password[j], password[i]
	})
	return string(password)
}

func newAPIKey(rng *rand.Rand) string {
	return apiKeyPrefix + randomString(rng, lowercaseAlphanumeric, apiKeyTailLength)
}
