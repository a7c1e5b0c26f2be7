package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/ecslint/ecslint/cmd/ecslint/internal/corpus"
	"github.com/ecslint/ecslint/lint"
)

// positionSpec says what source text a rule's findings may start at. A
// finding passes when the text at its start matches any of the allowed
// forms. A new rule adds its entry to positionSpecs; a finding of a rule
// without one fails the test.
type positionSpec struct {
	// keys returns the keys the finding may point at; by default the last
	// segment of Finding.Key. A key matches quoted or not, and
	// case-insensitively (CloudFormation spells keys in PascalCase), but
	// must end there: "value" does not match "valueFrom".
	keys func(f lint.Finding) []string
	// values are prefixes of the value text the finding may point at
	// instead: a Fn::If branch is reported at the branch, not the key.
	values []string
	// redacted allows the start of one of the finding's redacted values.
	redacted bool
	// container allows the start of a container definition, where
	// findings about an absent key point.
	container bool
	// parent allows the key of the object that lacks the key (the
	// segment before the last of Finding.Key): logConfiguration for an
	// absent logConfiguration.logDriver.
	parent bool
	// resource allows the start of the finding's resource declaration
	// (ResourceRange): the logical ID key in CloudFormation, the
	// resource "TYPE" "NAME" or module "x" header in Terraform. Findings
	// about a key a resource lacks point there.
	resource bool
	// module allows the header of the Terraform module call that produced
	// the resource or the container, where findings about a module's own
	// defaults point: the text must start with `module "` and be the
	// resource's declaration or a container definition.
	module bool
	// items returns the list items the finding may point at: the start
	// of an element of a list (after "[", "," or a YAML "- ") whose text,
	// quoted or not and in any case, is one of them and ends there. An
	// empty string allows any element (a schema violation at an index),
	// but still only at its first character.
	items func(f lint.Finding) []string
	// computed allows, with items, a list element written as a function
	// call (upper(join("_", ["sys", "admin"]))): the expression whose
	// value the finding names.
	computed bool
	// prefixes are other text the finding may point at.
	prefixes []string
}

var positionSpecs = map[string]positionSpec{
	// At the offending key or list element, or at the object that lacks
	// a required key: its key, or the list element (a container, a
	// secretOptions entry).
	// ECS000's own checks beside the schema: at cpu or memory, or at the
	// FARGATE that requires them; at an awslogs option, or at the options
	// (or the logConfiguration) that lack one.
	"ECS000": {keys: schemaKeys, items: schemaItems, module: true},
	"ECS001": {values: []string{"true"}},
	"ECS002": {values: []string{"host"}},
	// At the module call when networkMode is the module's default.
	"ECS003": {values: []string{"host"}, module: true},
	// Terraform's volume block spells host.sourcePath host_path.
	"ECS004": {keys: func(lint.Finding) []string { return []string{"sourcePath", "host_path"} }, values: []string{"/"}},
	// At the environment entry's "value" key, or at the value of the
	// branch that holds the secret; at "name" when the value is not set;
	// at the variable's own key in a map (cloudposse map_environment).
	// Secret references point at valueFrom or credentialsParameter.
	"ECS005": {keys: secretKeys, redacted: true},
	"ECS006": {container: true, parent: true},
	// At readonlyRootFilesystem (or its false branch), or at the
	// container that does not set it.
	"ECS007": {values: []string{"false"}, container: true},
	// At user, or at the container that does not set it.
	"ECS008": {container: true},
	"ECS009": {container: true},
	"ECS010": {},
	// At the capability in linuxParameters.capabilities.add.
	"ECS011": {keys: noKeys, computed: true, items: func(f lint.Finding) []string {
		c := lastSegment(f.Key)
		return []string{c, "CAP_" + c}
	}},
	// At transitEncryption, or at the efsVolumeConfiguration without it.
	"ECS012": {parent: true},
	// At the task definition's taskRoleArn.
	"ECS013": {},
	// At the module call when the image is the module's default.
	"ECS014": {module: true},
	"ECS015": {container: true},
	// At the tags (or the tag whose value is not allowed), or at the
	// resource without any.
	"ECS016": {keys: func(lint.Finding) []string { return []string{"tags"} }, resource: true},
	// At the task definition's taskRoleArn.
	"ECS017": {},
	// At the container that has no health check.
	"ECS018": {container: true},
	"ECS101": {values: []string{"ENABLED"}},
	// At the open CIDR: an item of a list of CIDRs, or the key of a
	// single-CIDR ingress (CloudFormation CidrIp, Terraform cidr_ipv4).
	"ECS102": {keys: func(lint.Finding) []string { return []string{"cidrIp", "cidrIpv6", "cidr_ipv4", "cidr_ipv6"} },
		items: func(f lint.Finding) []string { return []string{strings.TrimPrefix(f.Key, "ingress.")} }},
	"ECS103": {},
	// At the service's role (iam_role).
	"ECS104": {keys: func(lint.Finding) []string { return []string{"role", "iam_role"} }},
	// At the containerInsights setting's value, or at the cluster without it.
	"ECS201": {keys: func(lint.Finding) []string { return []string{"value"} }, resource: true},
	// At logging, kmsKeyId or an encryption flag, or at the
	// executeCommandConfiguration (or the log destination) without it.
	"ECS202": {keys: func(f lint.Finding) []string {
		return []string{lastSegment(f.Key), "executeCommandConfiguration", "execute_command_configuration",
			"cloudWatchLogGroupName", "cloud_watch_log_group_name", "s3BucketName", "s3_bucket_name", "s3_bucket_encryption_enabled"}
	}},
	// At managedTerminationProtection, or at the autoScalingGroupProvider
	// without it.
	"ECS203": {keys: func(lint.Finding) []string {
		return []string{"managedTerminationProtection", "autoScalingGroupProvider", "auto_scaling_group_provider"}
	}, values: []string{"DISABLED"}},
	// At the service.
	"ECS301": {keys: noKeys, resource: true},
	// At endpointPublicAccess (before v21 terraform-aws-modules/eks calls
	// it cluster_endpoint_public_access), or at the cluster that leaves it
	// to its default; at the 0.0.0.0/0 item of publicAccessCidrs.
	"EKS001": {keys: func(f lint.Finding) []string {
		if f.Key == "publicAccessCidrs" {
			return nil
		}
		return []string{f.Key, "cluster_endpoint_public_access"}
	}, items: func(f lint.Finding) []string {
		if f.Key == "publicAccessCidrs" {
			return []string{"0.0.0.0/0"}
		}
		return nil
	}, resource: true},
	// At encryptionConfig (a Terraform dynamic block's header), or at the
	// cluster without it.
	"EKS002": {resource: true, prefixes: []string{`dynamic "encryption_config"`}},
	// At version, or at the terraform-aws-modules/eks argument that set it
	// (cluster_version before v21, kubernetes_version from v21).
	"EKS003": {keys: func(lint.Finding) []string { return []string{"version", "cluster_version", "kubernetes_version"} }},
	// At the list of enabled log types (or the terraform-aws-modules/eks
	// argument that set it), or at the cluster without one.
	"EKS004": {keys: func(lint.Finding) []string {
		return []string{"enabledTypes", "enabled_cluster_log_types", "cluster_enabled_log_types", "enabled_log_types"}
	}, resource: true},
	// At the SSH key of remoteAccess.
	"EKS005": {keys: func(lint.Finding) []string { return []string{"ec2SshKey", "ec2_ssh_key"} }},
	"EKS006": {},
	// Where EKS001 points: the public endpoint's setting or open CIDR.
	"EKS301": {keys: func(lint.Finding) []string { return []string{"endpointPublicAccess", "cluster_endpoint_public_access"} },
		items: func(lint.Finding) []string { return []string{"0.0.0.0/0"} }, resource: true},
	// Suppression problems point at the comment or the Metadata entry.
	"SUP001": {keys: noKeys, prefixes: []string{"#", "//", "rule:", "- rule:", "{"}},
}

func noKeys(lint.Finding) []string { return nil }

// secretKeys are the keys an ECS005 finding may point at.
func secretKeys(f lint.Finding) []string {
	if name, ok := strings.CutPrefix(f.Key, "environment."); ok {
		keys := []string{"value", "name", name}
		// A module caller's argument that a sensitive variable holds.
		if _, rest, ok := strings.Cut(f.Message, ".var."); ok {
			if arg, _, ok := strings.Cut(rest, ","); ok {
				keys = append(keys, arg)
			}
		}
		return keys
	}
	return []string{lastSegment(f.Key)}
}

// schemaPath splits an ECS000 key ("schema.containerDefinitions/0/image")
// into its JSON-pointer segments.
func schemaPath(f lint.Finding) []string {
	return strings.Split(strings.TrimPrefix(f.Key, "schema."), "/")
}

// isIndex reports whether a segment names a list element: by index, or
// by its name in brackets ("[app]": a named container, secret or
// variable, so that a baseline survives an element inserted above).
func isIndex(seg string) bool {
	return seg != "" && strings.Trim(seg, "0123456789") == "" || len(seg) > 2 && seg[0] == '[' && seg[len(seg)-1] == ']'
}

// schemaSubject is the path segment an ECS000 finding is about: the
// last, or for a required key that is absent the one before it, the
// object that lacks it.
func schemaSubject(f lint.Finding) string {
	path := schemaPath(f)
	if strings.HasSuffix(f.Message, ", which is required") && len(path) > 1 {
		return path[len(path)-2]
	}
	return path[len(path)-1]
}

// schemaKeys is the subject when it is a key.
func schemaKeys(f lint.Finding) []string {
	switch {
	case strings.HasPrefix(f.Key, "fargate/no-"):
		return nil
	case strings.HasPrefix(f.Key, "fargate/"):
		return []string{strings.TrimPrefix(f.Key, "fargate/")}
	case f.Key == "awslogs/options":
		return []string{"options", "logConfiguration"}
	case strings.HasPrefix(f.Key, "awslogs/"):
		return []string{strings.TrimPrefix(f.Key, "awslogs/options/")}
	}
	if seg := schemaSubject(f); !isIndex(seg) {
		return []string{seg}
	}
	return nil
}

// schemaItems allows any list element when the subject is an index: a
// bad element, or an element (a container, a secret) that lacks a key.
func schemaItems(f lint.Finding) []string {
	if strings.HasPrefix(f.Key, "fargate/no-") {
		return []string{"FARGATE"}
	}
	if strings.HasPrefix(f.Key, "fargate/") || strings.HasPrefix(f.Key, "awslogs/") {
		return nil
	}
	if isIndex(schemaSubject(f)) {
		return []string{""}
	}
	return nil
}

// checkedDirs are fixture directories each format's findings come from;
// the test fails if the walk stops reaching one.
var checkedDirs = []string{
	"fixtures/json/", "fixtures/cloudformation/", "fixtures/terraform/", "fixtures/terraform/modules/",
}

// containerSpy is a rule that records where every container definition
// starts, so that absent-key findings can be checked against the model.
type containerSpy struct {
	mu     sync.Mutex
	starts map[string]map[lint.Pos]bool
}

var spyMeta = lint.Meta{ID: "SPY000", Name: "container-spy", Severity: lint.Low}

func (s *containerSpy) Meta() *lint.Meta { return &spyMeta }
func (s *containerSpy) Check(p *lint.Pass) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Unit.EachContainer(func(_ *lint.TaskDefinition, c *lint.Container) {
		if s.starts[c.Range.File] == nil {
			s.starts[c.Range.File] = map[lint.Pos]bool{}
		}
		s.starts[c.Range.File][c.Range.Start] = true
	})
}

func TestFindingPositionsPointAtTheirSubject(t *testing.T) {
	// The fixtures, and a generated corpus for the shapes they lack.
	gen := t.TempDir()
	if _, err := corpus.Generate(gen, 300, 3); err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	spy := &containerSpy{starts: map[string]map[lint.Pos]bool{}}
	cfg := testConfig()
	// Every rule, those off by default too.
	cfg.Rules = append(allRules(), spy)
	res, err := lint.Run(cfg, []string{"fixtures", gen})
	if err != nil {
		t.Fatal(err)
	}
	findings := append([]lint.Finding(nil), res.Findings...)
	for _, s := range res.Suppressed {
		findings = append(findings, s.Finding)
	}
	if len(findings) < 300 {
		t.Fatalf("only %d findings over fixtures/ and the corpus: is the working directory right?", len(findings))
	}
	sources := map[string][]byte{}
	checked := map[string]int{}
	for _, f := range findings {
		spec, ok := positionSpecs[f.RuleID]
		if !ok {
			t.Errorf("%s: no positionSpec for rule %s; add one", f.Range, f.RuleID)
			continue
		}
		src, ok := sources[f.Range.File]
		if !ok {
			if src, err = os.ReadFile(filepath.FromSlash(f.Range.File)); err != nil {
				t.Fatal(err)
			}
			sources[f.Range.File] = src
		}
		text, prev, ok := textAt(src, f.Range.Start)
		if !ok {
			t.Errorf("%s: %s points outside the file", f.Range, f.RuleID)
			continue
		}
		if computedJSON(src, f.Range.Start, text) {
			// JSON a function computed (replace(file(...), ...)) has no
			// lines of its own: its findings point at the call.
			checked[f.RuleID]++
			continue
		}
		if why := spec.check(f, text, prev, spy.starts[f.Range.File][f.Range.Start]); why != "" {
			t.Errorf("%s: %s (%s) points at %.40q: %s", f.Range, f.RuleID, f.Key, text, why)
		}
		checked[f.RuleID]++
		for _, dir := range checkedDirs {
			if strings.HasPrefix(f.Range.File, dir) {
				checked[dir]++
			}
		}
	}
	for id := range positionSpecs {
		if checked[id] == 0 {
			t.Errorf("no finding of %s in fixtures/ to check its positions", id)
		}
	}
	for _, dir := range checkedDirs {
		if checked[dir] == 0 {
			t.Errorf("no finding in %s: the walk missed it", dir)
		}
	}
}

// check returns why text (the source from the finding's start to the end
// of its line; prev is the last character before it that is not white
// space) is not what the finding is about, or "".
var functionCall = regexp.MustCompile(`^[a-z][a-z0-9_]*\(`)

// containerDefinitionsAttr ends the text of a line before the value of a
// Terraform container_definitions attribute.
var containerDefinitionsAttr = regexp.MustCompile(`^\s*container_definitions\s*=\s*$`)

// computedJSON reports whether the finding at p points at a function call
// that computes a container_definitions attribute's JSON (other than
// jsonencode, whose keys keep their own positions).
func computedJSON(src []byte, p lint.Pos, text string) bool {
	if !functionCall.MatchString(text) || strings.HasPrefix(text, "jsonencode(") {
		return false
	}
	lines := bytes.Split(src, []byte("\n"))
	if int(p.Line) > len(lines) {
		return false
	}
	line := []rune(string(lines[p.Line-1]))
	if int(p.Col)-1 > len(line) {
		return false
	}
	return containerDefinitionsAttr.MatchString(string(line[:p.Col-1]))
}

func (s positionSpec) check(f lint.Finding, text string, prev byte, atContainer bool) string {
	keys := []string{lastSegment(f.Key)}
	if s.keys != nil {
		keys = s.keys(f)
	}
	if s.parent {
		if i := strings.LastIndexByte(f.Key, '.'); i > 0 {
			keys = append(keys, lastSegment(f.Key[:i]))
		}
	}
	for _, k := range keys {
		if startsWithKey(text, k) {
			return ""
		}
	}
	unquoted := strings.TrimLeft(text, `"'`)
	if unquoted == text && (prev == '"' || prev == '\'') {
		unquoted = "" // inside a quoted string, not at its value
	}
	for _, v := range s.values {
		if strings.HasPrefix(strings.ToLower(unquoted), strings.ToLower(v)) {
			return ""
		}
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(text, p) {
			return ""
		}
	}
	if s.items != nil && strings.ContainsRune("[,-", rune(prev)) && text != "" && !strings.ContainsRune(" \t,]", rune(text[0])) {
		for _, it := range s.items(f) {
			if it == "" || startsWithItem(text, it) {
				return ""
			}
		}
		if s.computed && functionCall.MatchString(text) {
			return ""
		}
	}
	if s.redacted {
		for _, r := range f.Redact {
			if r.File == f.Range.File && r.Start == f.Range.Start {
				return ""
			}
		}
	}
	if s.container && atContainer {
		return ""
	}
	atResource := f.ResourceRange.File == f.Range.File && f.ResourceRange.Start == f.Range.Start
	if s.resource && atResource {
		return ""
	}
	if s.module && (atResource || atContainer) && strings.HasPrefix(text, `module "`) {
		return ""
	}
	return "neither the key " + strings.Join(keys, " or ") + " nor anything else its spec allows"
}

func lastSegment(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// startsWithKey reports text that starts with key, quoted or not, in any
// case and with or without underscores, followed by the end of the key.
// Quoted means "key", 'key' or, inside a Terraform string, \"key\".
func startsWithKey(text, key string) bool {
	if key == "" {
		return false
	}
	quote := ""
	switch {
	case strings.HasPrefix(text, `\"`):
		// A key inside a quoted JSON string in a .tf file:
		// "[{\"privileged\": true}]".
		quote = text[:2]
		text = text[2:]
	case text != "" && (text[0] == '"' || text[0] == '\''):
		quote = text[:1]
		text = text[1:]
	}
	// Compare without underscores: Terraform's snake_case (pid_mode) is
	// the same key as pidMode.
	n := 0
	for i, want := 0, strings.ReplaceAll(key, "_", ""); i < len(want); n++ {
		if n >= len(text) {
			return false
		}
		if text[n] == '_' {
			continue
		}
		if !strings.EqualFold(text[n:n+1], want[i:i+1]) {
			return false
		}
		i++
	}
	rest := text[n:]
	if quote != "" {
		return strings.HasPrefix(rest, quote)
	}
	return rest == "" || strings.ContainsAny(rest[:1], ": \t=")
}

// startsWithItem reports text that starts with a list element item,
// quoted or not, in any case, followed by the end of the element.
func startsWithItem(text, item string) bool {
	quote := ""
	if text != "" && (text[0] == '"' || text[0] == '\'') {
		quote = text[:1]
		text = text[1:]
	}
	if len(text) < len(item) || !strings.EqualFold(text[:len(item)], item) {
		return false
	}
	rest := text[len(item):]
	if quote != "" {
		return strings.HasPrefix(rest, quote)
	}
	return rest == "" || strings.ContainsAny(rest[:1], ",] \t}")
}

// textAt returns the rest of the line at a position (columns count code
// points; CRLF and lone CR end lines, as the parsers count them), and the
// last character before it that is not white space (0 at the file's start).
func textAt(src []byte, p lint.Pos) (string, byte, bool) {
	line := 1
	off := 0
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for line < int(p.Line) {
		i := bytes.IndexAny(src[off:], "\r\n")
		if i < 0 {
			return "", 0, false
		}
		off += i + 1
		if src[off-1] == '\r' && off < len(src) && src[off] == '\n' {
			off++
		}
		line++
	}
	for col := int32(1); col < p.Col; col++ {
		if off >= len(src) || src[off] == '\n' || src[off] == '\r' {
			return "", 0, false
		}
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	end := bytes.IndexAny(src[off:], "\r\n")
	if end < 0 {
		end = len(src) - off
	}
	var prev byte
	if before := bytes.TrimRight(src[:off], " \t\r\n"); len(before) > 0 {
		prev = before[len(before)-1]
	}
	return string(src[off : off+end]), prev, true
}
