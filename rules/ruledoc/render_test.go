package ruledoc_test

import (
	"strings"
	"testing"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/i18n"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// fakeParser is a format that no rule has an example in.
type fakeParser struct{}

func (fakeParser) Name() string                                       { return "fake" }
func (fakeParser) Accepts(path string) bool                           { return strings.HasSuffix(path, ".fake") }
func (fakeParser) Parse(*lint.Context, []string) ([]*lint.Unit, bool) { return nil, false }

// TestANewFormatNeedsNoRuleEdited: a format added to the list shows in the
// pages of the rules that read what it produces, and in no other, without
// an example or any other edit to a rule.
func TestANewFormatNeedsNoRuleEdited(t *testing.T) {
	fs := append(formats.All(), formats.Format{Parser: fakeParser{}, Title: "Fake", Produces: lint.TaskDefinitions,
		Example: formats.Example{File: "x.fake", Fence: "text"}})
	for _, r := range rules.All() {
		page, err := ruledoc.Page(fs, r)
		if err != nil {
			t.Fatalf("%s: %v", r.Meta().ID, err)
		}
		_, rest, _ := strings.Cut(page, "| Formats |")
		row, _, _ := strings.Cut(rest, "\n")
		listed := strings.HasSuffix(row, ", fake |")
		if want := r.Meta().Reads == lint.TaskDefinitions; listed != want {
			t.Errorf("%s: fake format listed %v, want %v", r.Meta().ID, listed, want)
		}
	}
}

// exampleRule is a rule with its examples replaced.
type exampleRule struct {
	lint.Rule
	meta lint.Meta
}

func (r exampleRule) Meta() *lint.Meta { return &r.meta }

// TestNotReportedMeansByNoRule: an example shown as not reported that
// another rule reports (here a container with no log configuration, which
// ECS006 reports) is refused, and so is a reported example that the rule
// itself does not report, however many findings other rules make of it.
func TestNotReportedMeansByNoRule(t *testing.T) {
	var ecs001 lint.Rule
	for _, r := range rules.All() {
		if r.Meta().ID == "ECS001" {
			ecs001 = r
		}
	}
	const (
		privileged   = `{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "privileged": true}]}`
		unprivileged = `{"family": "app", "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}`
	)
	for _, tt := range []struct{ name, bad, good, want string }{
		{"good reported by another rule", privileged, unprivileged, "good 3 findings (ECS006 ECS007 ECS009)"},
		{"bad not reported by the rule", unprivileged, unprivileged, "bad gives 0 findings of ECS001"},
	} {
		m := *ecs001.Meta()
		m.Examples = func() []lint.Example { return []lint.Example{{Format: "json", Bad: tt.bad, Good: tt.good}} }
		_, err := ruledoc.Page(formats.All(), exampleRule{ecs001, m})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}

// fences are a page's fenced blocks: examples and command output.
func fences(page string) []string {
	parts := strings.Split(page, "```")
	var blocks []string
	for i := 1; i < len(parts); i += 2 {
		blocks = append(blocks, parts[i])
	}
	return blocks
}

// TestTranslatedPage: a translated page has the translated prose and
// headings, links that work from docs/rules/<lang>, and every example and
// command output exactly as the English page has them (they are code).
func TestTranslatedPage(t *testing.T) {
	var ecs011 lint.Rule
	for _, r := range rules.All() {
		if r.Meta().ID == "ECS011" {
			ecs011 = r
		}
	}
	english, err := ruledoc.Page(formats.All(), ecs011)
	if err != nil {
		t.Fatal(err)
	}
	ja, problems, err := ruledoc.PageIn(formats.All(), ecs011, i18n.Japanese)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	for _, want := range []string{
		"# ECS011 dangerous-capabilities\n\n> このページは[英語のページ](../ECS011.md)の翻訳です。",
		"\n## 重要な理由\n\nSYS_ADMIN、SYS_MODULE",
		"\n## 修正方法\n\n`linuxParameters.capabilities.add` から",
		"| 重要度 | high |\n",
		"([ルールのオプション](../../config.md#rule-options) を参照)",
		"| `allowed-capabilities` | 文字列のリスト | `[]` | 報告しないケーパビリティ",
		"\n### タスク定義 JSON\n\n検出される例 (`taskdef.json`):\n",
		"\n`ecslint taskdef.json` の出力:\n",
	} {
		if !strings.Contains(ja, want) {
			t.Errorf("ja page lacks %q", want)
		}
	}
	if e, j := fences(english), fences(ja); len(e) == 0 || strings.Join(e, "\x00") != strings.Join(j, "\x00") {
		t.Errorf("ja page's %d fenced blocks differ from the English page's %d", len(j), len(e))
	}
	if strings.Contains(english, "英語") || !strings.Contains(english, "(../config.md#rule-options)") {
		t.Error("English page changed by the translation")
	}
}
