/**
 * The control surface over HTTP, under `/__emulator`, so a separately started emulator (CLI) can be
 * driven by another process. Bodies and results are JSON in the usual envelope; field names are
 * snake_case. No authentication: the emulator listens on loopback.
 *
 * | Method and path                                              | Body                                            |
 * |--------------------------------------------------------------|-------------------------------------------------|
 * | GET    /__emulator/requests                                  |                                                 |
 * | GET    /__emulator/history                                   |                                                 |
 * | GET    /__emulator/certificates[?zone_id=]                   |                                                 |
 * | GET    /__emulator/associations[?zone_id=]                   |                                                 |
 * | POST   /__emulator/reset                                     |                                                 |
 * | PUT    /__emulator/latency                                   | {ms}                                            |
 * | POST   /__emulator/tokens/revoke                             | {token}                                         |
 * | PUT    /__emulator/listing                                   | {shape?, page_size?}                            |
 * | POST   /__emulator/faults                                    | {rate, kinds, seed?, match?, retry_after_seconds?, timing?} |
 * | POST   /__emulator/faults/sequence                           | {outcomes, match?, retry_after_seconds?, timing?} |
 * | DELETE /__emulator/faults                                    |                                                 |
 * | PUT    /__emulator/foreign-load                              | {requests_per_second, token?}                   |
 * | GET    /__emulator/foreign-load[?token=]                     |                                                 |
 * | GET    /__emulator/clock                                     |                                                 |
 * | POST   /__emulator/clock/advance                             | {ms}                                            |
 * | POST   /__emulator/fail-next-deployment                      | {zone_id?, count?}                              |
 * | POST   /__emulator/fail-next-deletion                        | {zone_id?, count?}                              |
 * | DELETE /__emulator/zones/{zone_id}/certificates/{id}         | (out-of-band delete)                            |
 * | PUT    /__emulator/zones/{zone_id}/certificates/{id}/status  | {status}                                        |
 * | PUT    /__emulator/zones/{zone_id}/certificates/{id}/expiry  | {expires_on}                                    |
 * | POST   /__emulator/zones/{zone_id}/certificates/{id}/fail-deployment |                                         |
 * | POST   /__emulator/zones/{zone_id}/certificates/{id}/fail-deletion   |                                         |
 *
 * `match` is `{method?, path?, path_pattern?}`: `path` is a substring, `path_pattern` a RegExp source.
 * `timing` is `"before"` (default: nothing is handled) or `"after"` (handled, then the answer is lost).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isManualClock, isoTime } from "../state/clock";
import { EmulatorControlError } from "./outOfBand";
import { failure, sendJson, success } from "../api/envelope";
import { ApiError } from "../api/errors";
import type { FaultConfig, FaultKind, FaultMatch, FaultOutcome, FaultTiming, SequenceOptions } from "./faults";
import type { ForeignLoad } from "./rateLimit";
import type { EmulatorRuntime } from "../server/runtime";
import type { RequestBody } from "../server/body";
import type { CertificateStatus, ListShape } from "../state/types";

/** Base path of the control API. */
export const CONTROL_BASE_PATH = "/__emulator";

type Json = Record<string, unknown>;
type Handler = (runtime: EmulatorRuntime, params: string[], body: Json, url: URL) => unknown;

const ROUTES: Array<[method: string, pattern: RegExp, handler: Handler]> = [
    ["GET", /^\/requests$/, (rt) => rt.log.list()],
    ["GET", /^\/history$/, (rt) => rt.ctx.store.history()],
    ["GET", /^\/certificates$/, (rt, _p, _b, url) => rt.controller.certificates(url.searchParams.get("zone_id") ?? undefined)],
    ["GET", /^\/associations$/, (rt, _p, _b, url) => rt.controller.associations(url.searchParams.get("zone_id") ?? undefined)],
    ["POST", /^\/reset$/, (rt) => rt.reset()],
    ["PUT", /^\/latency$/, (rt, _p, body) => rt.setLatency(number(body.ms, "ms"))],
    ["POST", /^\/tokens\/revoke$/, (rt, _p, body) => rt.revokeToken(String(body.token))],
    ["PUT", /^\/listing$/, (rt, _p, body) => rt.setListing({ shape: body.shape as ListShape | undefined, pageSize: body.page_size as number | null | undefined })],
    ["POST", /^\/faults$/, (rt, _p, body) => rt.faults.inject(faultConfig(body))],
    ["POST", /^\/faults\/sequence$/, (rt, _p, body) => rt.faults.sequence(body.outcomes as FaultOutcome[], sequenceOptions(body))],
    ["DELETE", /^\/faults$/, (rt) => rt.faults.clear()],
    ["PUT", /^\/foreign-load$/, (rt, _p, body) => rt.setForeignLoad(number(body.requests_per_second, "requests_per_second"), optionalString(body.token, "token"))],
    ["GET", /^\/foreign-load$/, (rt, _p, _b, url) => foreignLoadJson(rt.foreignLoad(url.searchParams.get("token") ?? undefined))],
    ["GET", /^\/clock$/, (rt) => ({ now: isoTime(rt.ctx.clock.now()), manual: isManualClock(rt.ctx.clock) })],
    ["POST", /^\/clock\/advance$/, (rt, _p, body) => rt.controller.advance(number(body.ms, "ms"))],
    ["POST", /^\/fail-next-deployment$/, (rt, _p, body) => rt.controller.failNextDeployment(failNext(body))],
    ["POST", /^\/fail-next-deletion$/, (rt, _p, body) => rt.controller.failNextDeletion(failNext(body))],
    ["DELETE", /^\/zones\/([^/]+)\/certificates\/([^/]+)$/, (rt, [z, id]) => rt.controller.deleteCertificate(z, id)],
    ["PUT", /^\/zones\/([^/]+)\/certificates\/([^/]+)\/status$/, (rt, [z, id], body) => rt.controller.setStatus(z, id, body.status as CertificateStatus)],
    ["PUT", /^\/zones\/([^/]+)\/certificates\/([^/]+)\/expiry$/, (rt, [z, id], body) => rt.controller.setExpiry(z, id, String(body.expires_on))],
    ["POST", /^\/zones\/([^/]+)\/certificates\/([^/]+)\/fail-deployment$/, (rt, [z, id]) => rt.controller.failDeployment(z, id)],
    ["POST", /^\/zones\/([^/]+)\/certificates\/([^/]+)\/fail-deletion$/, (rt, [z, id]) => rt.controller.failDeletion(z, id)],
];

/** Serves one control request. */
export function handleControl(runtime: EmulatorRuntime, req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): void {
    const method = req.method ?? "GET";
    const path = url.pathname.slice(CONTROL_BASE_PATH.length);
    try {
        for (const [routeMethod, pattern, handler] of ROUTES) {
            const match = pattern.exec(path);
            if (!match || routeMethod !== method) continue;
            const result = handler(runtime, match.slice(1).map(decodeURIComponent), parseBody(body), url);
            return sendJson(res, 200, success(result ?? null));
        }
        throw ApiError.of("controlNotFound", { method, path: url.pathname });
    } catch (error) {
        const apiError =
            error instanceof ApiError
                ? error
                : error instanceof EmulatorControlError || error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError
                  ? ApiError.of("controlError", { detail: error.message })
                  : undefined;
        if (!apiError) throw error;
        sendJson(res, apiError.status, failure(apiError));
    }
}

function parseBody(body: RequestBody): Json {
    if (body.text.trim() === "") return {};
    const parsed = JSON.parse(body.text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new TypeError("control body must be a JSON object");
    return parsed as Json;
}

function number(value: unknown, name: string): number {
    if (typeof value !== "number") throw new TypeError(`${name} must be a number`);
    return value;
}

function optionalString(value: unknown, name: string): string | undefined {
    if (value !== undefined && typeof value !== "string") throw new TypeError(`${name} must be a string`);
    return value;
}

function foreignLoadJson(load: ForeignLoad): Json {
    return { requests_per_second: load.requestsPerSecond, sent: load.sent, refused: load.refused };
}

function match(body: Json): FaultMatch | undefined {
    const m = body.match as { method?: string; path?: string; path_pattern?: string } | undefined;
    if (!m) return undefined;
    return { method: m.method, path: m.path_pattern !== undefined ? new RegExp(m.path_pattern) : m.path };
}

function faultConfig(body: Json): FaultConfig {
    return {
        rate: number(body.rate, "rate"),
        kinds: body.kinds as FaultKind[],
        seed: body.seed as number | undefined,
        match: match(body),
        retryAfterSeconds: body.retry_after_seconds as number | undefined,
        timing: body.timing as FaultTiming | undefined,
    };
}

function sequenceOptions(body: Json): SequenceOptions {
    if (!Array.isArray(body.outcomes)) throw new TypeError("outcomes must be an array");
    return { match: match(body), retryAfterSeconds: body.retry_after_seconds as number | undefined, timing: body.timing as FaultTiming | undefined };
}

function failNext(body: Json): { zoneId?: string; count?: number } {
    return { zoneId: body.zone_id as string | undefined, count: body.count as number | undefined };
}
