package mock

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestListenLoopbackAccepts(t *testing.T) {
	for _, address := range []string{"127.0.0.1:0", "localhost:0", "127.0.0.2:0"} {
		t.Run(address, func(t *testing.T) {
			listener, err := ListenLoopback(context.Background(), address)
			if err != nil {
				t.Fatalf("ListenLoopback: %v", err)
			}
			defer listener.Close()

			host, _, _ := net.SplitHostPort(listener.Addr().String())
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				t.Errorf("listening on %s, want a loopback address", listener.Addr())
			}
		})
	}
}

func TestListenLoopbackRejects(t *testing.T) {
	for _, address := range []string{
		":0",
		"0.0.0.0:0",
		"[::]:0",
		"10.0.0.1:0",
		"192.168.1.10:0",
		"8.8.8.8:53",
		"example.com:80",
		"localhost.example.com:0",
		"[fe80::1%lo]:0",
		"127.0.0.1",
		"",
	} {
		t.Run(address, func(t *testing.T) {
			listener, err := ListenLoopback(context.Background(), address)
			if err == nil {
				listener.Close()
				t.Fatal("ListenLoopback accepted the address")
			}
		})
	}
}

func TestWriteEnvFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mock.env")
	// The file starts readable by others, to check that WriteEnvFile leaves it at 0600.
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil { //nolint:gosec // see above
		t.Fatal(err)
	}

	if err := WriteEnvFile(path, "http://127.0.0.1:4321", "mock-key"); err != nil {
		t.Fatalf("WriteEnvFile: %v", err)
	}

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "ZILLIZ_ENDPOINT=http://127.0.0.1:4321\nZILLIZ_API_KEY=mock-key\n"; string(content) != want {
		t.Errorf("content = %q, want %q", content, want)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode = %o, want 600", mode)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, entry := range entries {
		if strings.HasPrefix(entry.Name(), ".mock.env.") {
			t.Errorf("temporary file %s left behind", entry.Name())
		}
	}
}

func TestWriteEnvFileMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "mock.env")

	err := WriteEnvFile(path, "http://127.0.0.1:1", "mock-key")

	if err == nil {
		t.Fatal("WriteEnvFile succeeded in a missing directory")
	}
	if strings.Contains(err.Error(), "mock-key") {
		t.Errorf("error %q contains the API key", err)
	}
}
