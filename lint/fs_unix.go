//go:build unix

package lint

import (
	"fmt"
	"os"
	"syscall"
)

// readRegular reads a file that Lstat just found regular, with a bare open,
// fstat and read: an os.File costs four fcntl and an epoll_ctl more per
// open on Linux, for a poller regular files never use. O_NOFOLLOW and
// O_NONBLOCK keep a symlink or FIFO swapped in since the Lstat from being
// followed or blocking the run; fstat then turns it away.
func (fs *FS) readRegular(path string) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		return nil, fmt.Errorf("is a directory")
	default:
		return nil, ErrNotRegular
	}
	return fs.readCapped(st.Size, func(b []byte) (int, error) {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, b) })
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: path, Err: err}
		}
		return n, nil
	})
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR { //nolint:errorlint // a bare Errno from syscall
			return n, err
		}
	}
}
