package mock

import (
	"net/http"
	"strings"
	"testing"
	"unicode"
)

func TestPasswordCharacterClasses(t *testing.T) {
	rng := newRandomSource()
	seen := make(map[string]bool)

	for range 500 {
		password := newPassword(rng)

		if len(password) < 24 {
			t.Fatalf("password %q has %d characters, want at least 24", password, len(password))
		}
		for _, special := range passwordSpecials {
			if !strings.ContainsRune(password, special) {
				t.Fatalf("password %q lacks %q", password, special)
			}
		}
		if !strings.ContainsFunc(password, unicode.IsUpper) {
			t.Fatalf("password %q has no uppercase letter", password)
		}
		if !strings.ContainsFunc(password, unicode.IsLower) {
			t.Fatalf("password %q has no lowercase letter", password)
		}
		if !strings.ContainsFunc(password, unicode.IsDigit) {
			t.Fatalf("password %q has no digit", password)
		}
		seen[password] = true
	}

	if len(seen) != 500 {
		t.Errorf("%d distinct passwords out of 500", len(seen))
	}
}

func TestPasswordSpecialsNotAlwaysInFront(t *testing.T) {
	rng := newRandomSource()
	for range 50 {
		if !strings.HasPrefix(newPassword(rng), passwordSpecials) {
			return
		}
	}
	t.Error("every password starts with the special characters, so they are not shuffled")
}

func TestPasswordMatchesResponseBytes(t *testing.T) {
	ts := newTestServer(t, Options{})

	created := ts.create("secret-check")

	if got := ts.Password(created.ClusterID); got != created.Password {
		t.Errorf("Password() = %q, response password = %q", got, created.Password)
	}
}

func TestPasswordSentWithoutHTMLEscaping(t *testing.T) {
	ts := newTestServer(t, Options{})

	resp := ts.call(http.MethodPost, createPath, createBody("Free", "raw-json", defaultProjectID))

	if strings.Contains(string(resp.body), `\u003c`) {
		t.Errorf("body escapes < as \\u003c: %s", resp.body)
	}
	if !strings.Contains(string(resp.body), `<`) {
		t.Errorf("body has no raw <: %s", resp.body)
	}
}

func TestPasswordUnknownCluster(t *testing.T) {
	ts := newTestServer(t, Options{})

	if got := ts.Password("inxx-000000000000000"); got != "" {
		t.Errorf("Password() = %q, want empty", got)
	}
}
