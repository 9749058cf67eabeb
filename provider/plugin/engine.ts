/**
 * The plugin's two links to the engine that `@pulumi/pulumi/provider` leaves out: status lines onto a
 * resource's row (the engine's log service, as for the dynamic provider: `../runtime/engineLog.ts`), and
 * the provider config, which its server's Configure answers without passing on.
 */
import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import type { ConfigureRequest } from "@pulumi/pulumi/proto/provider_pb";
import { engineLogAt, type EngineModules, useEngineLog } from "../runtime/engineLog";
import type { ConfigVariables } from "./settings";

/** Sends this process's progress lines to the engine at `address`. */
export function connectEngineLog(address: string): void {
    useEngineLog(engineLogAt(address, { grpc, EngineClient, proto: engineProto } as unknown as EngineModules));
}

type Unary = (call: { request: ConfigureRequest }, callback: (...args: unknown[]) => void) => void;

/**
 * Calls `listener` with every Configure request's variables before the provider server answers it.
 * The server is built inside `main`, so this hooks where it registers with gRPC; call it before `main`.
 */
export function onConfigure(listener: (variables: ConfigVariables) => void): void {
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        const configure = (implementation as { configure?: Unary }).configure;
        if (typeof configure === "function" && "checkConfig" in implementation) {
            (implementation as { configure: Unary }).configure = (call, callback) => {
                listener(new Map(call.request.getVariablesMap().toArray()));
                configure.call(implementation, call, callback);
            };
        }
        return addService.call(this, service, implementation);
    };
}
