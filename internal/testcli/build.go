package testcli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

const (
	// providerPackage is the main package of the provider binary.
	providerPackage = "github.com/vectorops/terraform-provider-zilliz"

	// providerBinaryName is the file name that Terraform looks for in a dev_overrides directory:
	// terraform-provider-<type name>.
	providerBinaryName = "terraform-provider-zilliz"

	// mirrorVersion is the version under which the filesystem mirror offers the binary to
	// terraform init. It is high so that lower-bound constraints such as ">= 0.1" admit it.
	mirrorVersion = "999.0.0"
)

// providerBinary is the built provider: dir is the dev_overrides directory that contains it,
// and mirror is a filesystem mirror that offers the same file to terraform init.
type providerBinary struct {
	dir    string
	mirror string
}

// providerBuild is the provider binary of this test process. It is package state because the
// binary is built once per test binary run, by whichever test needs it first, and removed by
// Main after the last test.
var providerBuild struct {
	once   sync.Once
	root   string // the temporary directory that contains everything built
	binary providerBinary
	err    error
	inMain bool // Main is running the tests
}

// Main runs the tests of a package that uses this package and then removes the provider binary,
// which is built into a temporary directory that outlives single tests. Call it from TestMain:
//
//	func TestMain(m *testing.M) { testcli.Main(m) }
//
// It exits the process with the tests' exit code.
func Main(m *testing.M) {
	providerBuild.inMain = true
	code := m.Run()

	if providerBuild.root != "" {
		if err := os.RemoveAll(providerBuild.root); err != nil {
			fmt.Fprintf(os.Stderr, "testcli: removing the provider build directory failed: %v\n", err)
		}
	}
	os.Exit(code)
}

// builtProvider returns the provider binary, building it on the first call. It fails the test
// when the build fails or when TestMain does not call Main, because the binary's directory would
// then never be removed.
func builtProvider(t testing.TB) providerBinary {
	t.Helper()

	if !providerBuild.inMain {
		t.Fatal("testcli: the package's TestMain must call testcli.Main(m), which removes the provider " +
			"binary after the tests")
	}

	// sync.Once makes the build's results visible to every caller that returns from Do.
	providerBuild.once.Do(func() {
		providerBuild.root, providerBuild.err = os.MkdirTemp("", "testcli-provider-")
		if providerBuild.err == nil {
			providerBuild.binary, providerBuild.err = buildProvider(providerBuild.root)
		}
	})
	if providerBuild.err != nil {
		t.Fatalf("testcli: %v", providerBuild.err)
	}
	return providerBuild.binary
}

// buildProvider runs go build for the provider into root and lays out a filesystem mirror next
// to it. The go command resolves the package from the test's working directory, which is inside
// the module.
func buildProvider(root string) (providerBinary, error) {
	goBinary, err := exec.LookPath("go")
	if err != nil {
		return providerBinary{}, fmt.Errorf("building the provider needs the go command on PATH: %w", err)
	}

	binary := providerBinary{dir: filepath.Join(root, "bin"), mirror: filepath.Join(root, "mirror")}
	binaryPath := filepath.Join(binary.dir, providerBinaryName)
	build := exec.CommandContext(context.Background(), goBinary, "build", "-o", binaryPath, providerPackage)
	if output, err := build.CombinedOutput(); err != nil {
		return providerBinary{}, fmt.Errorf("go build %s failed: %w\n%s", providerPackage, err, output)
	}

	// The mirror uses the unpacked layout HOSTNAME/NAMESPACE/TYPE/VERSION/OS_ARCH, under the
	// default registry host of Terraform and of OpenTofu. Terraform rejects a symbolic link
	// there, so the mirror gets a hard link, or a copy across devices.
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		platformDir := filepath.Join(binary.mirror, host, providerSource, mirrorVersion,
			runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(platformDir, 0o755); err != nil {
			return providerBinary{}, fmt.Errorf("creating the provider mirror failed: %w", err)
		}
		if err := linkOrCopy(binaryPath, filepath.Join(platformDir, providerBinaryName)); err != nil {
			return providerBinary{}, fmt.Errorf("adding the provider to the mirror failed: %w", err)
		}
	}
	return binary, nil
}

func linkOrCopy(source, target string) error {
	if err := os.Link(source, target); err == nil {
		return nil
	}

	data, err := os.ReadFile(source)
	if err != nil {
		return err
	}
	return os.WriteFile(target, data, 0o755)
}
