/**
 * Cloudflare's global rate limit, per credential: a fixed window of `requests` per `windowMs`, and
 * once a credential goes over it, a block: every request of that credential is refused (429, 971,
 * `Retry-After`) for `blockMs`, however few it sends meanwhile (Cloudflare: 5 minutes). Every answer
 * carries the budget as Cloudflare sends it since 2025-09-03 (`Ratelimit`, `Ratelimit-Policy`).
 *
 * A foreign client (the dashboard, another pipeline, Terraform on the same token) can take part of
 * the budget: {@link RateLimiter.setForeignLoad} makes the credential spend `requestsPerSecond` on
 * the emulator clock, counted as if they had arrived, so it also works with the manual clock.
 */

/**
 * Cloudflare's global limit is 1200 requests per 300 s per user, and going over blocks the user
 * for 5 minutes.
 * @example
 * startEmulator({ rateLimit: { requests: 1200, windowMs: 300_000 } })
 * startEmulator({ clock: "manual", rateLimit: { requests: 200, windowMs: 60_000, blockMs: 10_000 } })
 */
export interface RateLimitOptions {
    /** Requests allowed per window, per credential. */
    requests: number;
    /** Window length in ms of the emulator clock. */
    windowMs: number;
    /** How long every request of a credential that went over the limit is refused. @default 300000 (Cloudflare's 5 minutes) */
    blockMs?: number;
}

/** Cloudflare blocks a user that went over the limit for 5 minutes. @default 300000 */
export const DEFAULT_BLOCK_MS = 300_000;

/** Result of a rate-limit check. */
export interface RateLimitState {
    limited: boolean;
    remaining: number;
    /** Seconds until the window resets (or, while blocked, the block ends), rounded up. */
    resetSeconds: number;
}

/** A foreign client's load on one credential, and what became of its requests so far. */
export interface ForeignLoad {
    /** Requests per second on the emulator clock; 0 stops it. */
    requestsPerSecond: number;
    /** Its requests counted so far. */
    sent: number;
    /** Of those, how many were refused (over the limit or blocked). */
    refused: number;
}

interface Budget {
    /** Start of the current window; -Infinity before the first request. */
    start: number;
    count: number;
    blockedUntil: number;
    foreign?: { requestsPerSecond: number; since: number; sent: number; refused: number };
}

export class RateLimiter {
    private budgets = new Map<string, Budget>();
    readonly blockMs: number;

    constructor(readonly options: RateLimitOptions) {
        if (!(options.requests >= 1) || !(options.windowMs > 0)) throw new RangeError("rateLimit needs requests >= 1 and windowMs > 0");
        this.blockMs = options.blockMs ?? DEFAULT_BLOCK_MS;
        if (!(this.blockMs >= 0) || !Number.isFinite(this.blockMs)) throw new RangeError("rateLimit.blockMs must be a finite number >= 0");
    }

    /** Counts one request of `identity` at `now`. */
    check(identity: string, now: number): RateLimitState {
        const budget = this.budget(identity);
        this.spendForeign(budget, now);
        return this.count(budget, now);
    }

    /** Headers Cloudflare sends on every response (changelog 2025-09-03). */
    headers(state: RateLimitState): Record<string, string> {
        return {
            ratelimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
            "ratelimit-policy": `"default";q=${this.options.requests};w=${Math.ceil(this.options.windowMs / 1000)}`,
        };
    }

    /** A foreign client spends `requestsPerSecond` of `identity`'s budget from `now` on (0 stops it). */
    setForeignLoad(identity: string, requestsPerSecond: number, now: number): void {
        if (!(requestsPerSecond >= 0) || !Number.isFinite(requestsPerSecond)) throw new RangeError("requests_per_second must be a finite number >= 0");
        const budget = this.budget(identity);
        this.spendForeign(budget, now);
        const { sent = 0, refused = 0 } = budget.foreign ?? {};
        budget.foreign = { requestsPerSecond, since: now, sent, refused };
    }

    /** The foreign client's load on `identity` and its requests up to `now`. */
    foreignLoad(identity: string, now: number): ForeignLoad {
        const budget = this.budget(identity);
        this.spendForeign(budget, now);
        const { requestsPerSecond = 0, sent = 0, refused = 0 } = budget.foreign ?? {};
        return { requestsPerSecond, sent, refused };
    }

    clear(): void {
        this.budgets.clear();
    }

    private budget(identity: string): Budget {
        let budget = this.budgets.get(identity);
        if (!budget) {
            budget = { start: -Infinity, count: 0, blockedUntil: -Infinity };
            this.budgets.set(identity, budget);
        }
        return budget;
    }

    private count(budget: Budget, now: number): RateLimitState {
        if (now < budget.blockedUntil) return { limited: true, remaining: 0, resetSeconds: seconds(budget.blockedUntil - now) };
        if (now >= budget.start + this.options.windowMs) Object.assign(budget, { start: now, count: 0 });
        budget.count += 1;
        if (budget.count > this.options.requests) {
            // Over the limit: blocked from now for the block time; a fresh window follows it.
            Object.assign(budget, { blockedUntil: now + this.blockMs, start: -Infinity, count: 0 });
            return { limited: true, remaining: 0, resetSeconds: seconds(this.blockMs) };
        }
        return { limited: false, remaining: this.options.requests - budget.count, resetSeconds: seconds(budget.start + this.options.windowMs - now) };
    }

    /** Counts the foreign requests that arrived up to `now`, each at its own time, before the request at `now`. */
    private spendForeign(budget: Budget, now: number): void {
        const foreign = budget.foreign;
        if (!foreign || foreign.requestsPerSecond === 0) return;
        const interval = 1000 / foreign.requestsPerSecond;
        for (let at = foreign.since + interval; at <= now; at += interval) {
            foreign.sent += 1;
            if (this.count(budget, at).limited) foreign.refused += 1;
            foreign.since = at;
        }
    }
}

function seconds(ms: number): number {
    return Math.max(1, Math.ceil(ms / 1000));
}
