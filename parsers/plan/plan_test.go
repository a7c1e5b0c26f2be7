package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// parse reads one of the real plan fixtures (fixtures/plan/<scenario>).
func parse(t *testing.T, scenario, file string) (*lint.Unit, *lint.Context) {
	t.Helper()
	root := filepath.Join("..", "..", "fixtures", "plan", scenario)
	fsys, err := lint.NewFS([]string{root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx := lint.NewContext(fsys, lint.ParseOptions{})
	units, claimed := Parser{}.Parse(ctx, []string{filepath.Join(root, file)})
	if !claimed || len(units) != 1 {
		t.Fatalf("%s/%s: claimed %v, %d units, errors %v", scenario, file, claimed, len(units), ctx.Errors())
	}
	return units[0], ctx
}

func taskDefinition(t *testing.T, u *lint.Unit, name string) *lint.TaskDefinition {
	t.Helper()
	for _, td := range u.TaskDefinitions {
		if td.Name == name {
			return td
		}
	}
	t.Fatalf("no task definition %s", name)
	return nil
}

func TestClaimsPlansAndStatesOnly(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`{"format_version": "1.2", "planned_values": {}}`, true},
		{`{"format_version": "1.0", "values": {"root_module": {}}}`, true},
		{`{"format_version": "1.2"}`, false},
		{`{"name": "app", "version": "1.0.0"}`, false},
		{`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}`, false},
		{`["format_version"]`, false},
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, "x.json")
		if err := os.WriteFile(p, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		fsys, _ := lint.NewFS([]string{dir}, 0)
		_, claimed := Parser{}.Parse(lint.NewContext(fsys, lint.ParseOptions{}), []string{p})
		if claimed != c.want {
			t.Errorf("%s: claimed %v", c.src, claimed)
		}
	}
}

func TestModuleInstancesAndProviderDecoding(t *testing.T) {
	u, _ := parse(t, "module_for_each", "tfplan.json")
	worker := taskDefinition(t, u, `module.service["worker"].aws_ecs_task_definition.this`)
	if worker.ID != `module.service["worker"].aws_ecs_task_definition.this` || len(worker.Containers) != 1 {
		t.Fatalf("worker %+v", worker.Resource)
	}
	c := worker.Containers[0]
	if !c.Privileged.Known() || !c.Privileged.V {
		t.Errorf("worker privileged %+v", c.Privileged)
	}
	// In the escaped string, on the plan's line of the attribute.
	if c.Privileged.Range.File != "../../fixtures/plan/module_for_each/tfplan.json" || c.Privileged.Range.Start.Line != 229 {
		t.Errorf("privileged at %v", c.Privileged.Range)
	}
	api := taskDefinition(t, u, `module.service["api"].aws_ecs_task_definition.this`)
	if p := api.Containers[0].Privileged; !p.Known() || p.V {
		t.Errorf("api privileged %+v", p)
	}
	// The role comes from a nested module's output: linked through the
	// configuration's references, with the instance's module path.
	if ref := worker.TaskRoleArn.Ref(); ref != `module.service["worker"].module.role.aws_iam_role.this` {
		t.Errorf("task role ref %q (%+v)", ref, worker.TaskRoleArn)
	}
}

func TestUnknownValuesAreUnknown(t *testing.T) {
	u, ctx := parse(t, "unknown_values", "tfplan.json")
	td := taskDefinition(t, u, "aws_ecs_task_definition.from_repository")
	if td.ContainersState != lint.Unknown || len(td.Containers) != 0 {
		t.Errorf("containers %v, %d", td.ContainersState, len(td.Containers))
	}
	noted := false
	for _, n := range ctx.Notes() {
		noted = noted || strings.Contains(n.Message, "from_repository are not known until apply")
	}
	if !noted {
		t.Errorf("no note: %v", ctx.Notes())
	}
	for _, s := range u.Services {
		if s.TaskDefinition.State != lint.Unknown || s.TaskDefinition.Ref() == "" {
			t.Errorf("%s: task definition %+v, ref %q", s.Name, s.TaskDefinition, s.TaskDefinition.Ref())
		}
		for _, sg := range s.SecurityGroups {
			if sg.State != lint.Unknown {
				t.Errorf("%s: security group %+v", s.Name, sg)
			}
		}
	}
}

func TestDeletedResourcesAreNotChecked(t *testing.T) {
	u, _ := parse(t, "changes", "tfplan.json")
	for _, td := range u.TaskDefinitions {
		if td.Name == "aws_ecs_task_definition.old" {
			t.Errorf("deleted task definition read")
		}
	}
	for _, sg := range u.SecurityGroups {
		if strings.Contains(sg.Name, "legacy") {
			t.Errorf("deleted security group %s read", sg.Name)
		}
	}
	// The state the plan was made against has it.
	s, _ := parse(t, "changes", filepath.Join("prior", "state.json"))
	taskDefinition(t, s, "aws_ecs_task_definition.old")
}

func TestSensitiveValuesAreSecret(t *testing.T) {
	u, _ := parse(t, "sensitive_values", "tfplan.json")
	td := taskDefinition(t, u, "aws_ecs_task_definition.app")
	var found bool
	for _, e := range td.Containers[0].Environment {
		if e.Name.V == "DB_PASSWORD" {
			found = true
			o := e.Value.Origin()
			if o == nil || !o.Sensitive || o.Expr != "var.db_password" {
				t.Errorf("DB_PASSWORD origin %+v", o)
			}
		}
		if e.Name.V == "LOG_LEVEL" && e.Value.Origin() != nil {
			t.Errorf("LOG_LEVEL marked %+v", e.Value.Origin())
		}
	}
	if !found {
		t.Fatal("no DB_PASSWORD")
	}
}
