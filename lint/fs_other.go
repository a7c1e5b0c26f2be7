//go:build !unix

package lint

// readRegular reads a file that Lstat just found regular.
func (fs *FS) readRegular(path string) ([]byte, error) { return fs.readOpen(path) }
