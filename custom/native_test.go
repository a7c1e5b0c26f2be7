package custom

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/cel-go/common/types"

	"github.com/ecslint/ecslint/config"
	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
)

// nativeCases are conditions and message holes beyond the rule packs',
// chosen for where the native evaluator and cel-go could part: defaults of
// unset fields, nil objects, empty and nil lists, code points, overflow,
// missing map keys, out-of-range indexes, regular expressions.
var nativeCases = map[string][]string{
	"container": {
		`container.name`, `container.image`, `container.cpu`, `container.essential`, `container.memory + container.cpu`,
		`size(container.image)`, `container.image.size() > 10`, `container.image.lowerAscii()`, `container.image.upperAscii()`,
		`container.image.trim()`, `container.image.indexOf(":")`, `container.image.lastIndexOf("/")`,
		`container.image.substring(container.image.lastIndexOf("/") + 1)`, `container.image.substring(100)`,
		`container.image.matches("^[0-9]+\\.dkr\\.ecr\\.")`, `container.image.matches(container.name)`,
		`has(container.logConfiguration)`, `has(container.healthCheck)`, `has(container.environment)`, `has(container.linuxParameters)`,
		`container.logConfiguration.logDriver`, `container.logConfiguration.logDriver == "awslogs"`,
		`has(container.logConfiguration.options)`, `container.logConfiguration.options["awslogs-group"]`,
		`"awslogs-group" in container.logConfiguration.options`, `has(container.logConfiguration.options.mode)`,
		`container.linuxParameters.capabilities.add.exists(c, c in ["SYS_ADMIN", "NET_ADMIN"])`,
		`container.linuxParameters.capabilities.drop.all(c, c == "ALL")`,
		`container.environment.exists_one(e, e.name.startsWith("AWS_"))`,
		`container.environment.filter(e, e.value != "").size()`, `size(container.environment.map(e, e.name))`,
		`container.environment.map(e, e.name + "=" + e.value).exists(s, s.contains("PASSWORD"))`,
		`container.environment[0].name`, `container.portMappings.exists(p, p.hostPort != 0 && p.hostPort < p.containerPort)`,
		`container.portMappings.all(p, p.protocol == "" || p.protocol == "tcp")`,
		`container.cpu >= 256 ? "big" : "small"`, `container.memory - 9223372036854775807 - 10 < 0`,
		`container.memory + 9223372036854775807 > 0`, `!container.privileged && container.readonlyRootFilesystem`,
		`container.user == "" || container.user == "root" || container.user.startsWith("0")`,
		`task.containerDefinitions.exists(c, c.name != container.name && c.image == container.image)`,
		`task.networkMode in ["awsvpc", "host"]`, `resource.tags.team`, `resource.tags["team"] == "payments"`,
		`has(resource.tags.team)`, `"team" in resource.tags`, `size(resource.tags) > 0`, `resource.file.endsWith(".tf")`,
		`task.requiresCompatibilities.exists(c, c == "FARGATE")`, `task.runtimePlatform.operatingSystemFamily`,
		`has(task.runtimePlatform)`, `task.cpu == "" && task.memory == ""`, `container.secrets.all(s, s.valueFrom.startsWith("arn:"))`,
		`container.mountPoints.exists(m, !m.readOnly)`, `container.repositoryCredentials.credentialsParameter != ""`,
		`container.name < container.image`, `container.essential == true`, `[1, 2][1] == 2`, `"a" + "b" == "ab"`,
	},
	"volume": {
		`volume.name`, `has(volume.host)`, `volume.host.sourcePath`, `has(volume.efsVolumeConfiguration)`,
		`volume.efsVolumeConfiguration.transitEncryption != "ENABLED"`,
	},
	"service": {
		`service.cluster.contains("payments") && service.assignPublicIp == "ENABLED"`, `service.securityGroups.size()`,
		`service.capacityProviders.exists(p, p == "FARGATE_SPOT")`, `service.launchType`,
	},
	"security-group": {
		`securityGroup.ingress.exists(r, r.fromPort <= 22 && r.toPort >= 22 && r.cidrs.exists(c, c == "0.0.0.0/0"))`,
		`securityGroup.ingress.all(r, r.ipProtocol != "-1")`,
	},
	"role": {
		`role.policies.exists(p, p.statement.exists(s, s.effect == "Allow"))`, `role.policies.size() > 0 && "*" in role.policies[0].statement[0].action`,
		`role.managedPolicyArns.exists(a, a.endsWith("AdministratorAccess"))`,
	},
	"cluster":     {`cluster.containerInsights == ""`, `has(cluster.executeCommandConfiguration)`, `cluster.executeCommandConfiguration.logging`},
	"eks-cluster": {`eksCluster.endpointPublicAccess && "0.0.0.0/0" in eksCluster.publicAccessCidrs`, `eksCluster.logTypes.size() < 5`},
}

// TestNativeAgreesWithCEL evaluates every condition of the rule packs and
// of nativeCases on every resource of the fixtures, natively and in
// cel-go, and requires the same value wherever the native evaluator gives
// one. It also requires that the native evaluator does give one for the
// rule packs' conditions, so that the test fails if it were switched off.
func TestNativeAgreesWithCEL(t *testing.T) {
	var specs []config.CustomRule
	for _, f := range []string{"../cmd/ecslint/testdata/bench_custom_rules.yaml", "../examples/org-policies/policies/containers.yaml", "../examples/org-policies/policies/resources.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := config.Parse(f, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, c.CustomRules...)
	}
	packs := len(specs)
	n := 0
	for kind, exprs := range nativeCases {
		for _, e := range exprs {
			n++
			specs = append(specs, config.CustomRule{ID: fmt.Sprintf("NAT%03d", n), Name: fmt.Sprintf("native-%d", n), Severity: "low", On: kind,
				Violation: config.Text{Value: "true"}, Message: config.Text{Value: "{{" + e + "}}"}})
		}
	}
	compiled, err := Compile(specs)
	if err != nil {
		t.Fatal(err)
	}
	var rules []*Rule
	for _, r := range compiled {
		rules = append(rules, r.(*Rule))
	}
	for i, r := range rules[:packs] {
		if r.prog.native == nil {
			t.Errorf("%s: the native evaluator cannot compile %q", specs[i].ID, specs[i].Violation.Value)
		}
	}
	cc := &crossCheck{t: t, rules: rules, packs: packs}
	_, err = lint.Run(lint.Options{Parsers: formats.All().Parsers(), Rules: []lint.Rule{cc}, Workers: 1}, []string{"../fixtures", "../examples"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d evaluations agreed (%d with unknown values, %d of them unknown), %d left to cel-go (pack conditions natively: %d of %d)",
		cc.agreed, cc.partial, cc.unknowns, cc.fellBack, cc.packNative, cc.packAll)
	if cc.agreed < 1000 || cc.packNative < cc.packAll*9/10 || cc.unknowns < 100 {
		t.Errorf("the native evaluator decided %d evaluations, and %d of %d of the packs' conditions: it is not being used", cc.agreed, cc.packNative, cc.packAll)
	}
}

type crossCheck struct {
	t     *testing.T
	rules []*Rule
	packs int
	// agreed counts evaluations the native evaluator decided (and cel-go
	// agreed with), fellBack those it left to cel-go.
	agreed, fellBack, packNative, packAll int
	// partial counts the agreed evaluations with unknown values, unknowns
	// those whose result was unknown.
	partial, unknowns int
}

func (c *crossCheck) Meta() *lint.Meta {
	return &lint.Meta{ID: "ZZZ999", Name: "native-cross-check", Severity: lint.Low, Reads: lint.TaskDefinitions | lint.Services | lint.Clusters | lint.SecurityGroups | lint.Roles | lint.EKSClusters}
}

func (c *crossCheck) Check(p *lint.Pass) {
	for i, r := range c.rules {
		progs := []*program{r.prog}
		for _, seg := range r.message {
			if seg.prog != nil {
				progs = append(progs, seg.prog)
			}
		}
		for _, s := range r.views.subjects(p.Unit, r.kind) {
			for j, prog := range progs {
				c.compare(p, r, s, prog, nil, i < c.packs && j == 0)
				if len(s.v.choices) > 0 {
					// Every Fn::If alternative unknown: the patterns of
					// choices, beside the subject's own.
					var extra []path
					for _, ch := range s.v.choices {
						extra = append(extra, ch.at)
					}
					c.compare(p, r, s, prog, extra, false)
				}
			}
		}
	}
}

func (c *crossCheck) compare(p *lint.Pass, r *Rule, s *subject, prog *program, extra []path, pack bool) {
	if pack {
		c.packAll++
	}
	if prog.native == nil {
		c.fellBack++
		return
	}
	partial := len(s.v.unknown) > 0 || len(extra) > 0
	var pats []npat
	if partial {
		pats = nativePatterns(s, extra)
	}
	got, ok := prog.native.run(&s.vars, pats)
	if !ok {
		c.fellBack++
		return
	}
	act, err := activation(s, extra)
	if err != nil {
		c.t.Fatal(err)
	}
	want, err := prog.eval(act, partial)
	where := s.resource.Range.String() + ": " + s.name + ": " + r.meta.ID
	switch {
	case err != nil:
		c.t.Errorf("%s: native gave %v, cel-go an error: %v", where, got, err)
	case types.IsUnknown(want) || types.IsUnknown(got):
		if types.IsUnknown(want) != types.IsUnknown(got) {
			c.t.Errorf("%s: native gave %v, cel-go %v", where, got, want)
			return
		}
		c.agreed++
		c.unknowns++
	case types.IsError(want) || want.Type() != got.Type() || want.Equal(got) != types.True:
		c.t.Errorf("%s: native gave %v (%s), cel-go %v (%s)", where, got, got.Type().TypeName(), want, want.Type().TypeName())
		return
	default:
		c.agreed++
	}
	if partial {
		c.partial++
	}
	if pack {
		c.packNative++
	}
}

// TestNativeGivesUpWhereCELErrs: where cel-go's answer is an error, the
// native evaluator must leave it to cel-go, so the note says what cel-go
// says.
func TestNativeGivesUpWhereCELErrs(t *testing.T) {
	c := &Container{Name: "app", Image: "nginx", Memory: 9223372036854775807}
	var vars bindings
	vars.set("container", c)
	vars.set("task", &Task{ContainerDefinitions: []*Container{c}})
	vars.set("resource", &Resource{Tags: map[string]string{}})
	for _, e := range []string{
		`container.memory + 1 > 0`, `resource.tags.team == ""`, `resource.tags["team"] == ""`, `container.environment[0].name == ""`,
		`container.image.substring(99) == ""`, `container.image.matches("(") `, `container.image.matches(container.name + "(")`,
	} {
		env, err := envFor(kindNamed("container"))
		if err != nil {
			t.Fatal(err)
		}
		ast, iss := env.Compile(e)
		if iss.Err() != nil {
			t.Fatalf("%s: %v", e, iss.Err())
		}
		n := compileNative(ast.NativeRep(), kindNamed("container").vars)
		if n == nil {
			if !strings.Contains(e, `"("`) { // a constant bad pattern is refused when compiled
				t.Errorf("%s: not compiled natively", e)
			}
			continue
		}
		if v, ok := n.run(&vars, nil); ok {
			t.Errorf("%s: native gave %v where cel-go gives an error", e, v)
		}
	}
}
