/**
 * All retry and backoff decisions for API requests live here: what is retried, how long to wait,
 * and when to give up. Polling a certificate's status is a different loop (see `../runtime/polling`).
 */
import { CloudflareApiError, isCloudflareApiError, isConnectionError } from "./errors";

/** How API requests are retried (see `DEFAULT_RETRY_OPTIONS` for the defaults). */
export interface RetryOptions {
    /**
     * Attempts per request, the first included. Eight spans about half a minute of backoff, so a
     * pipeline rides out a bad minute of the API instead of failing a long `pulumi up`. @default 8
     */
    readonly maxAttempts: number;
    /** Backoff before the first retry, doubled each time. @default 500 */
    readonly baseDelayMs: number;
    /** Cap on the exponential backoff. @default 8000 */
    readonly maxDelayMs: number;
    /** Cap on a server's Retry-After: a longer wait is cut to this. @default 60000 */
    readonly maxRetryAfterMs: number;
    /** Random in [0, 1); injectable for tests. @default Math.random */
    readonly random: () => number;
    /** Injectable for tests. @default setTimeout-based sleep */
    readonly sleep: (ms: number) => Promise<void>;
    /** Injectable for tests. @default Date.now */
    readonly now: () => number;
}

/** Resolves after `ms`, or as soon as `signal` aborts, so no timer outlives the wait it was for. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
        });
    });
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
    maxAttempts: 8,
    baseDelayMs: 500,
    maxDelayMs: 8000,
    maxRetryAfterMs: 60_000,
    random: Math.random,
    sleep,
    now: Date.now,
};

/** HTTP statuses worth retrying: timeout, rate limit, and server errors. */
export function isRetryableStatus(status: number): boolean {
    return status === 408 || status === 429 || status >= 500;
}

/** Retrying is safe and may help: 408, 429, 5xx, or no complete answer at all. */
export function isRetryable(error: unknown): boolean {
    if (isConnectionError(error)) return true;
    return isCloudflareApiError(error) && isRetryableStatus(error.status);
}

/**
 * Retrying is safe even for a non-idempotent request (an upload): the server certainly did not act
 * on it. 408 and 429 are refusals; anything else (5xx, a reset or timeout) is ambiguous, because the
 * server may have stored the certificate before failing.
 */
export function isRetryableWithoutSideEffects(error: unknown): boolean {
    return isCloudflareApiError(error) && (error.status === 408 || error.status === 429);
}

/** Exponential backoff with ±25% jitter: 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s … (before jitter). */
export function backoffDelayMs(retry: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">): number {
    const base = Math.min(options.baseDelayMs * 2 ** retry, options.maxDelayMs);
    return Math.round(base * (0.75 + 0.5 * options.random()));
}

/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
    if (value === undefined || value.trim() === "") return undefined;
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before retry number `retry` (0-based) after `error`: Retry-After if given (capped), else backoff. */
export function retryDelayMs(retry: number, error: unknown, options: RetryOptions): number {
    const asked = isCloudflareApiError(error) ? (error as CloudflareApiError).retryAfterMs : undefined;
    if (asked !== undefined) return Math.min(asked, options.maxRetryAfterMs);
    return backoffDelayMs(retry, options);
}

export interface RetryContext {
    /** Epoch ms after which no retry is started (the operation's deadline). */
    readonly deadline?: number;
    /** Which errors to retry. @default isRetryable */
    readonly shouldRetry?: (error: unknown) => boolean;
    /** Told before each wait; used for logging. */
    readonly onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
}

/**
 * Runs `operation` until it succeeds, fails with an error that should not be retried, runs out of
 * attempts, or the next wait would pass the deadline. The last error is thrown as is.
 */
export async function withRetries<T>(
    operation: (attempt: number) => Promise<T>,
    options: RetryOptions,
    context: RetryContext = {},
): Promise<T> {
    const shouldRetry = context.shouldRetry ?? isRetryable;
    for (let attempt = 1; ; attempt++) {
        try {
            return await operation(attempt);
        } catch (error) {
            if (attempt >= options.maxAttempts || !shouldRetry(error)) throw error;
            const delay = retryDelayMs(attempt - 1, error, options);
            if (context.deadline !== undefined && options.now() + delay >= context.deadline) throw error;
            context.onRetry?.(error, delay, attempt);
            await options.sleep(delay);
        }
    }
}
