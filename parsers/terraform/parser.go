// Package terraform reads Terraform configurations (.tf and .tf.json) into
// the common model. It evaluates what Terraform would evaluate offline:
// variables (defaults, tfvars, flags), locals, Terraform's pure functions,
// file() and templatefile() within the scanned roots, local modules, count
// and for_each; anything that needs a provider is unknown. Values keep the
// position where they were written, also inside jsonencode(), heredocs and
// the files file() reads.
package terraform

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/ecslint/ecslint/lint"
	"github.com/ecslint/ecslint/parsers/ecsdoc"
)

// Parser is the Terraform parser. Its unit is a root module directory with
// the local modules it calls.
type Parser struct{}

// Name implements lint.Parser.
func (Parser) Name() string { return "terraform" }

// Accepts implements lint.Parser.
func (Parser) Accepts(path string) bool { return isConfigFile(filepath.Base(path)) }

// relevant are the words a module must contain to be worth evaluating: the
// resource types ecslint reads, and module calls that may create them.
var relevant = append(ecsdoc.SniffWords(ecsdoc.Terraform), []byte("module \""), []byte("\"module\""), []byte("module\t"))

// Sniff reports whether a configuration file may matter to ecslint.
func Sniff(src []byte) bool {
	for _, w := range relevant {
		if bytes.Contains(src, w) {
			return true
		}
	}
	return false
}

// localSources finds local module sources without parsing: every
// `source = "./x"` (or `"source": "../x"` in JSON), as the regexp
// "?source"?\s*[=:]\s*"(\.\.?/[^"]*)" would, which is what it replaced:
// the regexp cost more than the rest of grouping, as "source" is in every
// sourceVolume of a container definition.
func localSources(src []byte) []string {
	var out []string
	for i := 0; ; {
		at := bytes.Index(src[i:], []byte("source"))
		if at < 0 {
			return out
		}
		i += at + len("source")
		j := i
		if j < len(src) && src[j] == '"' {
			j++
		}
		j = skipRegexpSpace(src, j)
		if j >= len(src) || src[j] != '=' && src[j] != ':' {
			continue
		}
		j = skipRegexpSpace(src, j+1)
		if j >= len(src) || src[j] != '"' {
			continue
		}
		j++
		rest := src[j:]
		if !bytes.HasPrefix(rest, []byte("./")) && !bytes.HasPrefix(rest, []byte("../")) {
			continue
		}
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			continue
		}
		out = append(out, string(rest[:end]))
		i = j + end + 1
	}
}

// skipRegexpSpace skips what \s matches in Go's regexps.
func skipRegexpSpace(src []byte, j int) int {
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\f' || src[j] == '\r') {
		j++
	}
	return j
}

// Group implements lint.Grouper: one job per root module directory, with
// the files of the local modules it calls. A directory that another
// directory of the run calls is evaluated through its callers only, so its
// findings carry the callers' values and are not reported twice.
func (Parser) Group(paths []string, fsys *lint.FS) [][]string {
	dirFiles := map[string][]string{}
	var dirs []string
	addDir := func(dir string) bool {
		if _, ok := dirFiles[dir]; ok {
			return true
		}
		names, err := fsys.ReadDir(dir)
		if err != nil {
			return false
		}
		var files []string
		for _, n := range names {
			if isConfigFile(n) {
				files = append(files, filepath.Join(dir, n))
			}
		}
		if len(files) == 0 {
			return false
		}
		dirFiles[dir] = files
		dirs = append(dirs, dir)
		return true
	}
	for _, p := range paths {
		addDir(filepath.Dir(p))
	}
	named := append([]string(nil), dirs...)
	calls := map[string][]string{}
	called := map[string]bool{}
	// The named directories' files are scanned in parallel (a monorepo has
	// thousands); directories found through calls, few, as they come.
	sources := scanSources(dirs, dirFiles, fsys)
	for i := 0; i < len(dirs); i++ {
		dir := dirs[i]
		found, ok := sources[dir]
		if !ok {
			found = scanSources([]string{dir}, dirFiles, fsys)[dir]
		}
		for _, src := range found {
			target := filepath.Join(dir, filepath.FromSlash(src))
			if target == dir || !addDir(target) {
				continue
			}
			calls[dir] = append(calls[dir], target)
			called[target] = true
		}
	}
	var groups [][]string
	covered := map[string]bool{}
	emit := func(root string) {
		var files []string
		seen := map[string]bool{}
		var visit func(string)
		visit = func(d string) {
			if seen[d] {
				return
			}
			seen[d] = true
			covered[d] = true
			files = append(files, dirFiles[d]...)
			for _, c := range calls[d] {
				visit(c)
			}
		}
		visit(root)
		groups = append(groups, files)
	}
	sort.Strings(named)
	for _, d := range named {
		if !called[d] {
			emit(d)
		}
	}
	// Directories only reachable through a cycle of calls still get checked.
	for _, d := range named {
		if !covered[d] {
			emit(d)
		}
	}
	return groups
}

// scanSources returns, for each directory, the local module sources its
// files name, in file order, reading the files on all cores. Parse reads
// them again: they are read ahead, so that it need not.
func scanSources(dirs []string, dirFiles map[string][]string, fsys *lint.FS) map[string][]string {
	found := make([][]string, len(dirs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(dirs)) {
		wg.Go(func() {
			for i := range next {
				for _, f := range dirFiles[dirs[i]] {
					src, err := fsys.ReadFileAhead(f)
					if err == nil {
						found[i] = append(found[i], localSources(src)...)
					}
				}
			}
		})
	}
	for i := range dirs {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string][]string, len(dirs))
	for i, d := range dirs {
		out[d] = found[i]
	}
	return out
}

// Parse implements lint.Parser: paths are a root module's files, then those
// of the modules it calls.
func (Parser) Parse(ctx *lint.Context, paths []string) ([]*lint.Unit, bool) {
	if len(paths) == 0 {
		return nil, false
	}
	worth := false
	for _, p := range paths {
		src, err := ctx.ReadFile(p)
		if err == nil && Sniff(src) {
			worth = true
			break
		}
	}
	if !worth {
		// Nothing ECS, EKS, IAM or security-group related, and no module
		// call: not worth parsing.
		return nil, false
	}
	ev := newEvaluator(ctx)
	cfg, ok := ev.loadConfig(filepath.Dir(paths[0]))
	if !ok {
		return nil, true
	}
	root := newInstance(ev, cfg, nil, "")
	root.rootVars = ev.rootVariables(cfg)
	l := ecsdoc.NewLinker()
	root.collect(l)
	return []*lint.Unit{l.Finish()}, true
}

// collect adds the instance's resources and those of the modules it calls.
func (in *instance) collect(l *ecsdoc.Linker) {
	for _, bl := range in.cfg.resources {
		kind := ecsdoc.KindOf(ecsdoc.Terraform, bl.labels[0])
		if kind == 0 {
			continue
		}
		exs := in.expand(bl)
		in.noteUnknownExpansion(bl, exs)
		for _, ex := range exs {
			in.resource(l, bl, kind, ex)
		}
	}
	for _, bl := range in.cfg.moduleSeq {
		for _, c := range in.moduleCalls(bl.labels[0]) {
			if c.inst != nil {
				c.inst.collect(l)
			}
		}
	}
}

// rootVariables reads the root module's variable values in Terraform's
// order of precedence, later winning: terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then
// --var-file and --var.
func (ev *evaluator) rootVariables(cfg *config) map[string]*lint.Node {
	vars := map[string]*lint.Node{}
	names, _ := ev.ctx.FS.ReadDir(cfg.dir)
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		for _, have := range names {
			if have == n {
				files = append(files, filepath.Join(cfg.dir, n))
			}
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			files = append(files, filepath.Join(cfg.dir, n))
		}
	}
	for _, f := range files {
		ev.readVarFile(f, vars, moduleVarFile)
	}
	// Files the config names may only be in the repository; files the
	// user names with --var-file are theirs and may be anywhere.
	for _, f := range ev.ctx.Options.TerraformConfigVarFiles {
		ev.readVarFile(f, vars, configVarFile)
	}
	for _, f := range ev.ctx.Options.TerraformVarFiles {
		ev.readVarFile(f, vars, flagVarFile)
	}
	for _, kv := range ev.ctx.Options.TerraformVars {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		vars[strings.TrimSpace(name)] = ev.flagValue(cfg, strings.TrimSpace(name), value)
	}
	return vars
}

// varFileSource is who named a variable file, which decides where it may
// be read from.
type varFileSource int

const (
	moduleVarFile varFileSource = iota // terraform.tfvars, *.auto.tfvars: in the module
	configVarFile                      // terraform.var-files: through the config's sandbox
	flagVarFile                        // --var-file: anywhere, size-capped
)

func (ev *evaluator) readVarFile(path string, into map[string]*lint.Node, from varFileSource) {
	var f *srcFile
	var err error
	switch from {
	case moduleVarFile:
		f, err = ev.readSource(path, nil)
	case configVarFile:
		sandbox := ev.ctx.Options.ConfigFS
		if sandbox == nil {
			sandbox = ev.ctx.FS // no config directory given: the scanned roots
		}
		f, err = ev.readNamed(path, sandbox.ReadFile)
	case flagVarFile:
		f, err = ev.readNamed(path, func(p string) ([]byte, error) { return lint.ReadOwnFile(p, ev.ctx.FS.MaxFileSize) })
	}
	if err != nil {
		at := lint.Range{File: filepath.ToSlash(path)}
		if from == moduleVarFile {
			ev.ctx.Notef(at, "variable file not read: %v; its values are not used", err)
		} else {
			// Named by the user or the config: Terraform fails without it.
			ev.ctx.Errorf(at, "variable file not read: %v", varFileError(err))
		}
		return
	}
	if strings.HasSuffix(path, ".json") {
		if root := ev.jsonFile(f); root != nil && root.Kind == lint.ObjectNode {
			for _, fl := range root.Fields {
				into[fl.Key] = ev.evalJSON(&scope{}, f, fl.Value)
			}
		}
		return
	}
	if b := ev.hclFile(f); b != nil {
		for _, a := range b.attrs {
			into[a.name] = ev.eval(&scope{}, a.expr)
		}
	}
}

// readNamed reads a variable file named by the user or the config, once
// per evaluation, with read.
func (ev *evaluator) readNamed(path string, read func(string) ([]byte, error)) (*srcFile, error) {
	slash := filepath.ToSlash(path)
	if f, ok := ev.files[slash]; ok {
		return f, nil
	}
	src, err := read(path)
	if err != nil {
		return nil, err
	}
	f := newSrcFile(slash, src)
	ev.files[slash] = f
	return f, nil
}

// varFileError says why a named variable file was not read, without the
// path the position already gives.
func varFileError(err error) string {
	var pe *os.PathError
	switch {
	case errors.Is(err, lint.ErrOutsideRoots):
		return "it is outside the scanned paths and the config file's directory (name it with --var-file)"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// flagValue reads a --var value: a string for string variables (and when
// it does not parse), else an HCL expression as Terraform reads it.
func (ev *evaluator) flagValue(cfg *config, name, value string) *lint.Node {
	at := lint.Range{}
	if decl := cfg.variables[name]; decl != nil {
		if t := decl.body.attr("type"); t != nil {
			if x, ok := t.expr.hx.(*hclsyntax.ScopeTraversalExpr); ok && x.Traversal.RootName() == "string" {
				return strNode(value, at)
			}
		}
	}
	f := newSrcFile("--var "+name, []byte(value))
	x, diags := hclsyntax.ParseExpression(f.src, f.name, hcl.InitialPos)
	if diags.HasErrors() {
		return strNode(value, at)
	}
	n := ev.evalHCL(&scope{}, f, x)
	if n.Kind == lint.UnknownNode {
		return strNode(value, at)
	}
	return n
}
