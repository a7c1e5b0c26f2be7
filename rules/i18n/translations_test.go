package i18n_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/rules"
	"github.com/ecslint/ecslint/rules/i18n"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// described are the rules the pages document: every rule, and SUP001.
func described() []*lint.Meta {
	var metas []*lint.Meta
	for _, r := range append(rules.All(), lint.SuppressionRule) {
		metas = append(metas, r.Meta())
	}
	return metas
}

// TestTranslations fails for every rule (and the page's own words) that
// lacks a translation in a language, or whose English changed since it was
// translated, naming the rule, the language, the field and what to run;
// and for a translation file of no rule.
func TestTranslations(t *testing.T) {
	known := map[string]bool{i18n.PageUnit: true}
	for _, l := range i18n.Translated {
		for _, m := range described() {
			known[m.ID] = true
			if _, problems := i18n.Localize(m, l); len(problems) > 0 {
				for _, p := range problems {
					t.Error(p)
				}
			}
		}
		if _, problems := i18n.Translate(l, i18n.PageUnit, ruledoc.Labels()); len(problems) > 0 {
			for _, p := range problems {
				t.Error(p)
			}
		}
		for _, u := range i18n.Units(l) {
			if !known[u] {
				t.Errorf("rules/i18n/%s/%s.yaml translates no rule: remove it (or rename it to the rule's new ID)", l, u)
			}
		}
	}
}

// codeSpan is a Markdown code span: code, keys and values, which a
// translation keeps as they are.
var codeSpan = regexp.MustCompile("`[^`]+`")

// placeholder is a value the page fills into its words.
var placeholder = regexp.MustCompile(`\$[A-Z_]+`)

// TestTranslationsKeepCode: every code span of the English is in each
// translation, unchanged, and the translation is not the English copied.
func TestTranslationsKeepCode(t *testing.T) {
	for _, l := range i18n.Translated {
		for _, m := range described() {
			texts, _ := i18n.Translate(l, m.ID, i18n.RuleFields(m))
			for _, f := range i18n.RuleFields(m) {
				if texts[f.Key] == f.Text {
					t.Errorf("%s (%s) %s: the English, not a translation", m.ID, l, f.Key)
				}
				for _, code := range codeSpan.FindAllString(f.Text, -1) {
					if !strings.Contains(texts[f.Key], code) {
						t.Errorf("%s (%s) %s: %s is missing or translated", m.ID, l, f.Key, code)
					}
				}
			}
		}
		texts, _ := i18n.Translate(l, i18n.PageUnit, ruledoc.Labels())
		for _, f := range ruledoc.Labels() {
			for _, p := range placeholder.FindAllString(f.Text, -1) {
				if !strings.Contains(texts[f.Key], p) {
					t.Errorf("page (%s) %s: placeholder %s is missing", l, f.Key, p)
				}
			}
		}
	}
}

// TestAWSTerms: the translations say what AWS's own localized Security Hub
// and ECS pages say for the same concepts.
func TestAWSTerms(t *testing.T) {
	terms := map[string]map[i18n.Lang]string{
		"ECS001": {i18n.Japanese: "特権コンテナ", i18n.Chinese: "特权容器", i18n.Korean: "권한 있는 컨테이너", i18n.French: "conteneur privilégié"},
		"ECS007": {i18n.Japanese: "読み取り専用のルートファイルシステム", i18n.Chinese: "只读根文件系统", i18n.Korean: "읽기 전용 루트 파일 시스템", i18n.French: "système de fichiers racine en lecture seule"},
		"ECS003": {i18n.Japanese: "ホストネットワークモード", i18n.Chinese: "主机网络模式", i18n.Korean: "호스트 네트워크 모드", i18n.French: "mode réseau hôte"},
		"ECS013": {i18n.Japanese: "タスクロール", i18n.Chinese: "任务角色", i18n.Korean: "작업 역할", i18n.French: "rôle de tâche"},
		"ECS101": {i18n.Japanese: "パブリック IP アドレス", i18n.Chinese: "公有 IP 地址", i18n.Korean: "퍼블릭 IP 주소", i18n.French: "adresses IP publiques"},
		"ECS012": {i18n.Japanese: "転送時の暗号化", i18n.Chinese: "传输中加密", i18n.Korean: "전송 중 암호화", i18n.French: "chiffrement en transit"},
	}
	for _, m := range described() {
		for l, term := range terms[m.ID] {
			texts, _ := i18n.Translate(l, m.ID, i18n.RuleFields(m))
			if !strings.Contains(texts["summary"]+texts["rationale"]+texts["remediation"], term) {
				t.Errorf("%s (%s): does not say %q", m.ID, l, term)
			}
		}
	}
}

// TestProblemsAreFound: a rule with no translation, a changed English text
// and a field the English no longer has are each a problem, whose message
// names the rule, the language and the command to run.
func TestProblemsAreFound(t *testing.T) {
	var ecs011 *lint.Meta
	for _, m := range described() {
		if m.ID == "ECS011" {
			ecs011 = m
		}
	}
	newRule := &lint.Meta{ID: "ECS999", Summary: "New.", Rationale: "Why.", Remediation: "How."}
	changed := *ecs011
	changed.Rationale += " One more sentence."
	noOptions := *ecs011
	noOptions.Options = nil
	for _, tt := range []struct {
		name string
		meta *lint.Meta
		want []string
	}{
		{"missing", newRule, []string{"ECS999 (ja): no translation: write rules/i18n/ja/ECS999.yaml", "go run ./rules/i18n/refresh ECS999"}},
		{"stale", &changed, []string{"ECS011 (ja): the English rationale changed since rules/i18n/ja/ECS011.yaml translated it", "go run ./rules/i18n/refresh ECS011", "go generate ./rules"}},
		{"unknown", &noOptions, []string{"ECS011 (ja): rules/i18n/ja/ECS011.yaml has option.allowed-capabilities, which the English does not"}},
	} {
		m, problems := i18n.Localize(tt.meta, i18n.Japanese)
		if len(problems) != 1 {
			t.Errorf("%s: %d problems %v, want 1", tt.name, len(problems), problems)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(problems[0].Error(), w) {
				t.Errorf("%s: %q does not say %q", tt.name, problems[0], w)
			}
		}
		if tt.name == "missing" && m.Summary != "New." {
			t.Errorf("missing: summary %q, want the English", m.Summary)
		}
		if tt.name == "stale" && (!strings.Contains(m.Rationale, "SYS_ADMIN") || m.Rationale == changed.Rationale) {
			t.Errorf("%s: rationale %q, want the last translation", tt.name, m.Rationale)
		}
	}
	if _, problems := i18n.Localize(&changed, i18n.English); len(problems) > 0 {
		t.Errorf("English: %v", problems)
	}
}
