package lint

// Comment is one comment of a source file, as its format's lexer found it.
// Inline suppressions are read from comments only: text that merely looks
// like a comment (a line of a shell script in a YAML block scalar, of an
// HCL heredoc, a '#' in a quoted string) is not one, and suppresses nothing.
type Comment struct {
	// Range runs from the comment's marker (# or //) to its end: for a
	// line comment, the end of its line, line break excluded.
	Range Range
	// Text is the comment without its markers (#, //, or /* and */).
	Text string
	// OwnLine is true when only white space precedes the comment on its
	// line: such a comment is about the code below it, a trailing one
	// about the code before it.
	OwnLine bool
}

// CommentSource is implemented by parsers whose formats have comments
// (YAML, HCL). JSON has none: a parser without it gives no file comments.
type CommentSource interface {
	// Comments returns the comments of file, one the parser read in the
	// job that src holds, in source order. It is called after Parse, and
	// only for files that may hold a suppression, so it may lex the file
	// again rather than keep every file's comments.
	Comments(file string, src []byte) []Comment
}
