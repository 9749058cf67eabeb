/**
 * A client-side rate limiter shared by every request of one provider process, so a large
 * `pulumi up` stays under Cloudflare's global limit (1200 requests per 5 minutes per user) instead
 * of collecting 429s, and so a 429's `Retry-After` holds back every request, not only the one that
 * was refused: Cloudflare blocks the user, not the request.
 *
 * Design: a sliding-window log. Cloudflare counts a request when it arrives, which we cannot see:
 * it is somewhere between sending it and reading the answer. So a request holds a slot from the
 * moment it is let go until `windowMs` after its answer (or failure), and a new request may start
 * when, for every configured limit `{requests, windowMs}`, fewer than `requests` requests hold a
 * slot. Any window of that length on the server's clock, however Cloudflare aligns its own, then
 * sees at most `requests` of ours, and a burst may use the whole budget at once (a token bucket
 * would have to trade burst for sustained rate to give the same guarantee). Waiters are served
 * first come, first served by one pump, and every attempt (retries included) takes a slot,
 * because Cloudflare counts every request.
 *
 * The limit is per process: separate `pulumi` runs (or other tools using the same token) each have
 * their own budget, which is why the default stays well under Cloudflare's limit.
 */
import { parseDuration } from "../core/duration";
import { sleep as realSleep } from "./retry";

/** At most `requests` requests in any `windowMs` milliseconds. */
export interface RateLimit {
    readonly requests: number;
    readonly windowMs: number;
}

/**
 * `1000/5m,100/1s`. The first limit keeps 200 requests (one sixth) of Cloudflare's 1200 per 5
 * minutes for the dashboard, other tools and runs that start while this one still counts; the
 * second keeps half of Cloudflare's 200 requests per second per IP address.
 * @default "1000/5m,100/1s"
 */
export const DEFAULT_RATE_LIMIT = "1000/5m,100/1s";

/**
 * Longest pause a `Retry-After` can impose: Cloudflare blocks a user that exceeded its limit for
 * 5 minutes, so a longer value is taken as a mistake. @default 300000
 */
export const MAX_PAUSE_MS = 300_000;

/** How long a 429 without `Retry-After` pauses every request. @default 1000 */
export const DEFAULT_PAUSE_MS = 1_000;

/** The config key and environment variable that set the limit (see {@link parseRateLimits}). */
export const RATE_LIMIT_SETTING = "cloudflare:rateLimit (or CLOUDFLARE_RATE_LIMIT)";

export interface RateLimiterOptions {
    /** @default parseRateLimits(DEFAULT_RATE_LIMIT) */
    readonly limits?: readonly RateLimit[];
    /** Injectable for tests. @default Date.now */
    readonly now?: () => number;
    /** Injectable for tests; `signal` aborts when the wait is no longer needed. @default setTimeout-based sleep */
    readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Thrown for a rate limit setting that cannot be parsed; names the setting and the format. */
export class RateLimitSettingError extends Error {
    constructor(value: string) {
        super(
            `${RATE_LIMIT_SETTING} is "${value}", which is not a rate limit: use "<requests>/<duration>" such as ` +
                `"1000/5m" (several separated by commas, e.g. "${DEFAULT_RATE_LIMIT}"), or "off"`,
        );
        this.name = "RateLimitSettingError";
    }
}

/**
 * Parses `"<requests>/<duration>[,…]"` (durations as in timeouts: "1s" to "24h", unit required),
 * or `"off"` for no client-side limit (a 429's Retry-After is still honoured).
 */
export function parseRateLimits(text: string): RateLimit[] {
    const value = text.trim();
    if (value.toLowerCase() === "off") return [];
    return value.split(",").map((part) => {
        const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(part);
        const requests = match ? Number(match[1]) : NaN;
        const windowMs = match ? parseDuration(match[2]) : undefined;
        if (!(requests >= 1) || windowMs === undefined) throw new RateLimitSettingError(text);
        return { requests, windowMs };
    });
}

/** What one limit would still let go at once: `left` of its `limit.requests`. */
export interface Headroom {
    readonly limit: RateLimit;
    readonly left: number;
}

/** Call when the request's answer (or failure) arrived; the slot frees `windowMs` later. */
export type Release = () => void;

export class RateLimiter {
    private limits: readonly RateLimit[];
    private readonly now: () => number;
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    /** When each request that still counts was answered; Infinity while it is in flight. */
    private slots: Array<{ answeredAt: number }> = [];
    private pausedUntil = -Infinity;
    private readonly queue: Array<(release: Release) => void> = [];
    private pumping = false;
    /** Wakes the pump early when a request is answered. */
    private wake: () => void = () => undefined;

    constructor(options: RateLimiterOptions = {}) {
        this.limits = options.limits ?? parseRateLimits(DEFAULT_RATE_LIMIT);
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? realSleep;
    }

    /** The limits in force. */
    get currentLimits(): readonly RateLimit[] {
        return this.limits;
    }

    /** Replaces the limits; requests already made keep counting against the new ones. */
    setLimits(limits: readonly RateLimit[]): void {
        this.limits = limits;
    }

    /**
     * Resolves when this request may be sent, with the function to call once its answer (or
     * failure) arrived. Take one per attempt, right before sending it. When `signal` aborts first
     * (the operation's deadline), the request leaves the queue and this rejects with its reason.
     */
    acquire(signal?: AbortSignal): Promise<Release> {
        return new Promise((resolve, reject) => {
            if (signal?.aborted) return reject(signal.reason);
            const turn = (release: Release) => {
                signal?.removeEventListener("abort", leave);
                resolve(release);
            };
            const leave = () => {
                const index = this.queue.indexOf(turn);
                if (index >= 0) this.queue.splice(index, 1);
                reject(signal!.reason);
            };
            signal?.addEventListener("abort", leave, { once: true });
            this.queue.push(turn);
            if (!this.pumping) void this.pump();
        });
    }

    /**
     * Holds back every request for `ms` (capped at {@link MAX_PAUSE_MS}), e.g. after a 429 with
     * Retry-After. Returns true when this extended the pause in force (so callers log it once).
     */
    pause(ms: number): boolean {
        const until = this.now() + Math.min(Math.max(0, ms), MAX_PAUSE_MS);
        if (until <= this.pausedUntil) return false;
        this.pausedUntil = until;
        return true;
    }

    /**
     * For each limit, how many more requests it would let go at `now`: requests in flight and those
     * answered within its window still count. Status polling slows down as this shrinks.
     */
    headroom(now: number = this.now()): Headroom[] {
        return this.limits.map((limit) => ({ limit, left: Math.max(0, limit.requests - this.holding(now, limit.windowMs).length) }));
    }

    /** Milliseconds until a request may start at `now`: 0 or less is now, Infinity is "after an answer". */
    delayMs(now: number): number {
        let until = this.pausedUntil;
        for (const { requests, windowMs } of this.limits) {
            const holding = this.holding(now, windowMs);
            if (holding.length < requests) continue;
            // Enough of the oldest holders must leave the window for one slot to free.
            holding.sort((a, b) => a - b);
            until = Math.max(until, holding[holding.length - requests] + windowMs);
        }
        return until - now;
    }

    /** When each request that counts within `windowMs` of `now` was answered (Infinity while in flight). */
    private holding(now: number, windowMs: number): number[] {
        return this.slots.map((s) => s.answeredAt).filter((t) => t > now - windowMs);
    }

    /** Serves waiters in order; waits for a timer or an answer whenever the head cannot go yet. */
    private async pump(): Promise<void> {
        this.pumping = true;
        try {
            while (this.queue.length > 0) {
                const delay = this.delayMs(this.now());
                if (delay > 0) {
                    await this.waitForTimerOrAnswer(delay);
                    continue;
                }
                this.queue.shift()!(this.take());
            }
        } catch {
            // A failing sleep must not strand requests: let them all go (the server still limits).
            for (const resume of this.queue.splice(0)) resume(() => undefined);
        } finally {
            this.pumping = false;
        }
    }

    private async waitForTimerOrAnswer(delay: number): Promise<void> {
        const answered = new Promise<void>((resolve) => (this.wake = resolve));
        if (!Number.isFinite(delay)) return answered;
        const done = new AbortController();
        try {
            await Promise.race([this.sleep(delay, done.signal), answered]);
        } finally {
            done.abort();
        }
    }

    /** Takes a slot (held while in flight) and forgets slots no limit can see any more. */
    private take(): Release {
        const now = this.now();
        const longest = Math.max(0, ...this.limits.map((l) => l.windowMs));
        this.slots = this.slots.filter((s) => s.answeredAt > now - longest);
        const slot = { answeredAt: Infinity };
        this.slots.push(slot);
        return () => {
            if (slot.answeredAt !== Infinity) return;
            slot.answeredAt = this.now();
            this.wake();
        };
    }
}

let shared: RateLimiter | undefined;

/**
 * The limiter of this process, created on first use. Every client built by the provider in this
 * process (all resources, all methods) shares it; the dynamic-provider process loads the provider
 * module once, so it lives as long as that process.
 */
export function processRateLimiter(): RateLimiter {
    shared ??= new RateLimiter();
    return shared;
}
