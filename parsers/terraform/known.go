package terraform

import (
	"embed"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
)

// Widely used registry modules are understood without being downloaded:
// known/ holds, for each, a model written in Terraform: the module's
// documented inputs with their defaults, and the resources or outputs they
// produce, reduced to what the rules read. A model is evaluated like a
// downloaded module, so caller arguments are reported where they are
// written and defaults at the module call.

//go:embed known/*.tf
var knownFS embed.FS

// knownPrefix marks the directory of a model.
const knownPrefix = "\x00known/"

// knownModules maps a registry address to its model, by major version:
// the models of the newest major serve unknown or newer versions.
var knownModules = map[string][]knownVersion{
	"terraform-aws-modules/ecs/aws":                               {{5, "tam-ecs-v5"}, {6, "tam-ecs-v6"}},
	"terraform-aws-modules/ecs/aws//modules/service":              {{5, "tam-ecs-service-v5"}, {6, "tam-ecs-service-v6"}},
	"terraform-aws-modules/ecs/aws//modules/container-definition": {{5, "tam-ecs-container-definition-v5"}, {6, "tam-ecs-container-definition-v6"}},
	"cloudposse/ecs-container-definition/aws":                     {{0, "cloudposse-ecs-container-definition"}},
	// Before v18 the module had another layout and other defaults: no model.
	"terraform-aws-modules/eks/aws": {{17, ""}, {18, "tam-eks-v18"}, {20, "tam-eks-v20"}, {21, "tam-eks-v21"}},
}

type knownVersion struct {
	major int    // the newest major version the model describes
	model string // "" for versions ecslint has no model of
}

// gitSource matches the GitHub spellings of a registry module's source.
var gitSource = regexp.MustCompile(`^(?:git::)?(?:https://|ssh://git@|git@)?github\.com[/:]([^/]+)/terraform-([a-z0-9]+)-([a-z0-9-]+?)(?:\.git)?(//[^?]*)?(?:\?ref=v?([0-9][^&]*))?$`)

var firstNumber = regexp.MustCompile(`[0-9]+`)

// knownModel returns the model for a module source and version constraint.
func knownModel(source, version string) (string, bool) {
	addr := strings.TrimPrefix(source, "registry.terraform.io/")
	if m := gitSource.FindStringSubmatch(source); m != nil {
		addr = m[1] + "/" + m[3] + "/" + m[2] + m[4]
		if m[5] != "" {
			version = m[5]
		}
	}
	versions, ok := knownModules[addr]
	if !ok {
		return "", false
	}
	major := 1 << 30
	if n := firstNumber.FindString(version); n != "" {
		major, _ = strconv.Atoi(n)
	}
	for _, v := range versions {
		if major <= v.major {
			return v.model, v.model != ""
		}
	}
	return versions[len(versions)-1].model, true
}

// loadKnown parses a model; its positions are all reported at pin, the
// module call (a model is never the user's text).
func (ev *evaluator) loadKnown(model string, pin *lint.Range) (*config, bool) {
	if pin == nil {
		return nil, false
	}
	key := pin.String() + knownPrefix + model
	if c, ok := ev.configs[key]; ok {
		return c, c != nil
	}
	src, err := knownFS.ReadFile(path.Join("known", model+".tf"))
	if err != nil {
		ev.configs[key] = nil
		return nil, false
	}
	f := newSrcFile(knownPrefix+model+".tf", src)
	f.key, f.pin = key, pin
	ev.files[key] = f
	file, diags := hclsyntax.ParseConfig(src, key, hcl.InitialPos)
	if diags.HasErrors() {
		// A model is ours: a broken one is a bug the tests catch.
		ev.configs[key] = nil
		return nil, false
	}
	c := newConfig(knownPrefix + model)
	c.add(hclBody(f, file.Body.(*hclsyntax.Body)))
	ev.configs[key] = c
	return c, true
}
