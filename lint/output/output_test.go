package output_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/lint/output"
	"github.com/ecslint/ecslint/parsers/taskdef"
	"github.com/ecslint/ecslint/rules"
)

// enabledRules are the rules the command line runs when no config enables
// more: a rule off by default adds no findings to the goldens.
func enabledRules() []lint.Rule {
	var out []lint.Rule
	for _, r := range rules.All() {
		if !r.Meta().Disabled {
			out = append(out, r)
		}
	}
	return out
}

var update = flag.Bool("update", false, "rewrite golden files in testdata")

const secretValue = "hunter2-very-secret"

// run lints the test sources from inside testdata, so paths are relative
// as a user in a repository would see them.
func run(t *testing.T, paths ...string) *lint.Result {
	t.Helper()
	t.Chdir("testdata")
	res, err := lint.Run(lint.Options{Parsers: []lint.Parser{taskdef.Parser{}}, Rules: enabledRules(), Workers: 1}, paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("test input produced no findings")
	}
	return res
}

func format(t *testing.T, name string, res *lint.Result) []byte {
	t.Helper()
	return formatWith(t, name, res, output.Options{Rules: enabledRules(), Version: "1.2.3", BaseDir: "/repo"})
}

func formatWith(t *testing.T, name string, res *lint.Result, opts output.Options) []byte {
	t.Helper()
	f, err := output.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(secretValue)) {
		t.Errorf("%s output contains the secret value", name)
	}
	return buf.Bytes()
}

func stepSummary(t *testing.T, res *lint.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := output.StepSummary(&buf, res); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(secretValue)) {
		t.Error("the step summary contains the secret value")
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("golden", name) // relative to testdata (run changed into it)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden file (go test ./lint/output -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	res := run(t, "src")
	out := format(t, "sarif", res)
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %#v", err)
	}
	// A document the schema must reject shows that validation is real.
	if err := schema.Validate(map[string]any{"version": "2.1.0", "runs": []any{map[string]any{"results": []any{}}}}); err == nil {
		t.Fatal("schema accepted a run without a tool")
	}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string
					HelpURI    string
					Help       struct{ Text string }
					Properties map[string]any
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Invocations        []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string
						URIBaseID string `json:"uriBaseId"`
					}
					Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
		}
		ColumnKind string
	}
}

func decodeSARIF(t *testing.T, b []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(d.Runs))
	}
	return d
}

func TestSARIFContent(t *testing.T) {
	res := run(t, "src")
	d := decodeSARIF(t, format(t, "sarif", res))
	r := d.Runs[0]
	if r.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", r.ColumnKind)
	}
	if got := r.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///repo/" {
		t.Errorf("%%SRCROOT%% = %q, want file:///repo/", got)
	}
	for _, rule := range r.Tool.Driver.Rules {
		if rule.HelpURI == "" || rule.Help.Text == "" || rule.Properties["security-severity"] == nil {
			t.Errorf("rule %s lacks help, helpUri or security-severity", rule.ID)
		}
	}
	if len(r.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(r.Results), len(res.Findings))
	}
	for i, got := range r.Results {
		f := res.Findings[i]
		if r.Tool.Driver.Rules[got.RuleIndex].ID != got.RuleID {
			t.Errorf("result %d: ruleIndex %d names %s, not %s", i, got.RuleIndex, r.Tool.Driver.Rules[got.RuleIndex].ID, got.RuleID)
		}
		loc := got.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != "src/bad.json" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: location %+v, want src/bad.json relative to %%SRCROOT%%", i, loc.ArtifactLocation)
		}
		if loc.Region.StartLine != int(f.Range.Start.Line) || loc.Region.StartColumn != int(f.Range.Start.Col) ||
			loc.Region.EndLine != int(f.Range.End.Line) || loc.Region.EndColumn != int(f.Range.End.Col) {
			t.Errorf("result %d: region %+v, finding at %+v", i, loc.Region, f.Range)
		}
		if got.PartialFingerprints["ecslintFindingHash/v1"] != f.Fingerprint() {
			t.Errorf("result %d: fingerprint %v", i, got.PartialFingerprints)
		}
	}
	inv := r.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Level != "error" {
		t.Errorf("the broken file should be one error notification: %+v", inv)
	}
}

// TestFingerprintsSurviveEdits: inserting lines above a finding moves it but
// keeps its fingerprint, so code scanning and baselines see the same alert.
func TestFingerprintsSurviveEdits(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/src/bad.json")
	if err != nil {
		t.Fatal(err)
	}
	lintOne := func(content string) map[string]int {
		if err := os.WriteFile(filepath.Join(dir, "td.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := lint.Run(lint.Options{Parsers: []lint.Parser{taskdef.Parser{}}, Rules: enabledRules(), Workers: 1}, []string{filepath.Join(dir, "td.json")})
		if err != nil {
			t.Fatal(err)
		}
		prints := map[string]int{}
		for _, f := range res.Findings {
			prints[f.Fingerprint()] = int(f.Range.Start.Line)
		}
		return prints
	}
	before := lintOne(string(src))
	after := lintOne(strings.Replace(string(src), `"family": "web",`, "\"family\": \"web\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", 1))
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("fingerprints before %v, after %v", before, after)
	}
	for fp, line := range before {
		if after[fp] != line+2 {
			t.Errorf("fingerprint %s: line %d before, %d after (want %d)", fp, line, after[fp], line+2)
		}
	}
}

func TestGitHubGolden(t *testing.T) {
	res := run(t, "src")
	got := format(t, "github", res)
	golden(t, "github.txt", got)
	if !bytes.Contains(got, []byte("::error file=src/bad.json,line=")) {
		t.Errorf("no error annotation:\n%s", got)
	}
}

func TestJUnitGolden(t *testing.T) {
	res := run(t, "src")
	golden(t, "junit.xml", format(t, "junit", res))
}

func TestGitHubEscaping(t *testing.T) {
	res := &lint.Result{Findings: []lint.Finding{{
		RuleID: "ECS001", RuleName: "x", Severity: lint.Medium, Message: "100% bad\nreally",
		Range: lint.Range{File: "a,b:c.json", Start: lint.Pos{Line: 2, Col: 3}, End: lint.Pos{Line: 4, Col: 1}},
	}}}
	var buf bytes.Buffer
	if err := (output.GitHub{}).Format(&buf, res, output.Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=a%2Cb%3Ac.json,line=2,col=3,endLine=4,title=ECS001 x (medium)::100%25 bad%0Areally\n" +
		"ecslint: 1 finding (1 medium) in 0 files checked\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

// TestSuppressedFindings: SARIF lists suppressed findings marked with their
// kind and reason (valid against the schema); no format shows a suppressed
// secret, even on a line another finding displays.
func TestSuppressedFindings(t *testing.T) {
	t.Chdir("testdata")
	res, err := lint.Run(lint.Options{
		Parsers: []lint.Parser{taskdef.Parser{}}, Rules: enabledRules(), Workers: 1,
		Suppress: &lint.SuppressConfig{Ignores: []lint.ConfigIgnore{{Path: "src/*.json", Suppression: lint.Suppression{Rule: "secret-in-environment", Reason: "test credentials"}}}},
	}, []string{"src/bad.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suppressed) != 1 || res.Suppressed[0].Finding.RuleID != "ECS005" || len(res.Suppressed[0].Finding.Redact) == 0 {
		t.Fatalf("want the ECS005 finding suppressed: %+v", res.Suppressed)
	}
	// Another finding on the secret's line: its snippet must stay masked.
	other := res.Suppressed[0].Finding
	other.RuleID, other.RuleName, other.Redact, other.Message = "ECS999", "other", nil, "something else"
	res.Findings = append(res.Findings, other)
	for _, name := range output.Names() {
		format(t, strings.Trim(name, `"`), res) // fails on the secret
	}
	out := format(t, "sarif", res)
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("invalid SARIF: %#v", err)
	}
	if !bytes.Contains(out, []byte(`"suppressions": [`)) || !bytes.Contains(out, []byte(`"kind": "external"`)) ||
		!bytes.Contains(out, []byte(`"justification": "test credentials"`)) {
		t.Errorf("SARIF lacks the suppression:\n%s", out)
	}
}

// A minified task definition is one long line: each finding shows a window
// of it around the key, with the caret still under the key, never the
// whole line.
func TestTextSnippetOfALongLine(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"family": "min", "containerDefinitions": [`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"name": "c%d", "image": "x", "privileged": true, "logConfiguration": {"logDriver": "awslogs"}, "environment": [{"name": "DB_PASSWORD", "value": "%s-%d"}]}`, i, secretValue, i)
	}
	b.WriteString("]}")
	if err := os.WriteFile(filepath.Join(dir, "min.json"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	res, err := lint.Run(lint.Options{Parsers: []lint.Parser{taskdef.Parser{}}, Rules: enabledRules(), Workers: 1}, []string{"min.json"})
	if err != nil {
		t.Fatal(err)
	}
	// ECS001 and ECS005 per container at least (the catalogue adds more).
	n := len(res.Findings)
	if n < 600 {
		t.Fatalf("%d findings, want at least 600", n)
	}
	var out bytes.Buffer
	if err := (output.Text{}).Format(&out, res, output.Options{}); err != nil {
		t.Fatal(err)
	}
	if out.Len() > n*500 {
		t.Fatalf("%d bytes of output for %d findings: snippets are not bounded", out.Len(), n)
	}
	if strings.Contains(out.String(), secretValue) {
		t.Error("a cut snippet shows a secret")
	}
	var sarif bytes.Buffer
	if err := (output.SARIF{}).Format(&sarif, res, output.Options{Rules: enabledRules(), BaseDir: dir}); err != nil {
		t.Fatal(err)
	}
	if sarif.Len() > n*3000 || strings.Contains(sarif.String(), secretValue) {
		t.Errorf("SARIF of %d bytes (secret shown: %t): context regions are not bounded", sarif.Len(), strings.Contains(sarif.String(), secretValue))
	}
	lines := strings.Split(out.String(), "\n")
	checked := 0
	for i := 0; i+2 < len(lines); i++ {
		if !strings.Contains(lines[i], "runs privileged") {
			continue
		}
		src := []rune(strings.SplitN(lines[i+1], " | ", 2)[1])
		caret := []rune(strings.SplitN(lines[i+2], "| ", 2)[1])
		col := strings.IndexRune(string(caret), '^')
		if n := len(src); n > 162 {
			t.Fatalf("snippet of %d code points", n)
		}
		if col < 0 || !strings.HasPrefix(string(src[len([]rune(string(caret)[:col])):]), `"privileged"`) {
			t.Fatalf("caret not under the key:\n%s\n%s", string(src), string(caret))
		}
		checked++
	}
	if checked != 300 {
		t.Errorf("checked %d snippets, want 300", checked)
	}
}

// TestGoldens pins every format's bytes, over the test sources and over a
// result made to reach every branch of the formats: strings that JSON must
// escape (HTML, control characters, invalid UTF-8, U+2028), optional
// fields present and absent, related locations, suppressed findings, a rule
// the run does not list, odd paths, and snippets of CRLF, long, multi-line
// and out-of-range lines with secrets in them.
func TestGoldens(t *testing.T) {
	res := run(t, "src")
	// github.txt and junit.xml already hold those formats of src.
	golden(t, "src.json", format(t, "json", res))
	golden(t, "src.sarif", format(t, "sarif", res))
	golden(t, "src.txt", format(t, "text", res))
	golden(t, "src.gitlab.json", format(t, "gitlab", res))
	golden(t, "src.checkstyle.xml", format(t, "checkstyle", res))
	golden(t, "src.compact.txt", format(t, "compact", res))
	golden(t, "src.summary.md", stepSummary(t, res))
	golden(t, "src.hints.txt", formatWith(t, "text", res, output.Options{Rules: enabledRules(), RuleHints: true}))
	tricky := trickyResult()
	for _, f := range []struct{ format, ext string }{
		{"json", ".json"}, {"sarif", ".sarif"}, {"text", ".txt"}, {"github", ".github.txt"}, {"junit", ".junit.xml"},
		{"gitlab", ".gitlab.json"}, {"checkstyle", ".checkstyle.xml"}, {"compact", ".compact.txt"},
	} {
		golden(t, "tricky"+f.ext, format(t, f.format, tricky))
	}
	golden(t, "tricky.summary.md", stepSummary(t, tricky))
}

func trickyResult() *lint.Result {
	const tricky = "<b>&amp;</b> \"q\" \\ \b\f\n\r\t\x00\x01\x1f\x7f é 😀 \u2028\u2029 \xff\xfe bad \xe2\x82 end"
	long := `{"family": "min", "x": "` + strings.Repeat("a", 300) + `", "secret": "` + secretValue + `", "y": "` + strings.Repeat("b", 300) + `"}`
	sources := map[string][]byte{
		"a.json":          []byte("{\r\n  \"name\": \"<app>\",\r\n  \"password\": \"" + secretValue + "\"\r\n}\r\n"),
		"dir/long.json":   []byte(long + "\n"),
		"../out side.tf":  []byte("resource \"x\" \"y\" {\n  env = \"" + secretValue + "\"\n\tother = 1\n}\n"),
		"/abs/naïve.json": []byte("{}\n"),
		// Invalid UTF-8 in the source: each bad byte is shown as U+FFFD.
		"latin1.json": []byte("{\"k\": \"caf\xe9 \xe2\x82\"}\n{\"s\": \"" + secretValue + "\xff\"}\n" + strings.Repeat("\xfe", 200) + "\n"),
	}
	secretCol := int32(strings.Index(long, secretValue) + 1)
	findings := []lint.Finding{
		{
			RuleID: "ECS001", RuleName: "privileged-container", Severity: lint.High, Message: tricky,
			Range:    lint.Range{File: "a.json", Start: lint.Pos{Line: 2, Col: 3}, End: lint.Pos{Line: 2, Col: 17}},
			Resource: "web <&>", Container: "app\u2028x", Key: "name", Controls: []string{"ECS.4", "<ctl>"},
			Related: []lint.Related{
				{Range: lint.Range{File: "a.json", Start: lint.Pos{Line: 3, Col: 3}}, Message: "see & here"},
				{Range: lint.Range{File: "dir/long.json", Start: lint.Pos{Line: 1, Col: 1}}, Message: tricky},
			},
		},
		{
			RuleID: "ECS005", RuleName: "secret-in-environment", Severity: lint.Critical, Message: "secret in password",
			Range: lint.Range{File: "a.json", Start: lint.Pos{Line: 3, Col: 3}, End: lint.Pos{Line: 3, Col: 37}},
			Key:   "password", Redact: []lint.Range{{File: "a.json", Start: lint.Pos{Line: 3, Col: 15}, End: lint.Pos{Line: 3, Col: 36}}},
		},
		{
			RuleID: "ECS005", RuleName: "secret-in-environment", Severity: lint.Critical, Message: "secret in a minified file",
			Range:  lint.Range{File: "dir/long.json", Start: lint.Pos{Line: 1, Col: secretCol - 10}, End: lint.Pos{Line: 1, Col: secretCol + int32(len(secretValue)) + 1}},
			Redact: []lint.Range{{File: "dir/long.json", Start: lint.Pos{Line: 1, Col: secretCol - 1}, End: lint.Pos{Line: 1, Col: secretCol + int32(len(secretValue)) + 1}}},
		},
		{
			RuleID: "ECS002", RuleName: "host-network", Severity: lint.Medium, Message: "spans lines.",
			Range:    lint.Range{File: "../out side.tf", Start: lint.Pos{Line: 1, Col: 1}, End: lint.Pos{Line: 4, Col: 2}},
			Resource: "x.y", Controls: []string{},
		},
		{
			RuleID: "ECS003", RuleName: "tabs", Severity: lint.Low, Message: "after a tab",
			Range: lint.Range{File: "../out side.tf", Start: lint.Pos{Line: 3, Col: 2}, End: lint.Pos{Line: 3, Col: 7}},
		},
		{
			RuleID: "ECS006", RuleName: "latin1", Severity: lint.Low, Message: "bad bytes",
			Range:  lint.Range{File: "latin1.json", Start: lint.Pos{Line: 1, Col: 2}, End: lint.Pos{Line: 2, Col: 3}},
			Redact: []lint.Range{{File: "latin1.json", Start: lint.Pos{Line: 2, Col: 7}, End: lint.Pos{Line: 2, Col: 28}}},
		},
		{
			RuleID: "ECS006", RuleName: "latin1", Severity: lint.Low, Message: "a long line of bad bytes",
			Range: lint.Range{File: "latin1.json", Start: lint.Pos{Line: 3, Col: 100}, End: lint.Pos{Line: 3, Col: 110}},
		},
		{
			RuleID: "XYZ999", RuleName: "not-in-the-run", Severity: lint.Low, Message: "no position",
			Range: lint.Range{File: "/abs/naïve.json"},
		},
		{
			RuleID: "ECS004", RuleName: "past-the-end", Severity: lint.Medium, Message: "line past the end?",
			Range: lint.Range{File: "/abs/naïve.json", Start: lint.Pos{Line: 9, Col: 1}, End: lint.Pos{Line: 9, Col: 4}},
		},
	}
	return &lint.Result{
		Findings: findings,
		Errors: []lint.Diagnostic{
			{Range: lint.Range{File: "broken <1>.json"}, Message: tricky},
			{Range: lint.Range{File: "broken2.json", Start: lint.Pos{Line: 4, Col: 7}}, Message: "unexpected '}'"},
		},
		Notes:        []lint.Diagnostic{{Range: lint.Range{File: "a.json", Start: lint.Pos{Line: 1, Col: 1}}, Message: "a note"}},
		Sources:      sources,
		Files:        5,
		CheckedFiles: []string{"a.json", "dir/long.json", "clean.json"},
		Suppressed: []lint.SuppressedFinding{
			{Finding: lint.Finding{
				RuleID: "ECS005", RuleName: "secret-in-environment", Severity: lint.Critical, Message: "suppressed secret",
				Range:  lint.Range{File: "../out side.tf", Start: lint.Pos{Line: 2, Col: 3}, End: lint.Pos{Line: 2, Col: 30}},
				Redact: []lint.Range{{File: "../out side.tf", Start: lint.Pos{Line: 2, Col: 9}, End: lint.Pos{Line: 2, Col: 30}}},
			}, InSource: true, Reason: "tests & <fixtures>"},
			{Finding: lint.Finding{
				RuleID: "ECS001", RuleName: "privileged-container", Severity: lint.High, Message: "accepted",
				Range: lint.Range{File: "a.json", Start: lint.Pos{Line: 1, Col: 1}, End: lint.Pos{Line: 1, Col: 2}},
			}},
		},
	}
}

// A secret is masked wherever the result says one is written: in a file
// other than the finding's (a tfvars entry, a parameter default), and when
// no finding of the result carries it any more (a baseline hid it).
func TestSecretsMaskedWhereWritten(t *testing.T) {
	const secret = "AKIAWRITTENELSEWHERE"
	line := `{"pw": "` + secret + `", "privileged": true}`
	at := func(file string) lint.Range {
		return lint.Range{File: file, Start: lint.Pos{Line: 1, Col: 8}, End: lint.Pos{Line: 1, Col: 30}}
	}
	finding := func(file string) lint.Finding {
		return lint.Finding{RuleID: "ECS001", RuleName: "privileged-container", Severity: lint.High, Message: "runs privileged",
			Range: lint.Range{File: file, Start: lint.Pos{Line: 1, Col: 32}, End: lint.Pos{Line: 1, Col: 44}}}
	}
	// vars.json's secret was found through main.tf: the finding that
	// found it is in main.tf, and the one shown in vars.json has none.
	elsewhere := finding("main.tf")
	elsewhere.Redact = []lint.Range{at("vars.json")}
	byFinding := &lint.Result{
		Findings: []lint.Finding{finding("vars.json"), elsewhere},
		Sources:  map[string][]byte{"vars.json": []byte(line), "main.tf": []byte(`{"pw": var.pw,                 "privileged": true}`)},
	}
	byRun := &lint.Result{
		Findings: []lint.Finding{finding("vars.json")},
		Sources:  map[string][]byte{"vars.json": []byte(line)},
		Secrets:  []lint.Range{at("vars.json")},
	}
	for _, res := range []*lint.Result{byFinding, byRun} {
		for _, name := range []string{"text", "sarif"} {
			out := format(t, name, res)
			if bytes.Contains(out, []byte(secret)) {
				t.Errorf("%s shows the secret", name)
			}
			if !bytes.Contains(out, []byte(strings.Repeat("*", len(secret)))) {
				t.Errorf("%s shows no masked snippet: the test proves nothing\n%s", name, out)
			}
		}
	}
}

// An error's related location (the first of two duplicate keys, the
// construct a syntax error is in) is printed by every format.
func TestErrorRelatedLocations(t *testing.T) {
	at := func(line, col int32) lint.Range {
		return lint.Range{File: "t.yaml", Start: lint.Pos{Line: line, Col: col}, End: lint.Pos{Line: line, Col: col}}
	}
	res := &lint.Result{Errors: []lint.Diagnostic{{Range: at(9, 10), Message: "invalid YAML: did not find expected '-' indicator",
		Related: []lint.Related{{Range: at(7, 9), Message: "in the construct that starts here"}}}}}
	for name, want := range map[string]string{
		"text":   "      t.yaml:7:9: in the construct that starts here\n",
		"json":   `"related": [` + "\n" + `        {` + "\n" + `          "file": "t.yaml",` + "\n" + `          "line": 7,` + "\n" + `          "column": 9,`,
		"github": "%0At.yaml:7:9: in the construct that starts here\n",
		"junit":  "t.yaml:9:10: invalid YAML: did not find expected &#39;-&#39; indicator&#xA;t.yaml:7:9: in the construct that starts here",
		"sarif":  `"startLine": 7,` + "\n" + `                      "startColumn": 9`,
	} {
		if out := format(t, name, res); !bytes.Contains(out, []byte(want)) {
			t.Errorf("%s output lacks the related location %q:\n%s", name, want, out)
		}
	}
	var doc any
	if err := json.Unmarshal(format(t, "sarif", res), &doc); err != nil {
		t.Fatal(err)
	}
	schema, err := jsonschema.NewCompiler().Compile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("invalid SARIF: %#v", err)
	}
}

// TestJUnitSkippedAndUncheckedFiles: a file named but not ECS input is a
// suite with a skipped "parse" case and a file that could not be checked
// one with an errored "parse" case, so a report of such files is not an
// empty, passing one; the counts add up at every level. xmllint checks the
// golden file against the JUnit schema in .ci/run.
func TestJUnitSkippedAndUncheckedFiles(t *testing.T) {
	t.Chdir("testdata")
	var described []lint.Rule
	for _, r := range enabledRules() {
		if id := r.Meta().ID; id == "ECS001" || id == "ECS002" {
			described = append(described, r)
		}
	}
	res := &lint.Result{
		Findings: []lint.Finding{{RuleID: "ECS001", RuleName: "privileged-container", Severity: lint.High,
			Message: `container "app" runs privileged`, Range: lint.Range{File: "td.json", Start: lint.Pos{Line: 3, Col: 5}}}},
		Errors: []lint.Diagnostic{{Message: "invalid JSON: unexpected end of input",
			Range: lint.Range{File: "broken.json", Start: lint.Pos{Line: 1, Col: 2}}}},
		Files: 2, CheckedFiles: []string{"broken.json", "td.json"},
		Skipped: []string{"README.md", "package.json"},
	}
	got := formatWith(t, "junit", res, output.Options{Rules: described, Version: "1.2.3", BaseDir: "/repo"})
	golden(t, "skipped.junit.xml", got)

	type problem struct {
		Message string `xml:"message,attr"`
	}
	var doc struct {
		Tests  int `xml:"tests,attr"`
		Errors int `xml:"errors,attr"`
		Suites []struct {
			Name    string `xml:"name,attr"`
			Tests   int    `xml:"tests,attr"`
			Errors  int    `xml:"errors,attr"`
			Skipped int    `xml:"skipped,attr"`
			Cases   []struct {
				Name    string   `xml:"name,attr"`
				Skipped *problem `xml:"skipped"`
				Error   *problem `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(got, &doc); err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	suites := map[string]int{}
	for i, s := range doc.Suites {
		suites[s.Name] = i
	}
	for _, name := range []string{"README.md", "package.json"} {
		i, ok := suites[name]
		if !ok {
			t.Fatalf("no suite for the skipped file %s:\n%s", name, got)
		}
		s := doc.Suites[i]
		if s.Tests != 1 || s.Skipped != 1 || len(s.Cases) != 1 || s.Cases[0].Name != "parse" || s.Cases[0].Skipped == nil ||
			!strings.Contains(s.Cases[0].Skipped.Message, "not ECS input") {
			t.Errorf("skipped file %s: %+v", name, s)
		}
	}
	if s := doc.Suites[suites["broken.json"]]; s.Errors != 1 || len(s.Cases) != 1 || s.Cases[0].Error == nil {
		t.Errorf("unchecked file: %+v", s)
	}
	// td.json: one case per described rule; plus one parse case in each
	// of the three other suites.
	if doc.Tests != 2+3 || doc.Errors != 1 || len(doc.Suites) != 4 {
		t.Errorf("totals: tests %d, errors %d, suites %d:\n%s", doc.Tests, doc.Errors, len(doc.Suites), got)
	}
}
