// Command terraform-provider-zilliz serves the Zilliz Cloud provider over the Terraform plugin
// protocol (version 6).
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/vectorops/terraform-provider-zilliz/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...". goreleaser sets it from the
// Git tag.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	opts := providerserver.ServeOpts{
		Address: provider.RegistryAddress,
		Debug:   debug,
	}

	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}
