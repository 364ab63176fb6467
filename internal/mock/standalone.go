package mock

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
)

// ListenLoopback listens on a TCP address whose host is a loopback IP address or "localhost",
// which it maps to 127.0.0.1 without a DNS lookup. It rejects every other host, including an
// empty one, before it opens a socket, so a standalone mock is never reachable from the
// network.
func ListenLoopback(ctx context.Context, address string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("invalid listen address %q: %w", address, err)
	}

	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || ip.Zone() != "" || !ip.Unmap().IsLoopback() {
		return nil, fmt.Errorf("listen address %q is not a loopback address: use a host in "+
			"127.0.0.0/8, [::1] or localhost", address)
	}

	var config net.ListenConfig
	listener, err := config.Listen(ctx, "tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("listening on %s failed: %w", address, err)
	}
	return listener, nil
}

// WriteEnvFile writes ZILLIZ_ENDPOINT and ZILLIZ_API_KEY lines for scripts to path, with mode
// 0600. It writes a temporary file in the same directory and renames it, so a reader never
// sees a partial file.
func WriteEnvFile(path, endpoint, apiKey string) error {
	content := "ZILLIZ_ENDPOINT=" + endpoint + "\nZILLIZ_API_KEY=" + apiKey + "\n"

	// os.CreateTemp creates the file with mode 0600.
	file, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing env file %s failed: %w", path, err)
	}
	tempPath := file.Name()

	_, writeErr := file.WriteString(content)
	closeErr := file.Close()
	if writeErr != nil || closeErr != nil {
		_ = os.Remove(tempPath)
		return fmt.Errorf("writing env file %s failed: %w", path, errors.Join(writeErr, closeErr))
	}

	if err := os.Rename(tempPath, path); err != nil {
		_ = os.Remove(tempPath)
		return fmt.Errorf("writing env file %s failed: %w", path, err)
	}
	return nil
}
