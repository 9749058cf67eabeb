/**
 * The Pulumi engine's log service, as seen from the dynamic-provider process. That process is
 * started with the engine's address as its first argument, but Pulumi's dynamic-provider host does
 * not pass the resource's URN to `create` or `delete`, nor connect `pulumi.log`. So we connect to
 * the engine ourselves: a message sent with a resource's URN lands on that resource's row in
 * `pulumi up` (as its status when `ephemeral`), instead of as a stray stderr line on the stack's row.
 *
 * Outside the dynamic-provider host (unit tests, the provider used as a library) there is no
 * engine, and callers fall back to stderr.
 */
import * as path from "node:path";
import { isDynamicProviderHost } from "./engineWatch";

/** The engine's severities this provider uses (`pulumirpc.LogSeverity`). */
export type EngineSeverity = "info" | "warning";

/** Sends one message; resolves false when the engine could not take it (the caller falls back). */
export type EngineLogSend = (severity: EngineSeverity, message: string, urn: string, ephemeral: boolean) => Promise<boolean>;

let cached: EngineLogSend | null | undefined;

/** The engine's log, when this process is Pulumi's dynamic-provider host; null otherwise. */
export function engineLog(): EngineLogSend | null {
    if (cached === undefined) cached = connect();
    return cached;
}

/** For a process that connects to the engine itself (the resource plugin, `../plugin/engine.ts`). */
export function useEngineLog(send: EngineLogSend): void {
    cached = send;
}

/** The gRPC modules a sender needs: the copies of the process's `@pulumi/pulumi`. */
export interface EngineModules {
    readonly grpc: { credentials: { createInsecure(): unknown } };
    readonly EngineClient: new (address: string, credentials: unknown) => { log(request: unknown, callback: (error: unknown) => void): void };
    readonly proto: { LogRequest: new () => any; LogSeverity: { INFO: number; WARNING: number } };
}

/** A sender to the engine at `address`. */
export function engineLogAt(address: string, { grpc, EngineClient, proto }: EngineModules): EngineLogSend {
    const client = new EngineClient(address, grpc.credentials.createInsecure());
    const severities = { info: proto.LogSeverity.INFO, warning: proto.LogSeverity.WARNING };
    return (severity, message, urn, ephemeral) =>
        new Promise((resolve) => {
            const request = new proto.LogRequest();
            request.setSeverity(severities[severity]);
            request.setMessage(message);
            request.setUrn(urn);
            request.setEphemeral(ephemeral);
            client.log(request, (error: unknown) => resolve(!error));
        });
}

function connect(): EngineLogSend | null {
    const address = process.argv[2];
    if (!address || !isDynamicProviderHost()) return null;
    try {
        // The generated client and grpc-js must be the copies @pulumi/pulumi itself uses.
        const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiRoot] }));
        const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb");
        const proto = require("@pulumi/pulumi/proto/engine_pb");
        return engineLogAt(address, { grpc, EngineClient, proto });
    } catch {
        return null; // an unexpected Pulumi layout: stderr still works
    }
}
