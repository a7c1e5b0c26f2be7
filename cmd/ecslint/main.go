// Command ecslint lints Amazon ECS task definitions and the ECS/EKS resources
// around them in raw JSON, CloudFormation and Terraform.
package main

import "os"

func main() {
	os.Exit(Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
