/**
 * The HTTP server: reads the request, applies latency and injected faults, routes, authenticates,
 * rate-limits, runs the operation and answers with Cloudflare's envelope. Control requests go to
 * `../control/http.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readBody, type RequestBody } from "./body";
import { deleteCertificate, getCertificate, listCertificates, uploadCertificate } from "../api/certificates";
import { getHostname, putHostnames } from "../api/hostnames";
import { authenticate } from "../api/auth";
import { isoTime } from "../state/clock";
import { CONTROL_BASE_PATH, handleControl } from "../control/http";
import type { EmulatorContext } from "../state/context";
import { collection, failure, isPage, sendBadGateway, sendJson, success, type FailureEnvelope, type SuccessEnvelope } from "../api/envelope";
import { ApiError } from "../api/errors";
import type { FaultDecision } from "../control/faults";
import { type RequestLogEntry, zoneIdOf } from "../control/request-log";
import { matchRoute, type OperationName, type RouteMatch } from "../api/routes";
import type { EmulatorRuntime } from "./runtime";

/** Creates the (not yet listening) HTTP server of an emulator. */
export function createEmulatorServer(runtime: EmulatorRuntime): Server {
    return createServer((req, res) => {
        handle(runtime, req, res).catch((error: unknown) => {
            // Only a bug gets here; answer like an upstream failure rather than hanging the client.
            process.stderr.write(`emulator: unexpected error: ${String(error)}\n`);
            if (!res.headersSent) sendJson(res, 500, failure(ApiError.of("internalError")));
            else res.destroy();
        });
    });
}

async function handle(runtime: EmulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const body = await readBody(req);
    if (url.pathname === CONTROL_BASE_PATH || url.pathname.startsWith(`${CONTROL_BASE_PATH}/`)) {
        return handleControl(runtime, req, res, url, body);
    }
    return handleApi(runtime, req, res, url, body);
}

/** A parsed API request. */
interface ApiRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    req: IncomingMessage;
    body: RequestBody;
}

/** What to answer an API request with. */
interface Outcome {
    status: number;
    body: SuccessEnvelope<unknown> | FailureEnvelope;
    headers: Record<string, string>;
    operation: OperationName | null;
}

async function handleApi(runtime: EmulatorRuntime, req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const entry: RequestLogEntry = {
        time: isoTime(runtime.ctx.clock.now()),
        method,
        path,
        status: 0,
        zone_id: zoneIdOf(path),
        operation: null,
        fault: null,
        fault_timing: null,
        retry_count: retryCount(req),
        error_codes: [],
    };
    // Unref'd: a pending delay must not keep a closed emulator's process alive.
    if (runtime.latencyMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, runtime.latencyMs).unref());
        if (req.socket.destroyed) return; // the client gave up, or the emulator was closed
    }
    const fault = runtime.faults.decide(method, path);
    if (fault?.timing !== "before") {
        // No fault, or one that strikes after the request was handled: its change is made either way.
        const outcome = answer(runtime, { method, path, query: url.searchParams, req, body });
        Object.assign(entry, { status: outcome.status, operation: outcome.operation, error_codes: outcome.body.errors.map((e) => e.code) });
        if (!fault) sendJson(res, outcome.status, outcome.body, outcome.headers);
    }
    if (fault) {
        Object.assign(entry, { fault: fault.kind, fault_timing: fault.timing, status: sendFault(req, res, fault), error_codes: faultCodes(fault) });
    }
    runtime.log.add(entry);
}

/** Routing, authentication, rate limiting and the operation, in Cloudflare's order. */
function answer(runtime: EmulatorRuntime, request: ApiRequest): Outcome {
    const outcome: Outcome = { status: 200, body: success(null), headers: {}, operation: null };
    try {
        if (request.body.tooLarge) throw ApiError.of("bodyTooLarge");
        const match = matchRoute(request.method, request.path);
        outcome.operation = match.operation.name;
        const identity = authenticate(request.req.headers, runtime.auth, match.mutating);
        if (runtime.rateLimiter) {
            const state = runtime.rateLimiter.check(identity.id, runtime.ctx.clock.now());
            Object.assign(outcome.headers, runtime.rateLimiter.headers(state));
            if (state.limited) {
                outcome.headers["retry-after"] = String(state.resetSeconds);
                throw ApiError.of("rateLimited");
            }
        }
        if (runtime.options.zones && !runtime.options.zones.has(match.zoneId)) throw ApiError.of("unauthorized");
        const result = dispatch(runtime.ctx, match, request);
        outcome.body = Array.isArray(result) || isPage(result) ? collection(result) : success(result);
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        outcome.status = error.status;
        outcome.body = failure(error);
    }
    return outcome;
}

function dispatch(ctx: EmulatorContext, match: RouteMatch, { body, query }: ApiRequest): unknown {
    switch (match.operation.name) {
        case "hostnameCertificates.create":
            return uploadCertificate(ctx, match.zoneId, jsonBody(body));
        case "hostnameCertificates.list":
            return listCertificates(ctx, match.zoneId, query);
        case "hostnameCertificates.get":
            return getCertificate(ctx, match.zoneId, match.certificateId as string);
        case "hostnameCertificates.delete":
            return deleteCertificate(ctx, match.zoneId, match.certificateId as string);
        case "hostnames.update":
            return putHostnames(ctx, match.zoneId, jsonBody(body));
        case "hostnames.get":
            return getHostname(ctx, match.zoneId, match.hostname as string);
    }
}

/** Parses a JSON request body. */
export function jsonBody(body: RequestBody): unknown {
    if (body.text.trim() === "") throw ApiError.of("malformedBody", { detail: "a JSON body is required" });
    try {
        return JSON.parse(body.text) as unknown;
    } catch {
        throw ApiError.of("malformedBody", { detail: "invalid JSON" });
    }
}

/** Answers with an injected failure; returns the status written (0 for a reset). */
function sendFault(req: IncomingMessage, res: ServerResponse, fault: FaultDecision): number {
    switch (fault.kind) {
        case "reset":
            req.socket.destroy();
            return 0;
        case 502:
            sendBadGateway(res);
            return 502;
        case 429:
            sendJson(res, 429, failure(ApiError.of("rateLimited")), { "retry-after": String(fault.retryAfterSeconds) });
            return 429;
        case 500:
            sendJson(res, 500, failure(ApiError.of("internalError")));
            return 500;
        case 503:
            sendJson(res, 503, failure(ApiError.of("serviceUnavailable")));
            return 503;
    }
}

function faultCodes(fault: FaultDecision): number[] {
    const names = { 429: "rateLimited", 500: "internalError", 503: "serviceUnavailable" } as const;
    return fault.kind === 429 || fault.kind === 500 || fault.kind === 503 ? [ApiError.of(names[fault.kind]).errors[0].code] : [];
}

function retryCount(req: IncomingMessage): number | null {
    const value = req.headers["x-stainless-retry-count"];
    const parsed = typeof value === "string" ? Number.parseInt(value, 10) : Number.NaN;
    return Number.isNaN(parsed) ? null : parsed;
}
