/**
 * All status polling: wait with bounded, jittered, growing delays until a predicate holds or the
 * deadline passes. API retries are a separate concern (see `../client/retry`).
 */
import { sleep as defaultSleep } from "../client/retry";

export interface PollOptions {
    /** Wait before the first probe. @default 1000 */
    readonly initialDelayMs: number;
    /** How many probes wait `initialDelayMs` before the waits start to grow. @default 3 */
    readonly steadyProbes: number;
    /** Growth of the wait per probe after the steady ones. @default 1.5 */
    readonly factor: number;
    /** Longest wait between probes. @default 5000 */
    readonly maxDelayMs: number;
    /**
     * Relative jitter: each wait is stretched by a random factor in [1, 1 + jitter]. Never shortened,
     * so no probe comes before its nominal time, where it could not yet see the change. @default 0.1
     */
    readonly jitter: number;
    /** Injectable for tests. @default Math.random */
    readonly random: () => number;
    /** Injectable for tests. @default setTimeout-based sleep */
    readonly sleep: (ms: number) => Promise<void>;
    /** Injectable for tests. @default Date.now */
    readonly now: () => number;
}

/**
 * Defaults chosen so a deployment or deletion that Cloudflare finishes within three seconds is seen
 * at the next whole second after the request (plus at most 10% jitter), one status read per second
 * (it is never done sooner than that), while a slow one is probed less and less often, at most every
 * five seconds: waits of 1, 1, 1, 1.5, 2.25, 3.4, 5, 5 … s. `npm run bench` measures the trade
 * between reads and how late `active` is seen.
 */
export const DEFAULT_POLL_OPTIONS: PollOptions = {
    initialDelayMs: 1000,
    steadyProbes: 3,
    factor: 1.5,
    maxDelayMs: 5000,
    jitter: 0.1,
    random: Math.random,
    sleep: defaultSleep,
    now: Date.now,
};

/** The wait before probe number `probe` (0-based): steady, then growing, capped, then jittered. */
export function pollDelayMs(probe: number, options: PollOptions): number {
    const growth = options.factor ** Math.max(0, probe - options.steadyProbes + 1);
    const base = Math.min(options.initialDelayMs * growth, options.maxDelayMs);
    return Math.max(0, Math.round(base * (1 + options.jitter * options.random())));
}

export interface PollRequest<T> {
    /** Reads the current value (e.g. GET the certificate). */
    readonly probe: () => Promise<T>;
    /** Stop polling when this holds (success or a terminal failure; the caller tells which). */
    readonly until: (value: T) => boolean;
    /** Epoch ms: no wait extends past it; one last probe runs at the deadline. */
    readonly deadline: number;
    /** Told after every probe, for progress output. */
    readonly onProbe?: (value: T, elapsedMs: number) => void;
}

export interface PollOutcome<T> {
    /** `settled` when `until` held, `deadline` when time ran out first. */
    readonly outcome: "settled" | "deadline";
    /** The last value read. */
    readonly value: T;
    readonly probes: number;
    readonly elapsedMs: number;
}

/** Waits, probes, and repeats until `until(value)` or the deadline. Probe errors propagate. */
export async function pollUntil<T>(request: PollRequest<T>, options: PollOptions = DEFAULT_POLL_OPTIONS): Promise<PollOutcome<T>> {
    const started = options.now();
    for (let probes = 0; ; ) {
        const remaining = request.deadline - options.now();
        await options.sleep(Math.max(0, Math.min(pollDelayMs(probes, options), remaining)));
        const value = await request.probe();
        probes++;
        const elapsedMs = options.now() - started;
        request.onProbe?.(value, elapsedMs);
        if (request.until(value)) return { outcome: "settled", value, probes, elapsedMs };
        if (options.now() >= request.deadline) return { outcome: "deadline", value, probes, elapsedMs };
    }
}
