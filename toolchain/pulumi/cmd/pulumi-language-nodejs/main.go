// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi CLI.
//
// Pulumi ships its language host only inside the CLI archive, and the Go module that builds it is not
// served by the module proxy these machines can reach, so we build our own from the pulumi sdk/v3
// libraries. It does what the engine needs from a Node.js host, and no more:
//   - Run: start `node @pulumi/pulumi/cmd/run` for the program, as the official host does;
//   - RunPlugin: start `@pulumi/pulumi/cmd/run-policy-pack` for `--policy-pack` (through sdk/v3's PolicyProxy);
//   - Handshake, GetPluginInfo, GetRequiredPackages, InstallDependencies, About, GetProgramDependencies.
//
// Code generation (`pulumi convert`, `pulumi package gen-sdk`) and debugging are not supported.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// engineGoneExitDelay bounds how long the host lingers once the engine is gone: a program it runs gets
// SIGINT and then, after its 5 s WaitDelay, a kill.
const engineGoneExitDelay = 8 * time.Second

func main() {
	flag.String("tracing", "", "ignored: tracing is not supported by this host")
	flag.String("runtime", "nodejs", "ignored: only nodejs is supported")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(hostVersion())
		return
	}

	// The engine passes its address as the first argument (older protocol) or later through Handshake.
	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	host := newLanguageHost(engineAddress)
	// Exit when the engine goes away, so no host (and no program it runs) outlives a killed `pulumi`:
	// stop the programs (SIGINT, then a kill after cmd.WaitDelay) and the server, and exit even if
	// something still hangs a few seconds later.
	watchEngine(func() {
		host.cancelRuns()
		stop()
		time.AfterFunc(engineGoneExitDelay, func() { os.Exit(1) })
	})
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host: %w", err))
	}
	// The engine reads our port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped: %w", err))
	}
}
