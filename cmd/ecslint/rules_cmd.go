package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/ecslint/ecslint/formats"
	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/linter"
	"github.com/ecslint/ecslint/rules/i18n"
	"github.com/ecslint/ecslint/rules/ruledoc"
)

// catalogueCommand runs `ecslint rules` and `ecslint explain`; ok is false
// for any other command line.
func catalogueCommand(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if len(args) < 2 {
		return 0, false
	}
	switch args[1] {
	case "rules":
		return runRules(args[2:], stdout, stderr), true
	case "explain":
		return runExplain(args[2:], stdout, stderr), true
	}
	return 0, false
}

// ruleJSON is one rule in `ecslint rules --format json`; like the findings
// contract, keys may be added but are never renamed.
type ruleJSON struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Severity   string   `json:"severity"`
	Controls   []string `json:"controls"`
	ConfigRule string   `json:"aws_config_rule,omitempty"`
	Peers      []string `json:"peer_checks,omitempty"`
	Summary    string   `json:"summary"`
	Formats    []string `json:"formats"`
	Enabled    bool     `json:"enabled_by_default"`
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ecslint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if len(args) > 0 && args[0] == "test" {
		return runRulesTest(args[1:], stdout, stderr)
	}
	format := fs.String("format", "text", "output format: text or json")
	configPath := fs.String("config", "", "the config file whose custom rules are listed too (default: the one found from the working directory)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: ecslint rules [--format text|json] [--config FILE]\n       ecslint rules test DIR...")
		return ExitError
	}
	all, err := catalogue(*configPath)
	if err != nil {
		return configError(stderr, err)
	}
	switch *format {
	case "json":
		out := make([]ruleJSON, 0, len(all))
		for _, r := range all {
			m := r.Meta()
			controls := m.Controls
			if controls == nil {
				controls = []string{}
			}
			out = append(out, ruleJSON{ID: m.ID, Name: m.Name, Severity: m.Severity.String(), Controls: controls,
				ConfigRule: m.ConfigRule, Peers: m.Peers, Summary: m.Summary, Formats: formats.All().For(m.Reads).Names(), Enabled: !m.Disabled})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitError
		}
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tCONTROLS\tSUMMARY")
		for _, r := range all {
			m := r.Meta()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.ID, m.Name, m.Severity, strings.Join(m.Controls, ","), m.Summary)
		}
		if err := tw.Flush(); err != nil {
			return ExitError
		}
	default:
		fmt.Fprintf(stderr, "ecslint rules: unknown format %q: expected \"text\" or \"json\"\n", *format)
		return ExitError
	}
	return ExitOK
}

const explainUsage = "usage: ecslint explain [--lang en|ja|zh|ko|fr] [--config FILE] RULE   (an ID such as ECS001, or a name such as privileged-container)"

// runExplain prints a rule's page, in the language --lang names or, without
// it, the messages locale's (LC_ALL, LC_MESSAGES, LANG), English when
// neither names a translated language.
func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ecslint explain", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	langFlag := fs.String("lang", "", "")
	configPath := fs.String("config", "", "")
	var names []string
	for { // the rule may come before --lang as well as after it
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "ecslint explain: %v\n%s\n", err, explainUsage)
			return ExitError
		}
		if fs.NArg() == 0 {
			break
		}
		names = append(names, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(names) != 1 {
		fmt.Fprintln(stderr, explainUsage)
		return ExitError
	}
	lang := i18n.FromLocale(os.Getenv)
	langSet := false
	fs.Visit(func(f *flag.Flag) { langSet = langSet || f.Name == "lang" })
	if langSet {
		l, ok := i18n.Parse(*langFlag)
		if !ok {
			fmt.Fprintf(stderr, "ecslint explain: unknown language %q: expected one of %s\n", *langFlag, langList())
			return ExitError
		}
		lang = l
	}
	all, err := catalogue(*configPath)
	if err != nil {
		return configError(stderr, err)
	}
	r := findRule(all, names[0])
	if r == nil {
		fmt.Fprintf(stderr, "ecslint explain: unknown rule %q (ecslint rules lists them)\n", names[0])
		return ExitError
	}
	if r.Meta().Custom {
		// An organisation's rule has its text in its config, in one
		// language: none of ecslint's translations.
		lang, _ = i18n.Parse("en")
	}
	page, problems, err := ruledoc.PageIn(formats.All(), r, lang)
	if err != nil {
		fmt.Fprintf(stderr, "ecslint explain: %v\n", err)
		return ExitError
	}
	// A release's tests refuse these; a build that has them says so
	// rather than pass English or an outdated text off as the translation.
	for _, p := range problems {
		fmt.Fprintf(stderr, "ecslint explain: warning: %v\n", p)
	}
	fmt.Fprint(stdout, page)
	return ExitOK
}

// langList names the supported languages for a usage message.
func langList() string {
	names := make([]string, 0, len(i18n.Supported()))
	for _, l := range i18n.Supported() {
		names = append(names, string(l))
	}
	return strings.Join(names, ", ")
}

// describedRules are ecslint's own rules the catalogue documents: every
// built-in rule, and the one suppression problems are reported under.
func describedRules() []lint.Rule { return append(allRules(), lint.SuppressionRule) }

// catalogue is describedRules with the config's custom rules.
func catalogue(configPath string) ([]lint.Rule, error) {
	known, err := knownRules(configPath)
	if err != nil {
		return nil, err
	}
	return append(known, lint.SuppressionRule), nil
}

// knownRules are the built-in rules and the custom rules of the config
// found from the working directory (or named).
func knownRules(configPath string) ([]lint.Rule, error) {
	plan, err := linter.Prepare(linter.Settings{Rules: allRules(), ConfigPath: configPath}, []string{"."})
	if err != nil {
		return nil, err
	}
	if plan.Known != nil {
		return plan.Known, nil
	}
	return allRules(), nil
}

// configError prints a config's errors, one a line, and returns the exit
// code of a run that could not check.
func configError(stderr io.Writer, err error) int {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(stderr, "ecslint: %s\n", line)
	}
	return ExitError
}

// findRule looks a rule up by ID (any case) or name.
func findRule(all []lint.Rule, name string) lint.Rule {
	for _, r := range all {
		if m := r.Meta(); strings.EqualFold(m.ID, name) || m.Name == name {
			return r
		}
	}
	return nil
}
