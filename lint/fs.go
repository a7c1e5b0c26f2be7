package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

// DefaultMaxFileSize is the size cap for one input file.
const DefaultMaxFileSize = 32 << 20

// DefaultMaxPlanFileSize is the least size cap of a Terraform plan or
// state JSON file (see PlanHead), whatever the cap of other files: one
// plan describes a whole configuration and is often tens of MB. Its memory
// is still bounded by the run's memory budget, which refuses a file whose
// estimate exceeds it (see admission).
const DefaultMaxPlanFileSize = 128 << 20

// MaxFileSizeLimit is the largest size cap a file system accepts; a larger
// one is lowered to it. Positions hold int32 byte offsets (see Pos), and a
// UTF-16 file grows by up to half again when decoded to UTF-8, so 1 GiB
// keeps every offset below 2 GiB.
const MaxFileSizeLimit = 1 << 30

// ErrOutsideRoots is returned for a path that leaves the scanned roots,
// directly or through a symlink.
var ErrOutsideRoots = errors.New("path is outside the scanned roots")

// ErrNotRegular is returned for a FIFO, socket or device.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file over the size cap.
var ErrTooLarge = errors.New("file is larger than the size cap")

// FS is the only way parsers read files. It refuses anything outside the
// scanned roots (so a Terraform file("/etc/passwd") or a symlink out of the
// repository reads nothing), caps file sizes, and serves standard input
// under the name the user gave it.
type FS struct {
	roots []string // absolute, symlinks resolved
	// names are the roots as given, made absolute: a path reached through
	// a root that is a symlink (a checkout linked into place, /tmp on
	// macOS) is named under it before it is resolved.
	names []string
	// wd is the working directory when the run started: filepath.Abs asks
	// the OS for it (two stats) on every call, and every read makes a path
	// absolute.
	wd          string
	overlay     map[string][]byte
	MaxFileSize int64
	// MaxPlanFileSize is the cap of a file that starts as a Terraform plan
	// or state JSON does (PlanHead), when it is more than MaxFileSize:
	// NewFS makes it at least DefaultMaxPlanFileSize.
	MaxPlanFileSize int64
	// dirs caches directories with their symlinks resolved: every file
	// read asks, and resolving walks each component of the path.
	dirs sync.Map // string -> string
	// listings caches ReadDir's names before overlays: Terraform lists a
	// module directory to group it, to load it, and for its variable files.
	listings sync.Map // string -> []string

	// held are files read ahead for a read later in the run (Terraform's
	// Group scans what its Parse reads again), given once and dropped. At
	// most heldMax bytes: past that, files are read again rather than the
	// whole tree held.
	heldMu   sync.Mutex
	held     map[string][]byte
	heldSize int
}

// heldMax bounds the bytes held for later reads.
const heldMax = 32 << 20

// NewFS returns a file system confined to roots.
func NewFS(roots []string, maxFileSize int64) (*FS, error) {
	fs := &FS{overlay: map[string][]byte{}, MaxFileSize: maxFileSize}
	fs.wd, _ = os.Getwd() // without it, abs asks each time
	if fs.MaxFileSize <= 0 {
		fs.MaxFileSize = DefaultMaxFileSize
	}
	fs.MaxFileSize = min(fs.MaxFileSize, MaxFileSizeLimit)
	fs.MaxPlanFileSize = max(fs.MaxFileSize, DefaultMaxPlanFileSize)
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, err
		}
		fs.names = append(fs.names, abs)
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			abs = resolved
		}
		fs.roots = append(fs.roots, abs)
	}
	return fs, nil
}

// Overlay makes path read as content (standard input linted as a file).
func (fs *FS) Overlay(path string, content []byte) {
	fs.overlay[filepath.Clean(path)] = content
}

// Overlaid reports whether path is served from an overlay.
func (fs *FS) Overlaid(path string) bool {
	_, ok := fs.overlay[filepath.Clean(path)]
	return ok
}

// Within reports whether path, after resolving symlinks, lies inside a root.
func (fs *FS) Within(path string) bool {
	_, ok := fs.within(path)
	return ok
}

// within is Within that also returns what Lstat found when path is not a
// symlink (nil otherwise), so that a read need not stat the file again.
func (fs *FS) within(path string) (os.FileInfo, bool) {
	abs, err := fs.abs(path)
	if err != nil {
		return nil, false
	}
	if !fs.inRoots(abs) && !under(fs.names, abs) {
		return nil, false
	}
	if d, ok := fs.dirs.Load(abs); ok {
		return nil, fs.inRoots(d.(string)) // a directory already resolved
	}
	resolved, info, err := fs.resolve(abs)
	if err != nil {
		// A path that does not exist yet is judged by its name alone.
		return nil, errors.Is(err, os.ErrNotExist)
	}
	return info, fs.inRoots(resolved)
}

// abs is filepath.Abs against the working directory the run started in.
func (fs *FS) abs(path string) (string, error) {
	if filepath.IsAbs(path) || fs.wd == "" {
		return filepath.Abs(path)
	}
	return filepath.Join(fs.wd, path), nil
}

// resolve is filepath.EvalSymlinks with the directories cached: a path
// that is not itself a symlink resolves to its resolved directory and its
// name. It also returns the path's Lstat when it is not a symlink.
func (fs *FS) resolve(abs string) (string, os.FileInfo, error) {
	info, err := os.Lstat(abs)
	if errors.Is(err, os.ErrNotExist) {
		// EvalSymlinks would fail the same way, once it had resolved the
		// directory (a module's missing modules.json, say).
		if _, derr := fs.resolveDir(filepath.Dir(abs)); derr != nil {
			return "", nil, derr
		}
		return "", nil, err
	}
	if err != nil || info.Mode()&os.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(abs)
		return resolved, nil, err
	}
	d, err := fs.resolveDir(filepath.Dir(abs))
	if err != nil {
		return "", nil, err
	}
	resolved := filepath.Join(d, filepath.Base(abs))
	if info.IsDir() {
		fs.dirs.Store(abs, resolved) // for its files and listings
	}
	return resolved, info, nil
}

// resolveDir resolves a directory from its parent's resolution, so that a
// run Lstats each directory once; EvalSymlinks would Lstat every component
// of the path for each new directory.
func (fs *FS) resolveDir(dir string) (string, error) {
	if d, ok := fs.dirs.Load(dir); ok {
		return d.(string), nil
	}
	var d string
	parent := filepath.Dir(dir)
	info, err := os.Lstat(dir)
	missing := errors.Is(err, os.ErrNotExist)
	if parent == dir || err != nil && !missing || err == nil && info.Mode()&os.ModeSymlink != 0 {
		if d, err = filepath.EvalSymlinks(dir); err != nil {
			return "", err
		}
	} else {
		p, perr := fs.resolveDir(parent)
		if perr != nil {
			return "", perr
		}
		if missing {
			return "", err // as EvalSymlinks fails, once past the parent
		}
		d = filepath.Join(p, filepath.Base(dir))
	}
	fs.dirs.Store(dir, d)
	return d, nil
}

func (fs *FS) inRoots(abs string) bool { return under(fs.roots, abs) }

// under reports whether abs is one of roots or inside one.
func under(roots []string, abs string) bool {
	for _, r := range roots {
		if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) || r == string(filepath.Separator) {
			return true
		}
	}
	return false
}

// ReadFile reads path if it is inside the roots and under the size cap
// (of the bytes on disk), as UTF-8 text (see decodeText).
func (fs *FS) ReadFile(path string) ([]byte, error) {
	b, err := fs.readRaw(path)
	if err != nil {
		return nil, err
	}
	return decodeText(b), nil
}

// readRaw is ReadFile without decoding.
func (fs *FS) readRaw(path string) ([]byte, error) {
	if b, ok := fs.overlay[filepath.Clean(path)]; ok {
		if int64(len(b)) > MaxFileSizeLimit { // offsets must fit a Pos
			return nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, int64(MaxFileSizeLimit))
		}
		return b, nil
	}
	if b, ok := fs.take(path); ok {
		return b, nil
	}
	info, ok := fs.within(path)
	if !ok {
		return nil, ErrOutsideRoots
	}
	if info != nil && info.Mode().IsRegular() {
		// The common case: a regular file, no symlink.
		return fs.readRegular(path)
	}
	// Stat before opening: opening a FIFO blocks until something writes to
	// it, and a lint run must never hang on a pipe named like a template.
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	}
	if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	return fs.readOpen(path)
}

// ReadFileAhead is ReadFile for a file that will be read again in this
// run: the next ReadFile of path gets the same bytes without reading, while
// the bytes held stay under heldMax.
func (fs *FS) ReadFileAhead(path string) ([]byte, error) {
	b, err := fs.ReadFile(path)
	if err != nil || fs.Overlaid(path) {
		return b, err
	}
	fs.heldMu.Lock()
	defer fs.heldMu.Unlock()
	if fs.heldSize+len(b) <= heldMax {
		if fs.held == nil {
			fs.held = map[string][]byte{}
		}
		fs.held[filepath.Clean(path)] = b
		fs.heldSize += len(b)
	}
	return b, nil
}

// take returns and drops what ReadFileAhead held for path.
func (fs *FS) take(path string) ([]byte, bool) {
	fs.heldMu.Lock()
	defer fs.heldMu.Unlock()
	b, ok := fs.held[filepath.Clean(path)]
	if ok {
		delete(fs.held, filepath.Clean(path))
		fs.heldSize -= len(b)
	}
	return b, ok
}

// readOpen reads a file found regular through os.File.
func (fs *FS) readOpen(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return fs.readCapped(info.Size(), f.Read)
}

// readCapped reads to the end with read, into a buffer of the size the file
// had when opened (io.ReadAll would start at 512 bytes and grow, a read and
// a copy each time). It reads at most one byte past the cap: a file can grow
// after its size was taken.
//
// A file over the cap that starts as a plan does (PlanHead) has the plan
// cap instead: its first bytes are read to tell, before the buffer for the
// whole file is made.
func (fs *FS) readCapped(size int64, read func([]byte) (int, error)) ([]byte, error) {
	maxSize := min(fs.MaxFileSize, MaxFileSizeLimit) // the fields are exported: they may have been raised
	var head []byte
	if size > maxSize {
		planSize := min(fs.MaxPlanFileSize, MaxFileSizeLimit)
		if size > planSize {
			return nil, fmt.Errorf("%w (%d bytes, cap %d)", ErrTooLarge, size, maxSize)
		}
		var err error
		if head, err = readHead(read); err != nil {
			return nil, err
		}
		if !PlanHead(head) {
			return nil, fmt.Errorf("%w (%d bytes, cap %d)", ErrTooLarge, size, maxSize)
		}
		maxSize = planSize
	}
	limit := maxSize + 1
	// One byte more than the size: room for the read that sees the end.
	b := append(make([]byte, 0, max(size+1, int64(len(head)))), head...)
	for int64(len(b)) < limit {
		if len(b) == cap(b) {
			b = slices.Grow(b, 4096)
		}
		n, err := read(b[len(b):int(min(int64(cap(b)), limit))])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) || n == 0 && err == nil {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(b)) > maxSize {
		return nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, maxSize)
	}
	return b, nil
}

// readHead reads the first planHeadSize bytes with read, or fewer at the
// end of the file.
func readHead(read func([]byte) (int, error)) ([]byte, error) {
	head := make([]byte, 0, planHeadSize)
	for len(head) < planHeadSize {
		n, err := read(head[len(head):planHeadSize])
		head = head[:len(head)+n]
		if errors.Is(err, io.EOF) || n == 0 && err == nil {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return head, nil
}

// DescribeReadError says why a file could not be read, without the path
// (which the diagnostic that quotes it already names).
func DescribeReadError(err error) string { return describeOSError(err) }

// ReadDir lists the names in a directory inside the roots, sorted, plus any
// overlaid files that belong to it.
func (fs *FS) ReadDir(dir string) ([]string, error) {
	if !fs.Within(dir) {
		return nil, ErrOutsideRoots
	}
	clean := filepath.Clean(dir)
	listed, err := fs.list(clean)
	if err != nil {
		return nil, err
	}
	names := slices.Clone(listed) // callers may append
	for p := range fs.overlay {
		if filepath.Dir(p) == clean && !slices.Contains(listed, filepath.Base(p)) {
			names = append(names, filepath.Base(p))
		}
	}
	sort.Strings(names)
	return names, nil
}

// list returns the sorted names of the non-directories in dir, none if it
// does not exist.
func (fs *FS) list(dir string) ([]string, error) {
	if names, ok := fs.listings.Load(dir); ok {
		return names.([]string), nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	fs.listings.Store(dir, names)
	return names, nil
}

// rememberListing records the names of dir's non-directories as a walk
// read them (sorted, as os.ReadDir gives them), so that list need not read
// the directory again. A listing already made stays.
func (fs *FS) rememberListing(dir string, names []string) {
	fs.listings.LoadOrStore(filepath.Clean(dir), names)
}

// IsDir reports whether path is a directory inside the roots.
func (fs *FS) IsDir(path string) bool {
	if !fs.Within(path) {
		return false
	}
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// ReadOwnFile reads a file the user named on the command line (--config,
// --baseline, --var-file): it may be anywhere, unlike what the scanned
// files or their config name, but it is still read as ReadFile reads: a
// regular file (a FIFO would block, /dev/zero never ends) of at most
// maxSize bytes (a file in /proc reports size 0 and is read up to the cap).
func ReadOwnFile(path string, maxSize int64) ([]byte, error) {
	anywhere := &FS{roots: []string{string(filepath.Separator)}, MaxFileSize: maxSize}
	if maxSize <= 0 {
		anywhere.MaxFileSize = DefaultMaxFileSize
	}
	return anywhere.ReadFile(path)
}

// Mentions reports whether the file at path contains one of words,
// reading it through the sandbox in pieces of a megabyte rather than
// whole, so that a file over the size cap can be told apart from one that
// might be ecslint's. A file in UTF-16 (by its byte order mark) is taken to
// mention them: its bytes do not hold the words as written.
func (fs *FS) Mentions(path string, words ...[]byte) (bool, error) {
	if _, ok := fs.within(path); !ok {
		return false, ErrOutsideRoots
	}
	info, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	if !info.Mode().IsRegular() {
		return false, ErrNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	longest := 0
	for _, w := range words {
		longest = max(longest, len(w))
	}
	const piece = 1 << 20
	buf := make([]byte, 0, piece+longest)
	first := true
	for {
		keep := min(len(buf), max(longest-1, 0))
		copy(buf, buf[len(buf)-keep:])
		buf = buf[:keep]
		n, err := io.ReadFull(f, buf[keep:keep+piece])
		buf = buf[:keep+n]
		if first && (bytes.HasPrefix(buf, []byte{0xff, 0xfe}) || bytes.HasPrefix(buf, []byte{0xfe, 0xff})) {
			return true, nil
		}
		first = false
		for _, w := range words {
			if bytes.Contains(buf, w) {
				return true, nil
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
}
