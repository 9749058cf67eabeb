/**
 * Cloudflare's response envelope and the low-level writers for JSON, HTML and reset answers.
 */
import type { ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { ApiError } from "./errors";
import type { ResponseInfo, ResultInfo } from "../state/types";

/** `{success: true, errors: [], messages: [], result}` (+ `result_info` on collections). */
export interface SuccessEnvelope<T> {
    success: true;
    errors: ResponseInfo[];
    messages: ResponseInfo[];
    result: T;
    result_info?: ResultInfo;
}

/** `api-response-common-failure`: `result` is always present and `null`; `errors` has at least one item. */
export interface FailureEnvelope {
    success: false;
    errors: ResponseInfo[];
    messages: ResponseInfo[];
    result: null;
}

/** A single-object success. */
export function success<T>(result: T): SuccessEnvelope<T> {
    return { success: true, errors: [], messages: [], result };
}

/** One page of a collection. */
export interface Page<T> {
    readonly items: T[];
    readonly result_info: ResultInfo;
}

/** Page `page` (from 1) of `items`, `perPage` at a time; without `perPage`, everything on one page. */
export function paginate<T>(items: T[], page = 1, perPage?: number): Page<T> {
    const n = items.length;
    if (perPage === undefined) return { items, result_info: { page: 1, per_page: n, count: n, total_count: n, total_pages: 1 } };
    const slice = items.slice((page - 1) * perPage, page * perPage);
    return {
        items: slice,
        result_info: { page, per_page: perPage, count: slice.length, total_count: n, total_pages: Math.max(1, Math.ceil(n / perPage)) },
    };
}

/** True for a {@link Page} (as opposed to a plain array or object result). */
export function isPage(value: unknown): value is Page<unknown> {
    return typeof value === "object" && value !== null && Array.isArray((value as Page<unknown>).items) && "result_info" in value;
}

/** A collection success: every item, on one page (the SDK reads these as `SinglePage`). */
export function collection<T>(items: T[] | Page<T>): SuccessEnvelope<T[]> {
    const page = Array.isArray(items) ? paginate(items) : items;
    return { ...success(page.items), result_info: page.result_info };
}

/** The failure envelope of an {@link ApiError}. */
export function failure(error: ApiError): FailureEnvelope {
    return { success: false, errors: error.errors, messages: [], result: null };
}

/** A fake `cf-ray` id, so clients that log it have something to log. */
export function rayId(): string {
    return `${randomBytes(8).toString("hex")}-EMU`;
}

/** Writes a JSON body with Cloudflare-like headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        "cf-ray": rayId(),
        ...headers,
    });
    res.end(text);
}

/**
 * A 502 the way Cloudflare's edge sends it: an HTML page, not JSON. Clients must not assume every
 * error body is an envelope.
 */
export function sendBadGateway(res: ServerResponse): void {
    const html =
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n" +
        "<hr><center>cloudflare</center>\n</body>\n</html>\n";
    res.writeHead(502, {
        "content-type": "text/html",
        "content-length": Buffer.byteLength(html),
        "cf-ray": rayId(),
    });
    res.end(html);
}
