package main

import (
	"fmt"
	"os/exec"
	"strconv"

	"encoding/json"
	"github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// RunPlugin runs a Node.js policy pack (the engine asks for kind "analyzer" on `--policy-pack`).
// The pack learns the stack's project, stack, dry-run flag and config from environment variables, which
// sdk/v3's PolicyProxy collects from the engine before the pack starts.
func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest,
	server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("this language host runs only policy packs, not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	packDir := req.GetInfo().GetProgramDirectory()
	runner, err := resolveModule(packDir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}

	env := req.GetEnv()
	if typescriptEnabled(req.GetInfo()) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if stack != nil {
		env = appendIfSet(env, "PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
		env = appendIfSet(env, "PULUMI_NODEJS_PROJECT", stack.GetProject())
		env = appendIfSet(env, "PULUMI_NODEJS_STACK", stack.GetStack())
		env = append(env, "PULUMI_NODEJS_DRY_RUN="+strconv.FormatBool(stack.GetDryRun()))
		if cfg := stack.GetConfig(); cfg != nil {
			b, err := json.Marshal(cfg)
			if err != nil {
				return err
			}
			env = append(env, "PULUMI_CONFIG="+string(b))
		}
	}

	args := append([]string{runner}, req.GetArgs()...)
	cmd := exec.CommandContext(ctx, "node", append(args, packDir)...)
	cmd.Dir = packDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		proxy.Abort(err)
		return fmt.Errorf("could not start policy pack: %w", err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		return fmt.Errorf("policy pack failed: %w", err)
	}
	return closer.Close()
}

func appendIfSet(env []string, key, value string) []string {
	if value == "" {
		return env
	}
	return append(env, key+"="+value)
}
