// Command provider is a stand-in for the AWS provider, used only to make
// real OpenTofu plans for ecslint's fixtures (see ../generate.sh).
//
// The real provider cannot be had offline, and a plan's JSON depends on the
// provider only through its schemas: which attributes exist, their types,
// which are computed (unknown in a plan) and which are sensitive. So this
// provider declares the real provider's schemas for the resources ecslint
// reads, and its create, read, update and delete just store what they are
// given: nothing talks to AWS.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		// The address OpenTofu resolves `hashicorp/aws` to; dev_overrides
		// in the CLI config point it at this binary.
		Address: "registry.opentofu.org/hashicorp/aws",
	})
	if err != nil {
		log.Fatal(err)
	}
}
