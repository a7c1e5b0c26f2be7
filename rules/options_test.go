package rules

import (
	"slices"
	"testing"

	"github.com/ecslint/ecslint/lint"
)

// run runs one rule over a unit with options and returns its findings.
func run(r lint.Rule, u *lint.Unit, opts map[string]any) []lint.Finding {
	var out []lint.Finding
	r.Check(lint.NewPass(r, u, opts, &out))
	return out
}

func known(s string) lint.String { return lint.KnownValue(s, lint.Range{}) }

func TestCapabilityOptions(t *testing.T) {
	u := &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{{Containers: []*lint.Container{{
		LinuxParameters: lint.LinuxParameters{CapabilitiesAdd: []lint.String{known("NET_ADMIN"), known("SYS_PTRACE")}},
	}}}}}
	if got := len(run(dangerousCapabilities{}, u, nil)); got != 2 {
		t.Errorf("defaults: %d findings, want 2", got)
	}
	if got := run(dangerousCapabilities{}, u, map[string]any{"allowed-capabilities": []any{"cap_net_admin"}}); len(got) != 1 ||
		got[0].Key != "linuxParameters.capabilities.add.SYS_PTRACE" {
		t.Errorf("allowed NET_ADMIN: %+v", got)
	}
}

func TestFargateVersionOption(t *testing.T) {
	u := &lint.Unit{Services: []*lint.Service{{LaunchType: known("FARGATE"), PlatformVersion: known("1.4.0")}}}
	if got := len(run(outdatedFargatePlatform{}, u, nil)); got != 0 {
		t.Errorf("1.4.0 by default: %d findings", got)
	}
	opts := map[string]any{"fargate-latest-versions": map[string]any{"linux": "1.5.0", "WINDOWS": "1.1.0"}}
	if got := len(run(outdatedFargatePlatform{}, u, opts)); got != 1 {
		t.Errorf("1.4.0 when 1.5.0 is latest: %d findings, want 1", got)
	}
}

func TestEKSMinimumVersionOption(t *testing.T) {
	u := &lint.Unit{EKSClusters: []*lint.EKSCluster{{Version: known("1.35")}}}
	if got := len(run(eksUnsupportedVersion{}, u, nil)); got != 0 {
		t.Errorf("1.35 by default: %d findings", got)
	}
	if got := len(run(eksUnsupportedVersion{}, u, map[string]any{"eks-minimum-version": "1.36"})); got != 1 {
		t.Errorf("1.35 below 1.36: %d findings, want 1", got)
	}
	old := &lint.Unit{EKSClusters: []*lint.EKSCluster{{Version: known("1.34")}}}
	if got := len(run(eksUnsupportedVersion{}, old, nil)); got != 1 {
		t.Errorf("1.34 by default: %d findings, want 1 (its standard support ended on 2026-12-02)", got)
	}
}

func TestImageTag(t *testing.T) {
	for ref, want := range map[string]string{
		"nginx": "", "nginx:1.27": "1.27", "localhost:5000/app": "", "localhost:5000/app:2": "2",
		"registry.example.com:443/team/app:latest": "latest",
	} {
		if tag, _ := imageTag(ref); tag != want {
			t.Errorf("imageTag(%q) = %q, want %q", ref, tag, want)
		}
	}
	if _, digest := imageTag("nginx@sha256:abc"); !digest {
		t.Error("digest not recognised")
	}
}

func TestRootUser(t *testing.T) {
	for spec, want := range map[string]bool{
		"root": true, "0": true, "0:0": true, "root:staff": true, "0:1000": true,
		"1000": false, "1000:0": false, "rootless": false, "nobody": false,
	} {
		if got := isRootUser(spec); got != want {
			t.Errorf("isRootUser(%q) = %v", spec, got)
		}
	}
}

func TestSecretNamePatternsOption(t *testing.T) {
	u := &lint.Unit{TaskDefinitions: []*lint.TaskDefinition{{Containers: []*lint.Container{{
		Environment: []lint.KeyValue{{Name: known("APP_HUSH_WORD"), Value: known("swordfish")}},
	}}}}}
	if got := len(run(secretInEnvironment{}, u, nil)); got != 0 {
		t.Errorf("APP_HUSH_WORD by default: %d findings", got)
	}
	// The option's words match in any case, like the built-in ones.
	if got := run(secretInEnvironment{}, u, map[string]any{"secret-name-patterns": []any{"hush"}}); len(got) != 1 ||
		got[0].Key != "environment.APP_HUSH_WORD" {
		t.Errorf("secret-name-patterns [hush]: %+v", got)
	}
}

func TestRequiredTagsOption(t *testing.T) {
	tags := func(kvs ...string) lint.Tags {
		tt := lint.Tags{Presence: lint.Presence{State: lint.Known}}
		for i := 0; i+1 < len(kvs); i += 2 {
			tt.Items = append(tt.Items, lint.KeyValue{Name: known(kvs[i]), Value: known(kvs[i+1])})
		}
		return tt
	}
	u := &lint.Unit{
		Clusters:        []*lint.Cluster{{Resource: lint.Resource{Name: "system-only"}, Tags: tags("aws:cloudformation:stack-name", "app")}},
		TaskDefinitions: []*lint.TaskDefinition{{Resource: lint.Resource{Name: "owned"}, Tags: tags("Owner", "payments", "Environment", "dev")}},
		EKSClusters:     []*lint.EKSCluster{{Resource: lint.Resource{Name: "untagged"}}},
	}
	msgs := func(opts map[string]any) []string {
		var out []string
		for _, f := range run(missingRequiredTags{}, u, opts) {
			out = append(out, f.Message)
		}
		return out
	}
	if got, want := msgs(nil), []string{`cluster "system-only" has no tags`, `EKS cluster "untagged" has no tags`}; !slices.Equal(got, want) {
		t.Errorf("no keys required: %q, want %q", got, want)
	}
	got := msgs(map[string]any{"required-tags": map[string]any{"Owner": "", "Environment": "production, staging"}})
	want := []string{
		`cluster "system-only" has no "Environment" tag`, `cluster "system-only" has no "Owner" tag`,
		`task definition "owned" has tag "Environment" = "dev", not one of production, staging`,
		`EKS cluster "untagged" has no "Environment" tag`, `EKS cluster "untagged" has no "Owner" tag`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Owner and Environment required:\n got %q\nwant %q", got, want)
	}
	u.TaskDefinitions[0].Tags.Items[1].Name = lint.String{State: lint.Unknown}
	if got := msgs(map[string]any{"required-tags": map[string]any{"Environment": "production"}}); len(got) != 2 {
		t.Errorf("a tag whose key is unknown may be the required one: %q", got)
	}
}

func TestEKSLogTypesOption(t *testing.T) {
	u := &lint.Unit{EKSClusters: []*lint.EKSCluster{{Logging: lint.Presence{State: lint.Known},
		LogTypes: []lint.String{known("api"), known("audit")}}}}
	if got := run(eksAuditLoggingDisabled{}, u, nil); len(got) != 0 {
		t.Errorf("audit enabled, default: %+v", got)
	}
	got := run(eksAuditLoggingDisabled{}, u, map[string]any{"required-log-types": []any{"api", "audit", "scheduler", "authenticator"}})
	if len(got) != 2 || got[0].Key != "logging.scheduler" || got[1].Key != "logging.authenticator" {
		t.Errorf("scheduler and authenticator missing: %+v", got)
	}
}

func TestCriticalHostPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/var/run": true, "/run": true, "/var/run/": true, "/var/run/docker.sock": true,
		"/run/containerd": true, "/var": true, "/var/lib/docker/volumes": true, "/etc/passwd": true,
		"/var/log": false, "/var/run/app": false, "/data": false, "/run/user": false, "/etcetera": false,
	} {
		if got := isCriticalHostPath(p); got != want {
			t.Errorf("isCriticalHostPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestCredentialFormatJWT(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFwcCJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	if what, _ := credentialFormat(jwt); what != "a JSON Web Token" {
		t.Errorf("JWT: %q", what)
	}
	for _, v := range []string{"eyJhbGciOiJIUzI1NiJ9", "header.payload.signature", "1.2.3"} {
		if what, _ := credentialFormat(v); what != "" {
			t.Errorf("%q looks like %s", v, what)
		}
	}
}

func TestPatternTag(t *testing.T) {
	for _, c := range []struct {
		tail, tag  string
		digest, ok bool
	}{
		{":latest", "latest", false, true},
		{".dkr.ecr.eu-west-1.amazonaws.com/app", "", false, true},
		{"/team/app:1.2", "1.2", false, true},
		{":5000/app", "", false, true},
		{"@sha256:abc", "", true, true},
		{"", "", false, false},
		{"app", "", false, false},
		{":latest-x", "latest-x", false, true},
	} {
		tag, digest, ok := patternTag(c.tail)
		if tag != c.tag || digest != c.digest || ok != c.ok {
			t.Errorf("patternTag(%q) = %q, %v, %v; want %q, %v, %v", c.tail, tag, digest, ok, c.tag, c.digest, c.ok)
		}
	}
}

func TestWrites(t *testing.T) {
	for action, want := range map[string]bool{
		"*": true, "s3:*": true, "s3:Put*": true, "s3:PutObject": true, "dynamodb:*Item": true, "sqs:SendMessage": true,
		"iam:PassRole": true, "s3:Get?bject": true,
		"s3:GetObject": false, "s3:ListBucket": false, "ec2:DescribeInstances": false, "dynamodb:Query": false,
		"dynamodb:BatchGetItem": false, "sqs:ReceiveMessage": false, "s3:getobject": false,
	} {
		if got := writes(action); got != want {
			t.Errorf("writes(%q) = %v, want %v", action, got, want)
		}
	}
}

// TestSecurityHubControlsMapped: every control a rule names is in the
// catalogue the docs index lists, and every control listed is judged by a
// rule or says why not.
func TestSecurityHubControlsMapped(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range lint.SecurityHubControls {
		if listed[c.ID] {
			t.Errorf("%s listed twice", c.ID)
		}
		listed[c.ID] = true
		judged := false
		for _, r := range All() {
			judged = judged || slices.Contains(r.Meta().Controls, c.ID)
		}
		if !judged && c.Note == "" {
			t.Errorf("%s: no rule judges it and no note says why", c.ID)
		}
	}
	for _, r := range All() {
		for _, c := range r.Meta().Controls {
			if !listed[c] {
				t.Errorf("%s names %s, which lint.SecurityHubControls does not list", r.Meta().ID, c)
			}
		}
	}
}
