package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// `ecslint lsp` speaks LSP on its standard streams: initialize answers
// with the negotiated encoding, exit ends the command with status 0.
func TestLSPSubcommandServesStdio(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := Main([]string{"ecslint", "lsp"}, inR, outW, io.Discard)
		_ = outW.Close()
		done <- code
	}()
	send := func(body string) {
		if _, err := fmt.Fprintf(inW, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
			t.Fatal(err)
		}
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-32"]}}}}`)
	r := bufio.NewReader(outR)
	var length int
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line == "\r\n" {
			break
		}
		if _, err := fmt.Sscanf(line, "Content-Length: %d", &length); err != nil && !strings.HasPrefix(line, "Content-Type") {
			t.Fatalf("header %q", line)
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), `"positionEncoding":"utf-32"`) || !strings.Contains(string(body), `"name":"ecslint"`) {
		t.Errorf("initialize result %s", body)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	send(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)
	send(`{"jsonrpc":"2.0","method":"exit"}`)
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ecslint lsp did not end on exit")
	}
}
