import { CloudflareApiError, CloudflareConnectionError, CloudflareTimeoutError } from "../../../provider/client/errors";
import {
    backoffDelayMs,
    DEFAULT_RETRY_OPTIONS,
    isRetryable,
    isRetryableWithoutSideEffects,
    parseRetryAfter,
    type RetryOptions,
    retryDelayMs,
    withRetries,
} from "../../../provider/client/retry";
import { fakeClock } from "../fakeClock";

const apiError = (status: number, retryAfterMs?: number) =>
    CloudflareApiError.generate({ status, errors: [{ code: 1000 + status, message: "x" }], method: "GET", path: "/zones/z", retryAfterMs });

function options(overrides: Partial<RetryOptions> = {}): RetryOptions & { sleeps: number[] } {
    const clock = fakeClock();
    return { ...DEFAULT_RETRY_OPTIONS, now: clock.now, sleep: clock.sleep, random: () => 0.5, sleeps: clock.sleeps, ...overrides };
}

describe("what is retried", () => {
    test("408, 429, 5xx and connection errors; not other 4xx", () => {
        for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryable(apiError(status))).toBe(true);
        for (const status of [400, 401, 403, 404, 409, 422]) expect(isRetryable(apiError(status))).toBe(false);
        expect(isRetryable(new CloudflareConnectionError("GET", "/p", "ECONNRESET"))).toBe(true);
        expect(isRetryable(new CloudflareTimeoutError("GET", "/p", 30000))).toBe(true);
        expect(isRetryable(new Error("plain"))).toBe(false);
    });

    test("an upload is retried only when the server certainly stored nothing", () => {
        expect(isRetryableWithoutSideEffects(apiError(429))).toBe(true);
        expect(isRetryableWithoutSideEffects(apiError(408))).toBe(true);
        expect(isRetryableWithoutSideEffects(apiError(502))).toBe(false);
        expect(isRetryableWithoutSideEffects(new CloudflareConnectionError("POST", "/p", "ECONNRESET"))).toBe(false);
    });
});

describe("delays", () => {
    test("exponential from 0.5 s, capped at 8 s, ±25% jitter", () => {
        const mid = options();
        expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, mid))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
        expect(backoffDelayMs(4, options({ random: () => 0 }))).toBe(6000);
        expect(backoffDelayMs(4, options({ random: () => 0.999999 }))).toBe(10000);
    });

    test("Retry-After: seconds or an HTTP date; junk ignored", () => {
        const now = Date.parse("2026-01-01T00:00:00Z");
        expect(parseRetryAfter("3", now)).toBe(3000);
        expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10000);
        expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
        expect(parseRetryAfter("soon", now)).toBeUndefined();
        expect(parseRetryAfter(undefined, now)).toBeUndefined();
    });

    test("Retry-After is honoured but capped", () => {
        const o = options();
        expect(retryDelayMs(0, apiError(429, 2000), o)).toBe(2000);
        expect(retryDelayMs(0, apiError(429, 3_600_000), o)).toBe(60_000);
        expect(retryDelayMs(2, apiError(503), o)).toBe(2000);
    });
});

describe("withRetries", () => {
    test("retries until success and waits between attempts", async () => {
        const o = options();
        const failures = [apiError(503), apiError(429, 1500), new CloudflareConnectionError("GET", "/p", "ECONNRESET")];
        let attempts = 0;
        const result = await withRetries(async () => {
            attempts++;
            const next = failures.shift();
            if (next) throw next;
            return "ok";
        }, o);
        expect(result).toBe("ok");
        expect(attempts).toBe(4);
        expect(o.sleeps).toEqual([500, 1500, 2000]);
    });

    test("gives up after maxAttempts and throws the last error", async () => {
        const o = options({ maxAttempts: 3 });
        let attempts = 0;
        await expect(
            withRetries(async () => {
                attempts++;
                throw apiError(500);
            }, o),
        ).rejects.toMatchObject({ status: 500 });
        expect(attempts).toBe(3);
    });

    test("never retries a non-retryable error", async () => {
        const o = options();
        let attempts = 0;
        await expect(
            withRetries(async () => {
                attempts++;
                throw apiError(400);
            }, o),
        ).rejects.toMatchObject({ status: 400 });
        expect(attempts).toBe(1);
        expect(o.sleeps).toEqual([]);
    });

    test("does not wait past the deadline", async () => {
        const o = options();
        let attempts = 0;
        const retries: number[] = [];
        await expect(
            withRetries(
                async () => {
                    attempts++;
                    throw apiError(429, 30_000);
                },
                o,
                { deadline: o.now() + 10_000, onRetry: (_e, delay) => retries.push(delay) },
            ),
        ).rejects.toMatchObject({ status: 429 });
        expect(attempts).toBe(1);
        expect(retries).toEqual([]);
    });
});
