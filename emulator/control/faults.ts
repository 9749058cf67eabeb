/**
 * Failure injection for API requests: latency, a seeded fraction of failures, an exact sequence of
 * outcomes. Control requests (`/__emulator`) are never affected. Cloudflare's rate limit is
 * `./rateLimit`.
 */

/** An injected failure: an HTTP status, or `reset` (the connection is destroyed without a response). */
export type FaultKind = 429 | 500 | 502 | 503 | "reset";
/** One step of a sequence: a failure, or `ok` to let the request through. */
export type FaultOutcome = FaultKind | "ok";

/** Every {@link FaultKind}. */
export const FAULT_KINDS: readonly FaultKind[] = [429, 500, 502, 503, "reset"];

/**
 * When an injected failure strikes. `before`: the request is refused before the emulator handles it,
 * so nothing changes. `after`: the emulator handles it (an upload is stored, a delete starts, a PUT
 * applies) and then the answer is lost, replaced by the failure: what a client sees when Cloudflare
 * did the work but a proxy or the network failed on the way back. A 429 always strikes before, as
 * Cloudflare's rate limit does.
 * @default "before"
 */
export type FaultTiming = "before" | "after";

/** Which API requests a fault applies to. All given conditions must hold. @default every API request */
export interface FaultMatch {
    /** HTTP method, e.g. "POST". */
    method?: string;
    /** A substring of the path (string) or a pattern it must match (RegExp). */
    path?: string | RegExp;
}

/**
 * A random fraction of failures.
 * @example
 * emulator.injectFaults({ rate: 0.3, kinds: [429, 503, "reset"], seed: 42, match: { method: "POST" } });
 */
export interface FaultConfig {
    /** Probability in [0, 1] that a matching request fails. */
    rate: number;
    /** Failures to pick from, uniformly. */
    kinds: FaultKind[];
    /** Seed of the pseudo-random generator, for reproducible runs. @default a random seed */
    seed?: number;
    match?: FaultMatch;
    /** `Retry-After` sent with an injected 429, in seconds. @default 1 */
    retryAfterSeconds?: number;
    /** Whether the request is handled before the failure is sent. @default "before" */
    timing?: FaultTiming;
}

/**
 * Options of a sequence.
 * @example
 * // The upload is stored, then the client gets a 502 instead of the certificate.
 * emulator.sequence([502], { match: { method: "POST" }, timing: "after" });
 */
export interface SequenceOptions {
    match?: FaultMatch;
    /** `Retry-After` sent with an injected 429, in seconds. @default 1 */
    retryAfterSeconds?: number;
    /** Whether the request is handled before the failure is sent. @default "before" */
    timing?: FaultTiming;
}

/** What to do with one request. */
export interface FaultDecision {
    kind: FaultKind;
    retryAfterSeconds: number;
    timing: FaultTiming;
}

interface Sequence {
    outcomes: FaultOutcome[];
    options: SequenceOptions;
}

/** The default `Retry-After` of injected 429s: Cloudflare rounds up, so it never says 0. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Decides, per API request, whether to fail it and how. */
export class FaultInjector {
    private random?: { config: FaultConfig; next: () => number };
    private sequences: Sequence[] = [];

    /** Replaces the random fault configuration. */
    inject(config: FaultConfig): void {
        if (!(config.rate >= 0 && config.rate <= 1)) throw new RangeError("rate must be within [0, 1]");
        if (config.kinds.length === 0 || !config.kinds.every((k) => FAULT_KINDS.includes(k))) {
            throw new RangeError(`kinds must be a non-empty subset of ${FAULT_KINDS.join(", ")}`);
        }
        checkTiming(config.timing);
        this.random = { config, next: mulberry32(config.seed ?? Math.floor(Math.random() * 2 ** 32)) };
    }

    /** Queues an exact sequence of outcomes for the next matching requests. */
    sequence(outcomes: FaultOutcome[], options: SequenceOptions = {}): void {
        if (!outcomes.every((o) => o === "ok" || FAULT_KINDS.includes(o))) {
            throw new RangeError(`outcomes must be "ok" or one of ${FAULT_KINDS.join(", ")}`);
        }
        checkTiming(options.timing);
        this.sequences.push({ outcomes: [...outcomes], options });
    }

    clear(): void {
        this.random = undefined;
        this.sequences = [];
    }

    /** The fault for this request, if any. A matching sequence step takes precedence over the random rate. */
    decide(method: string, path: string): FaultDecision | undefined {
        const sequence = this.sequences.find((s) => matches(s.options.match, method, path));
        if (sequence) {
            const outcome = sequence.outcomes.shift() as FaultOutcome;
            if (sequence.outcomes.length === 0) this.sequences.splice(this.sequences.indexOf(sequence), 1);
            return outcome === "ok" ? undefined : decision(outcome, sequence.options);
        }
        const random = this.random;
        if (!random || !matches(random.config.match, method, path)) return undefined;
        if (random.next() >= random.config.rate) return undefined;
        const kinds = random.config.kinds;
        return decision(kinds[Math.floor(random.next() * kinds.length)], random.config);
    }
}

function decision(kind: FaultKind, options: { retryAfterSeconds?: number; timing?: FaultTiming }): FaultDecision {
    // Cloudflare's rate limit refuses a request before handling it: a 429 never comes after the work.
    const timing = kind === 429 ? "before" : (options.timing ?? "before");
    return { kind, retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, timing };
}

function checkTiming(timing: unknown): void {
    if (timing !== undefined && timing !== "before" && timing !== "after") throw new RangeError('timing must be "before" or "after"');
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
    if (!match) return true;
    if (match.method && match.method.toUpperCase() !== method) return false;
    if (typeof match.path === "string" && !path.includes(match.path)) return false;
    if (match.path instanceof RegExp && !match.path.test(path)) return false;
    return true;
}

/** A small, fast, seedable PRNG (mulberry32); quality is plenty for fault injection. */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
