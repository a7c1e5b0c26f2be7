package main

import (
	"strings"
	"testing"
)

// An image the plan does not know yet (from a repository created in the
// same run) makes the whole container_definitions unknown: the plan says
// so in a note at the task definition, with --verbose, and ECS014 makes no
// finding, while the known images beside it are judged.
func TestPlanUnknownImageIsANoteNotAFinding(t *testing.T) {
	t.Chdir("../..")
	const plan = "fixtures/plan/ecs014_ok_unknown_image/tfplan.json"
	code, stdout, stderr := run(t, "", "--color", "never", "--verbose", plan)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (ECS006 on the known containers)\n%s%s", code, ExitFindings, stdout, stderr)
	}
	const note = plan + ":167:11: note: the container definitions of aws_ecs_task_definition.from_repository are not known until apply; they are not checked"
	if !strings.Contains(stdout+stderr, note) {
		t.Errorf("no note %q in:\n%s%s", note, stdout, stderr)
	}
	if strings.Contains(stdout, "ECS014") {
		t.Errorf("ECS014 reported on an unknown or pinned image:\n%s", stdout)
	}
	if !strings.Contains(stdout, `container "suffixed" has no logConfiguration`) {
		t.Errorf("the known containers were not checked:\n%s", stdout)
	}
}
