/**
 * What the plugin needs from the engine that `@pulumi/pulumi/provider`'s server leaves out:
 * - status lines onto a resource's row (the engine's log service, as for the dynamic provider: `../runtime/engineLog.ts`);
 * - the provider config, which the server's Configure answers without passing on;
 * - previews that never echo the key. Without preview support the engine answers a preview's
 *   RegisterResource with the inputs as outputs, the key among them, and language SDKs log that
 *   answer at debug level in plain text. So the plugin says it supports previews and answers a
 *   preview's Create and Update itself, without the key and without calling the provider (which
 *   would upload or wait); a real Create or Update goes to the server as before.
 * The server is built inside `main`, so this hooks where it registers with gRPC: call it before `main`.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { type ConfigureRequest, type ConfigureResponse, CreateResponse, type CreateRequest, UpdateResponse, type UpdateRequest } from "@pulumi/pulumi/proto/provider_pb";
import { engineLogAt, type EngineModules, useEngineLog } from "../runtime/engineLog";
import type { ConfigVariables } from "./settings";

type Props = Record<string, unknown>;

/** Sends this process's progress lines to the engine at `address`. */
export function connectEngineLog(address: string): void {
    useEngineLog(engineLogAt(address, { grpc, EngineClient, proto: engineProto } as unknown as EngineModules));
}

/** What the plugin does itself, before or instead of the server. */
export interface EngineHooks {
    /** Every Configure request's variables, before the server answers it. */
    configure(variables: ConfigVariables): void;
    /** A preview's outputs for a resource: `olds` are the stored outputs (undefined for a create). */
    previewOutputs(urn: string, olds: Props | undefined, news: Props): Props;
}

type Callback = (error: unknown, response?: unknown) => void;
type Unary<Req> = (call: { request: Req }, callback: Callback) => void;

interface ProviderService {
    configure: Unary<ConfigureRequest>;
    create: Unary<CreateRequest>;
    update: Unary<UpdateRequest>;
}

function isProviderService(implementation: object): implementation is ProviderService {
    return ["configure", "checkConfig", "create", "update"].every((name) => typeof (implementation as Record<string, unknown>)[name] === "function");
}

function hooked(server: ProviderService, hooks: EngineHooks): ProviderService {
    return {
        configure: (call, callback) => {
            hooks.configure(new Map(call.request.getVariablesMap().toArray()));
            server.configure.call(server, call, (error, response) => callback(error, error ? response : (response as ConfigureResponse).setSupportspreview(true)));
        },
        create: (call, callback) => {
            if (!call.request.getPreview()) return server.create.call(server, call, callback);
            const outs = hooks.previewOutputs(call.request.getUrn(), undefined, propsOf(call.request.getProperties()));
            callback(null, new CreateResponse().setId("").setProperties(Struct.fromJavaScript(outs as never)));
        },
        update: (call, callback) => {
            if (!call.request.getPreview()) return server.update.call(server, call, callback);
            const outs = hooks.previewOutputs(call.request.getUrn(), propsOf(call.request.getOlds()), propsOf(call.request.getNews()));
            callback(null, new UpdateResponse().setProperties(Struct.fromJavaScript(outs as never)));
        },
    };
}

function propsOf(struct: { toJavaScript(): unknown } | undefined): Props {
    return (struct?.toJavaScript() ?? {}) as Props;
}

export function hookEngine(hooks: EngineHooks): void {
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        if (!isProviderService(implementation)) return addService.call(this, service, implementation);
        // The server's methods live on its prototype: keep them all, override these three.
        const methods = Object.fromEntries(Object.keys(service).map((name) => [name, (implementation as unknown as Record<string, Function>)[name]?.bind(implementation)]));
        return addService.call(this, service, { ...methods, ...hooked(implementation, hooks) } as unknown as grpc.UntypedServiceImplementation);
    };
}
