package main

import (
	"io"
	"os"
	"time"
)

// parentCheckInterval is how often the host looks whether its parent (the engine) has changed.
const parentCheckInterval = time.Second

// watchEngine calls gone once the engine that started this host is gone, e.g. `pulumi` killed with
// SIGKILL as a CI runner cancels a job; the host is in a process group of its own, so that kill does
// not reach it. Two signs, whichever comes first: the engine gives every plugin a stdin pipe that only
// it holds, so end-of-file there means it exited; and a new parent process id means the engine is no
// longer the parent. A host started by hand (stdin a terminal, not a pipe) is watched by parent only.
func watchEngine(gone func()) {
	if info, err := os.Stdin.Stat(); err == nil && info.Mode()&os.ModeNamedPipe != 0 {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			gone()
		}()
	}
	parent := os.Getppid()
	go func() {
		for range time.Tick(parentCheckInterval) {
			if os.Getppid() != parent {
				gone()
				return
			}
		}
	}()
}
