/**
 * When status reads happen: each wait's schedule (steady, then growing, capped, jittered), the
 * shortest gap between two rounds of one status board, how that gap stretches with the number of
 * boards being polled and the rate-limit budget left, and when a board's next round runs. Who
 * shares a read is `./statusBoard`; API retries are a separate concern (see `../client/retry`).
 */
import type { Headroom } from "../client/rateLimiter";
import { sleep as defaultSleep } from "../client/retry";

/** When a wait reads a status (see `DEFAULT_POLL_OPTIONS` for the defaults). */
export interface PollOptions {
    /** Wait before the first read. @default 1000 */
    readonly initialDelayMs: number;
    /** How many reads wait `initialDelayMs` before the waits start to grow. @default 3 */
    readonly steadyProbes: number;
    /** Growth of the wait per read after the steady ones. @default 1.5 */
    readonly factor: number;
    /** Longest wait between reads (unless the budget asks for more, see `budgetShare`). @default 4000 */
    readonly maxDelayMs: number;
    /**
     * Relative jitter: each wait is stretched by a random factor in [1, 1 + jitter]. Never shortened,
     * so no read comes before its nominal time, where it could not yet see the change. @default 0.1
     */
    readonly jitter: number;
    /**
     * Shortest time between two rounds of one status board (one zone's certificates, or one zone's
     * hostnames): waits whose reads fall due in between share the next one. A wait's first read is
     * not held back by it (only by the budget rule), so a certificate uploaded just after a round
     * is read at its nominal time and the zone's rounds then follow it. @default 1000
     */
    readonly tickMs: number;
    /**
     * How long a round may wait, after the first wait that falls due, for waits whose first read
     * falls due just after it: they then count it too and stay in step with the others (which count
     * every round anyway). So a read can be this much later than its nominal time, never earlier.
     * @default 500
     */
    readonly gatherMs: number;
    /**
     * The budget rule: polling never runs so fast that, spending one request per busy board per tick,
     * it would use up what a rate limit has left within this share of the limit's window. With
     * Cloudflare's 5 minutes that is one minute: at `1000/5m` and 900 requests left, ten zones may be
     * read every 0.67 s; with 300 left, every 2 s; with 10 or fewer left, once a minute. @default 0.2
     */
    readonly budgetShare: number;
    /** Injectable for tests. @default Math.random */
    readonly random: () => number;
    /** Injectable for tests; `signal` ends the wait early (a new waiter may need an earlier read). @default setTimeout-based sleep */
    readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    /** Injectable for tests. @default Date.now */
    readonly now: () => number;
}

/**
 * Defaults chosen so a deployment or deletion that Cloudflare finishes within three seconds is seen
 * at the next whole second after the request (plus at most 10% jitter), while a slow one is read
 * less and less often, at most every four seconds: waits of 1, 1, 1, 1.5, 2.25, 3.4, 4, 4 … s, so a
 * certificate that takes 30 s is seen within 4 s of going active. `npm run bench` measures the trade
 * between reads and how late `active` is seen.
 */
export const DEFAULT_POLL_OPTIONS: PollOptions = {
    initialDelayMs: 1000,
    steadyProbes: 3,
    factor: 1.5,
    maxDelayMs: 4000,
    jitter: 0.1,
    tickMs: 1000,
    gatherMs: 500,
    budgetShare: 0.2,
    random: Math.random,
    sleep: defaultSleep,
    now: Date.now,
};

/** Status reads that may fail in a row (after the client's own retries) before a wait gives up. */
export const MAX_FAILED_PROBES = 3;

/** The wait before read number `probe` (0-based): steady, then growing, capped, then jittered. */
export function pollDelayMs(probe: number, options: PollOptions): number {
    const growth = options.factor ** Math.max(0, probe - options.steadyProbes + 1);
    const base = Math.min(options.initialDelayMs * growth, options.maxDelayMs);
    return Math.max(0, Math.round(base * (1 + options.jitter * options.random())));
}

/**
 * The budget rule (see {@link PollOptions.budgetShare}) for `boards` busy boards: for each limit,
 * `share × window × min(1, boards / left)`, the largest of them. 0 when nothing limits the rate.
 */
export function budgetGapMs(boards: number, headroom: readonly Headroom[], options: Pick<PollOptions, "budgetShare">): number {
    const gaps = headroom.map(({ limit, left }) => options.budgetShare * limit.windowMs * Math.min(1, boards / Math.max(left, 1)));
    return Math.round(Math.max(0, ...gaps));
}

/**
 * Shortest gap between a board's last round and its next: the tick, or longer when the budget says
 * so; for a round that is some wait's first read, the budget rule's gap only.
 */
export function roundGapMs(firstRead: boolean, boards: number, headroom: readonly Headroom[], options: Pick<PollOptions, "tickMs" | "budgetShare">): number {
    const budget = budgetGapMs(boards, headroom, options);
    return firstRead ? budget : Math.max(options.tickMs, budget);
}

/** What the schedule needs to know about one wait on a board. */
export interface ScheduledWait {
    /** When its next read is due (jittered; never past its deadline). */
    readonly due: number;
    /** Its first nominal read: a round before it is a free look for this wait, not a read it counts. */
    readonly countsFrom: number;
    readonly deadline: number;
    /** Its first read is still to come and may come within the tick after the last round. */
    readonly firstReadOnTime: boolean;
}

/**
 * When a board's next round runs: when the earliest wait falls due, but not before `afterTick` (the
 * last round plus `roundGapMs`), or `afterBudget` for a first read on time; then up to `gatherMs`
 * later, to take in waits whose first read falls due just after (the others count any round); never
 * past the deadline of a wait due by then, whose last read is at its deadline, gap or not.
 */
export function nextRoundAt(waits: readonly ScheduledWait[], afterTick: number, afterBudget: number, options: Pick<PollOptions, "gatherMs">): number {
    const first = Math.min(...waits.map((w) => Math.max(w.due, w.firstReadOnTime ? afterBudget : afterTick)));
    const joining = waits.map((w) => w.countsFrom).filter((at) => at > first && at <= first + options.gatherMs);
    const at = Math.max(first, ...joining);
    return Math.min(at, ...waits.filter((w) => w.due <= at).map((w) => w.deadline));
}
