package lint

import (
	"fmt"
	"path/filepath"
	"sync"
)

// Parser turns source files into units of the common model. A parser never
// decides what is wrong; it only says what the source sets.
type Parser interface {
	// Name is the input format's name ("json", "cloudformation",
	// "terraform"): the formats package declares each format once, around
	// its parser.
	Name() string
	// Accepts reports, from the path alone, whether the file may be one of
	// this parser's. It must be cheap: the walk calls it for every file.
	Accepts(path string) bool
	// Parse reads the files (through ctx) and returns the units found.
	// claimed is false when the content is not this parser's (a package.json,
	// a Kubernetes manifest): the engine then offers the file to the next
	// parser, and reports nothing for it if none claims it. Errors in claimed
	// files go to ctx.Errorf.
	Parse(ctx *Context, paths []string) (units []*Unit, claimed bool)
}

// Grouper is implemented by parsers whose unit is several files (Terraform:
// a module directory). Group receives every accepted file of the run and
// returns the groups to parse; without it each file is parsed alone.
type Grouper interface {
	Group(paths []string, fs *FS) [][]string
}

// ParseOptions are settings for parsers from flags and config.
type ParseOptions struct {
	// TerraformVars are NAME=VALUE assignments (--var), applied last.
	TerraformVars []string
	// TerraformVarFiles are extra variable files (--var-file): the user's
	// own, read wherever they are (see ReadOwnFile).
	TerraformVarFiles []string
	// TerraformConfigVarFiles are variable files the config file names,
	// applied before TerraformVarFiles. The config comes from the scanned
	// repository: they are read through ConfigFS only.
	TerraformConfigVarFiles []string
	// ConfigFS confines what the config file names: the scanned roots and
	// the config file's directory tree.
	ConfigFS *FS
}

// Context is what a parser may use while parsing one job: the sandboxed file
// system, the options, and a place to report errors and notes.
type Context struct {
	FS      *FS
	Options ParseOptions
	// Budget is the job's evaluation allowance, shared by every parser
	// and evaluator the job uses. Running out is an error at the
	// expression that exhausted it: the job could not be checked
	// completely.
	Budget *Budget

	mu      sync.Mutex
	sources map[string][]byte
	// readErrs are the reads that failed, so that a file no parser could
	// even read is reported instead of skipped as "not ours".
	readErrs map[string]error
	errors   []Diagnostic
	notes    []Diagnostic
	// secrets and secretTexts are what the parser marked secret (Secret);
	// derived the files it generated from others (Derived).
	secrets     []Range
	secretTexts map[string]bool
	derived     []string
}

// NewContext returns a context reading through fs.
func NewContext(fs *FS, opts ParseOptions) *Context {
	c := &Context{FS: fs, Options: opts, sources: map[string][]byte{}}
	c.SetLimits(DefaultLimits)
	return c
}

// SetLimits gives the job a fresh budget with the given limits.
func (c *Context) SetLimits(l Limits) {
	c.Budget = NewBudget(l, func(r Range, what string) {
		c.Errorf(r, "could not check completely: evaluation stopped here after %s; the values it would have produced are unknown", what)
	})
}

// ReadFile reads a file through the sandbox, once per job: a second read of
// the same path returns the same bytes.
func (c *Context) ReadFile(path string) ([]byte, error) {
	c.mu.Lock()
	if b, ok := c.sources[path]; ok {
		c.mu.Unlock()
		return b, nil
	}
	c.mu.Unlock()
	b, err := c.FS.ReadFile(path)
	if err != nil {
		c.mu.Lock()
		if c.readErrs == nil {
			c.readErrs = map[string]error{}
		}
		c.readErrs[path] = err
		c.mu.Unlock()
		return nil, err
	}
	c.mu.Lock()
	c.sources[path] = b
	c.Budget.Grant(len(b))
	c.mu.Unlock()
	return b, nil
}

// Source returns the content of a file this job read, if any.
func (c *Context) Source(path string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.sources[path]
	return b, ok
}

// Errorf reports that (part of) a claimed file could not be checked.
// Credentials in URLs the message quotes are masked (RedactURLCredentials).
func (c *Context) Errorf(r Range, format string, args ...any) {
	c.mu.Lock()
	c.errors = append(c.errors, Diagnostic{Range: r, Message: RedactURLCredentials(fmt.Sprintf(format, args...))})
	c.mu.Unlock()
}

// Report reports an error with related locations (see Errorf).
func (c *Context) Report(d Diagnostic) {
	d.Message = RedactURLCredentials(d.Message)
	c.mu.Lock()
	c.errors = append(c.errors, d)
	c.mu.Unlock()
}

// Notef records something the user may want to know with --verbose: a
// module that was not evaluated, a file() outside the scanned roots.
// Credentials in URLs the message quotes are masked.
func (c *Context) Notef(r Range, format string, args ...any) {
	c.mu.Lock()
	c.notes = append(c.notes, Diagnostic{Range: r, Message: RedactURLCredentials(fmt.Sprintf(format, args...))})
	c.mu.Unlock()
}

// Errors returns the errors reported so far.
func (c *Context) Errors() []Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Diagnostic(nil), c.errors...)
}

// Notes returns the notes reported so far.
func (c *Context) Notes() []Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Diagnostic(nil), c.notes...)
}

// readErr returns the error of a failed read of path, if any.
func (c *Context) readErr(path string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readErrs[path]
}

// TooLarge decides what a file over the size cap is to a parser that
// cannot read it whole: when its text mentions one of words (what the
// parser's own sniffing looks for), it may be one of the parser's files,
// and it is an error that it could not be checked (true). Otherwise it is
// some other large file (a data set, a lock file) that happens to have a
// name the parser accepts: not the parser's, and not an error either, so
// a repository with a 40 MB JSON fixture still lints (false). The file is
// read in pieces, never held whole; one that cannot be scanned counts as
// a mention.
func (c *Context) TooLarge(path string, words ...[]byte) bool {
	mentions, err := c.FS.Mentions(path, words...)
	if err == nil && !mentions {
		c.mu.Lock()
		delete(c.readErrs, path)
		c.mu.Unlock()
		return false
	}
	readErr := c.readErr(path) // the failed read that brought the parser here
	if readErr == nil {
		readErr = ErrTooLarge
	}
	c.Errorf(Range{File: filepath.ToSlash(path)}, "could not read: %v", readErr)
	return true
}

// Secret records that the text at r is a value the source marks secret (a
// Terraform plan's sensitive values, which it holds in plain text): it is
// masked in every snippet of the run, whether a finding is about it or not,
// and text, when it is at least MinSecretText bytes, is masked in the
// messages of the job's findings, which may quote a value it is part of.
func (c *Context) Secret(r Range, text string) {
	c.mu.Lock()
	c.secrets = append(c.secrets, r)
	if len(text) >= MinSecretText {
		if c.secretTexts == nil {
			c.secretTexts = map[string]bool{}
		}
		c.secretTexts[text] = true
	}
	c.mu.Unlock()
}

// MinSecretText is the shortest secret text masked in messages: shorter
// ones ("80", "true") would mask words of every message, and name no
// credential.
const MinSecretText = 4

// Derived records that file is generated from sources the run may read too
// (a Terraform plan, from the configuration beside it). A finding in it
// that a finding in another file also makes (the same rule, resource,
// container and key) is reported once, in that other file, with its
// position in file as related.
func (c *Context) Derived(file string) {
	c.mu.Lock()
	c.derived = append(c.derived, file)
	c.mu.Unlock()
}
