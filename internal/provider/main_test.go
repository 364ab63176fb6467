package provider

import (
	"testing"

	"github.com/vectorops/terraform-provider-zilliz/internal/testcli"
)

// TestMain removes the provider binary that the tests running the Terraform CLI build.
func TestMain(m *testing.M) {
	testcli.Main(m)
}
