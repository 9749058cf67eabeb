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
 * These limits are per process: separate `pulumi` runs (or other tools using the same token) each
 * have their own, which is why the default stays well under Cloudflare's limit. What the whole token
 * has left is what Cloudflare reports on every answer: each token's {@link TokenBudget}
 * (`./rateBudget`) paces by it, on top of these limits. When a request must wait, uploads, deletes
 * and association writes go before status polling ({@link asPolling}).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { formatElapsed, parseDuration } from "../core/duration";
import { type BudgetDelay, DEFAULT_PACE_OPTIONS, type PaceOptions, type ReportedPolicy, TokenBudget } from "./rateBudget";
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
    /** Pacing by the budget Cloudflare reports. @default DEFAULT_PACE_OPTIONS */
    readonly pace?: Partial<PaceOptions>;
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

/**
 * Call when the request's answer (or failure) arrived; the slot frees `windowMs` later. Pass the
 * budget the answer reported (`[]` for an answer without one); nothing when no answer came.
 */
export type Release = (reported?: readonly ReportedPolicy[]) => void;

/** A wait of at least this long is told to the request's owner (see {@link AcquireOptions.onHeld}). @default 5000 */
export const HELD_NOTICE_MS = 5_000;

/** Why a request is held back, and for how long (ms). */
export interface Held {
    readonly ms: number;
    /** `budget`: Cloudflare's budget for the token; `limit`: this process's own limits; `pause`: a 429's Retry-After. */
    readonly reason: "budget" | "limit" | "pause";
}

export interface AcquireOptions {
    /**
     * Whose budget the request spends: the same string for the same token (see `accountIdentity`).
     * Only requests with an account are paced by the budget their answers report. @default none
     */
    readonly account?: string;
    /** Told once, when the request is first seen to wait {@link HELD_NOTICE_MS} or longer. */
    readonly onHeld?: (held: Held) => void;
    /** Aborts the wait (the operation's deadline): the request leaves the queue and `acquire` rejects with the reason. @default none */
    readonly signal?: AbortSignal;
}

/** The progress line for a held request: what it waits for, and about how long. */
export function heldLine(held: Held): string {
    const wait = formatElapsed(held.ms);
    if (held.reason === "budget") return `waiting about ${wait} for Cloudflare's rate budget (shared by every client of this API token)`;
    if (held.reason === "pause") return `waiting about ${wait}: Cloudflare answered 429 (rate limited)`;
    return `waiting about ${wait} for the client-side rate limit (${RATE_LIMIT_SETTING})`;
}

const polling = new AsyncLocalStorage<true>();

const NO_DELAY: BudgetDelay = { ms: 0, until: "refill" };

/**
 * Runs `read` as status polling: its requests wait behind every other request (uploads, deletes,
 * association writes) when the budget makes requests wait.
 */
export function asPolling<T>(read: () => Promise<T>): Promise<T> {
    return polling.run(true, read);
}

interface Waiter {
    readonly resume: (release: Release) => void;
    readonly account?: string;
    readonly polling: boolean;
    readonly onHeld?: (held: Held) => void;
    told: boolean;
}

export class RateLimiter {
    private limits: readonly RateLimit[];
    private readonly now: () => number;
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    /** When each request that still counts was answered; Infinity while it is in flight. */
    private slots: Array<{ answeredAt: number }> = [];
    private pausedUntil = -Infinity;
    private pace: PaceOptions;
    private readonly budgets = new Map<string, TokenBudget>();
    private readonly queue: Waiter[] = [];
    private pumping = false;
    /** Wakes the pump early when a request is answered. */
    private wake: () => void = () => undefined;

    constructor(options: RateLimiterOptions = {}) {
        this.limits = options.limits ?? parseRateLimits(DEFAULT_RATE_LIMIT);
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? realSleep;
        this.pace = { ...DEFAULT_PACE_OPTIONS, ...options.pace };
    }

    /** Changes the pacing (e.g. the reserve) for every token, from now on. */
    setPace(pace: Partial<PaceOptions>): void {
        this.pace = { ...this.pace, ...pace };
        for (const budget of this.budgets.values()) budget.options = this.pace;
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
    acquire(options: AcquireOptions = {}): Promise<Release> {
        const { signal } = options;
        return new Promise((resolve, reject) => {
            if (signal?.aborted) return reject(signal.reason);
            const waiter: Waiter = {
                resume: (release) => {
                    signal?.removeEventListener("abort", leave);
                    resolve(release);
                },
                account: options.account,
                polling: polling.getStore() === true,
                onHeld: options.onHeld,
                told: false,
            };
            const leave = () => {
                const index = this.queue.indexOf(waiter);
                if (index >= 0) this.queue.splice(index, 1);
                reject(signal!.reason);
            };
            signal?.addEventListener("abort", leave, { once: true });
            this.queue.push(waiter);
            if (this.pumping) this.wake();
            else void this.pump();
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
        const own = this.limits.map((limit) => ({ limit, left: Math.max(0, limit.requests - this.holding(now, limit.windowMs).length) }));
        return [...own, ...[...this.budgets.values()].flatMap((budget) => budget.headroom(now))];
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

    private budget(account: string | undefined): TokenBudget | undefined {
        if (account === undefined) return undefined;
        let budget = this.budgets.get(account);
        if (!budget) this.budgets.set(account, (budget = new TokenBudget(this.pace)));
        return budget;
    }

    /**
     * Serves waiters first come, first served, polling after everything else; a token's waiters
     * wait for its budget, all of them for the limits. Sleeps until a timer or an answer when none may go.
     */
    private async pump(): Promise<void> {
        this.pumping = true;
        try {
            while (this.queue.length > 0) {
                const now = this.now();
                const own = this.delayMs(now);
                const delays = new Map<string | undefined, BudgetDelay>();
                const delayOf = (w: Waiter) => delays.get(w.account) ?? delays.set(w.account, this.budget(w.account)?.delay(now) ?? NO_DELAY).get(w.account)!;
                const order = [...this.queue.filter((w) => !w.polling), ...this.queue.filter((w) => w.polling)];
                const next = order.find((w) => own <= 0 && delayOf(w).ms <= 0);
                if (next) {
                    this.queue.splice(this.queue.indexOf(next), 1);
                    next.resume(this.take(next.account));
                    continue;
                }
                let shortest = Infinity;
                for (const waiter of order) {
                    const ms = Math.max(own, delayOf(waiter).ms);
                    shortest = Math.min(shortest, ms);
                    this.tell(waiter, ms, own >= delayOf(waiter).ms ? (this.pausedUntil - now >= own ? "pause" : "limit") : "budget");
                }
                await this.waitForTimerOrAnswer(shortest);
            }
        } catch {
            // A failing sleep must not strand requests: let them all go (the server still limits).
            for (const waiter of this.queue.splice(0)) waiter.resume(() => undefined);
        } finally {
            this.pumping = false;
        }
    }

    /** Tells a waiter once that it waits at least {@link HELD_NOTICE_MS} (a wait for an answer has no known length). */
    private tell(waiter: Waiter, ms: number, reason: Held["reason"]): void {
        if (waiter.told || !Number.isFinite(ms) || ms < HELD_NOTICE_MS) return;
        waiter.told = true;
        waiter.onHeld?.({ ms, reason });
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

    /** Takes a slot (held while in flight) and a place in the token's budget; forgets slots no limit can see any more. */
    private take(account: string | undefined): Release {
        const now = this.now();
        const longest = Math.max(0, ...this.limits.map((l) => l.windowMs));
        this.slots = this.slots.filter((s) => s.answeredAt > now - longest);
        const slot = { answeredAt: Infinity };
        this.slots.push(slot);
        const budget = this.budget(account);
        const seq = budget?.take(now);
        return (reported) => {
            if (slot.answeredAt !== Infinity) return;
            slot.answeredAt = this.now();
            if (seq !== undefined) budget?.report(seq, reported, slot.answeredAt);
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
