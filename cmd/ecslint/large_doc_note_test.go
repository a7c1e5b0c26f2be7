package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestOversizedDocumentIsNotedNotPassed: a task definition too large to
// validate against the schema says so in a note, instead of passing
// ECS000 silently.
func TestOversizedDocumentIsNotedNotPassed(t *testing.T) {
	var env strings.Builder
	for i := range 40_000 {
		if i > 0 {
			env.WriteString(",")
		}
		fmt.Fprintf(&env, `{"name":"V%d","value":"x"}`, i)
	}
	repo(t, map[string]string{"td.json": `{"family": "big", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "environment": [` + env.String() + `]}]}`})
	_, stdout, _ := run(t, "", "--format", "json", "--only", "ECS000", "td.json")
	if !strings.Contains(stdout, `ECS000: task definition \"big\" has more than 100000 values (aliases counted each time they are used); it is not checked against the ECS schema`) {
		t.Errorf("no note that the document was not validated: %.600s", stdout)
	}
}
