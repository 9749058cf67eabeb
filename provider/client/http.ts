/**
 * The transport: one place that builds URLs and headers, applies the per-request timeout, parses the
 * API envelope into a result or a typed error, and retries through `./retry`.
 */
import { request, type Dispatcher } from "undici";
import { accountIdentity, authHeaders, type Credentials } from "../core/credentials";
import { findPackageRoot, PACKAGE_NAME } from "../core/packageInfo";
import {
    CloudflareApiError,
    CloudflareConnectionError,
    CloudflareRequestError,
    CloudflareTimeoutError,
    isCloudflareApiError,
    isConnectionError,
} from "./errors";
import { parseRateLimitHeaders, type ReportedPolicy } from "./rateBudget";
import { DEFAULT_PAUSE_MS, type Held, HELD_NOTICE_MS, heldLine, MAX_PAUSE_MS, type RateLimiter } from "./rateLimiter";
import { DEADLINE_GRACE_MS } from "../core/duration";
import { DEFAULT_RETRY_OPTIONS, isRetryable, isRetryableWithoutSideEffects, parseRetryAfter, type RetryOptions, withRetries } from "./retry";
import type { CloudflareErrorDetail, Envelope } from "./wire";

export interface CloudflareClientOptions {
    /** API base URL, e.g. `https://api.cloudflare.com/client/v4`. */
    readonly baseUrl: string;
    readonly credentials: Credentials;
    /** Per-attempt timeout. @default 30000 */
    readonly requestTimeoutMs?: number;
    /** Overrides for the retry policy (see `DEFAULT_RETRY_OPTIONS`). */
    readonly retry?: Partial<RetryOptions>;
    /** undici dispatcher; the global one by default. */
    readonly dispatcher?: Dispatcher;
    /** Told about each retry in one line (no headers, no bodies). */
    readonly log?: (message: string) => void;
    /**
     * Every attempt waits for its turn here, paced by the budget each answer reports for this token
     * (`Ratelimit`), and a 429 pauses it for the Retry-After, holding back all requests that share
     * it. A wait of 5 s or more is told once through `log`. @default none (no client-side limit)
     */
    readonly rateLimiter?: RateLimiter;
}

export interface RequestOptions {
    /** JSON body. */
    readonly body?: unknown;
    /**
     * Epoch ms, the operation's deadline: no retry starts (or waits) past it, and no attempt (nor
     * its wait for the rate limiter) runs past it plus `DEADLINE_GRACE_MS`, so a last status read at
     * the deadline still gets its answer, and a server that does not answer cannot hold the operation.
     */
    readonly deadline?: number;
    /**
     * `idempotent` (default) retries 408, 429, 5xx and connection errors. `once-unless-refused`, for
     * uploads, retries only 408 and 429, where the server certainly stored nothing.
     */
    readonly retry?: "idempotent" | "once-unless-refused";
}

/** @default 30000 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

let cachedUserAgent: string | undefined;

/** `pulumi-cloudflare-hostname-certificates/<version>`, read from the package's package.json. */
export function userAgent(): string {
    cachedUserAgent ??= `${PACKAGE_NAME}/${findPackageRoot(__dirname)?.version ?? "0.0.0"}`;
    return cachedUserAgent;
}

export class CloudflareClient {
    readonly retryOptions: RetryOptions;
    private readonly baseUrl: string;
    /** The base URL as messages show it: without any user name or password. */
    private readonly shownBaseUrl: string;
    /** Whose rate budget the requests spend: the base URL and a hash of the credentials. */
    private readonly account: string;
    /** Until when a wait for the rate budget was last told, so one resource's row says it once. */
    private toldUntil = -Infinity;

    constructor(private readonly options: CloudflareClientOptions) {
        this.retryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        this.shownBaseUrl = withoutCredentials(this.baseUrl);
        this.account = accountIdentity(this.baseUrl, options.credentials);
    }

    /** Sends one API request (with retries) and returns the envelope, or throws a typed error. */
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Envelope<T>> {
        const shouldRetry = options.retry === "once-unless-refused" ? isRetryableWithoutSideEffects : isRetryable;
        return withRetries(() => this.send<T>(method, path, options), this.retryOptions, {
            deadline: options.deadline,
            shouldRetry,
            onRetry: (error, delayMs, attempt) =>
                this.options.log?.(
                    `Cloudflare ${method} ${path} failed (${describe(error)}); retry ${attempt} of ` +
                        `${this.retryOptions.maxAttempts - 1} in ${(delayMs / 1000).toFixed(1)}s`,
                ),
        });
    }

    private async send<T>(method: string, path: string, options: RequestOptions): Promise<Envelope<T>> {
        // Wait for a turn before the per-request timeout starts: queueing is not the server being slow.
        // The wait ends with the operation's grace (see DEADLINE_GRACE_MS), as the attempt does.
        const queueing = new AbortController();
        const limit = options.deadline === undefined ? undefined : setTimeout(() => queueing.abort(), Math.max(0, this.graceLeftMs(options.deadline)));
        limit?.unref();
        const release = await this.options.rateLimiter
            ?.acquire({ account: this.account, onHeld: (held) => this.tellHeld(held), signal: queueing.signal })
            .catch((reason: unknown) => {
                throw new CloudflareTimeoutError(method, path, 0, { cause: reason, deadline: true });
            })
            .finally(() => clearTimeout(limit));
        let reported: ReportedPolicy[] | undefined;
        try {
            return await this.attempt<T>(method, path, options, (headers) => (reported = parseRateLimitHeaders(headers.ratelimit, headers["ratelimit-policy"])));
        } finally {
            release?.(reported);
        }
    }

    /** Milliseconds until the operation's deadline plus its grace: no attempt runs past that. */
    private graceLeftMs(deadline: number): number {
        return deadline + DEADLINE_GRACE_MS - this.retryOptions.now();
    }

    /** `answered` sees the headers of any answer, success or error, before its body is read. */
    private async attempt<T>(method: string, path: string, options: RequestOptions, answered: (headers: ResponseHeaders) => void): Promise<Envelope<T>> {
        const perRequest = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        const graceLeft = options.deadline === undefined ? Infinity : this.graceLeftMs(options.deadline);
        if (graceLeft <= 0) throw new CloudflareTimeoutError(method, path, 0, { deadline: true });
        const timeoutMs = Math.min(perRequest, graceLeft);
        const signal = AbortSignal.timeout(timeoutMs);
        const hasBody = options.body !== undefined;
        let statusCode: number;
        let headers: ResponseHeaders;
        let text: string;
        try {
            const response = await request(`${this.baseUrl}${path}`, {
                method: method as Dispatcher.HttpMethod,
                headers: this.headers(hasBody),
                body: hasBody ? JSON.stringify(options.body) : undefined,
                signal,
                dispatcher: this.options.dispatcher,
            });
            statusCode = response.statusCode;
            headers = response.headers;
            answered(headers);
            text = await response.body.text();
        } catch (error) {
            if (signal.aborted) throw new CloudflareTimeoutError(method, path, timeoutMs, { cause: error, deadline: timeoutMs < perRequest });
            // undici refused to send it (e.g. a header value with a line break): no retry can help.
            if (errorCode(error) === "UND_ERR_INVALID_ARG") throw new CloudflareRequestError(method, path, (error as Error).message, { cause: error });
            throw new CloudflareConnectionError(method, path, errorCode(error), { cause: error });
        }
        try {
            const url = `${this.shownBaseUrl}${path}`;
            return parseEnvelope<T>({ status: statusCode, headers, text, method, path, url, now: this.retryOptions.now() });
        } catch (error) {
            if (isCloudflareApiError(error) && error.status === 429) this.pauseAfterRateLimit(error.retryAfterMs);
            throw error;
        }
    }

    /** One line for a wait, unless a wait told before ends about when this one does. */
    private tellHeld(held: Held): void {
        const until = this.retryOptions.now() + held.ms;
        if (until <= this.toldUntil + HELD_NOTICE_MS) return;
        this.toldUntil = until;
        this.options.log?.(heldLine(held));
    }

    /** Cloudflare blocks the whole user after a 429, so every request sharing the limiter waits. */
    private pauseAfterRateLimit(retryAfterMs: number | undefined): void {
        const pauseMs = Math.min(retryAfterMs ?? DEFAULT_PAUSE_MS, MAX_PAUSE_MS);
        if (this.options.rateLimiter?.pause(pauseMs)) {
            this.options.log?.(`Cloudflare rate limit reached (HTTP 429): holding back every request for ${(pauseMs / 1000).toFixed(1)}s`);
        }
    }

    private headers(hasBody: boolean): Record<string, string> {
        return {
            accept: "application/json",
            "user-agent": userAgent(),
            ...(hasBody ? { "content-type": "application/json" } : {}),
            ...authHeaders(this.options.credentials),
        };
    }
}

/** `https://user:pass@host/x` → `https://host/x`; anything unparsable is shown as is (it holds no URL credentials then). */
function withoutCredentials(url: string): string {
    try {
        const parsed = new URL(url);
        if (parsed.username === "" && parsed.password === "") return url;
        parsed.username = "";
        parsed.password = "";
        return parsed.toString().replace(/\/+$/, "");
    } catch {
        return url;
    }
}

function errorCode(error: unknown): string {
    const code = (error as { code?: unknown })?.code;
    if (typeof code === "string") return code;
    return error instanceof Error ? error.name : "unknown error";
}

/** Short, secret-free description of an error for retry logs. */
function describe(error: unknown): string {
    if (isCloudflareApiError(error)) return `HTTP ${error.status}${error.errors[0]?.code ? ` ${error.errors[0].code}` : ""}`;
    if (isConnectionError(error)) return error.detail;
    return errorCode(error);
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

interface RawResponse {
    readonly status: number;
    readonly headers: ResponseHeaders;
    readonly text: string;
    readonly method: string;
    readonly path: string;
    /** The full URL without credentials. @default the path */
    readonly url?: string;
    readonly now: number;
}

function header(headers: RawResponse["headers"], name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

/** Turns a raw response into the envelope, or throws the matching {@link CloudflareApiError}. */
export function parseEnvelope<T>(raw: RawResponse): Envelope<T> {
    let body: unknown;
    try {
        body = raw.text.trim() === "" ? undefined : JSON.parse(raw.text);
    } catch {
        body = undefined;
    }
    const envelope = isObject(body) ? body : undefined;
    const ok = raw.status >= 200 && raw.status < 300 && envelope?.success === true;
    if (ok) {
        // The JSON boundary: `result` is what the endpoint's caller asked for (`request<T>`).
        return { ...envelope, success: true, result: envelope.result as T, errors: flattenErrors(envelope.errors), messages: flattenErrors(envelope.messages) };
    }
    const isEnvelope = envelope !== undefined && typeof envelope.success === "boolean";
    throw CloudflareApiError.generate({
        status: raw.status,
        errors: isEnvelope ? flattenErrors(envelope.errors) : [],
        method: raw.method,
        path: raw.path,
        url: raw.url,
        envelope: isEnvelope,
        contentType: isEnvelope || raw.text.trim() === "" ? undefined : header(raw.headers, "content-type")?.split(";")[0].trim() || "none",
        retryAfterMs: retryAfter(raw),
    });
}

function retryAfter(raw: RawResponse): number | undefined {
    const ms = Number(header(raw.headers, "retry-after-ms"));
    if (Number.isFinite(ms) && ms >= 0 && header(raw.headers, "retry-after-ms") !== undefined) return ms;
    return parseRetryAfter(header(raw.headers, "retry-after"), raw.now);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `errors[]`, with nested `error_chain` entries flattened after their parent; junk entries dropped. */
export function flattenErrors(value: unknown): CloudflareErrorDetail[] {
    if (!Array.isArray(value)) return [];
    const out: CloudflareErrorDetail[] = [];
    for (const item of value) {
        if (!isObject(item)) continue;
        out.push({ code: Number(item.code) || 0, message: String(item.message ?? "") });
        out.push(...flattenErrors(item.error_chain));
    }
    return out;
}
