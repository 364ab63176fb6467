// Package testcli runs the real Terraform CLI against the provider binary, for tests that need
// what terraform-plugin-testing does not offer: flags such as -parallelism, signals, log files,
// the CLI's own output and commands such as validate or init.
//
// The provider is built once per test binary run, with go build, into a temporary directory
// that Main removes after the tests. Each Workspace has its own working directory and a CLI
// configuration whose dev_overrides point "vectorops/zilliz" at that binary, so plan, apply
// and destroy need no terraform init. Configurations that call local modules need init, which
// installs the same binary from a filesystem mirror as version 999.0.0. The CLI configuration
// lists no other installation method, so no command can download a provider.
//
// A package that uses testcli calls it from TestMain:
//
//	func TestMain(m *testing.M) { testcli.Main(m) }
//
// and a test then runs commands:
//
//	ws := testcli.New(t, map[string]string{"ZILLIZ_ENDPOINT": url, "ZILLIZ_API_KEY": key})
//	ws.WriteFile("main.tf", config)
//	if err := ws.Apply().Err(); err != nil {
//		t.Fatal(err)
//	}
//
// Commands run in a process group of their own, which needs a Unix system.
package testcli
