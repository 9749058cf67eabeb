/**
 * Pacing by the budget Cloudflare reports. Since 2025-09-03 every REST response carries the token's
 * budget: `Ratelimit: "default";r=<remaining>;t=<seconds until reset>` and
 * `Ratelimit-Policy: "default";q=<quota>;w=<window seconds>` (RFC 9651 structured fields; several
 * policies are separated by commas). The budget is counted across every client of the user (the
 * dashboard, other pipelines, Terraform), and going over blocks every call of the user for five
 * minutes, so the per-process limits of `./rateLimiter` protect nothing once several runs overlap.
 *
 * The rule, for each reported policy of one token:
 * - **What is left.** The newest answer's `r`, less our requests sent after that one (they were not
 *   counted yet), less the reserve for other clients.
 * - **Spread until the reset.** A bucket refills at the pace that makes what is left last until the
 *   reset (`left / time until reset`), less what the others (other processes, other tools) spend now
 *   (the slowest rate they kept up over the last slices, so a burst is not taken for their pace);
 *   it holds at most `burstShare × left`, and every request takes one from it. While more than half
 *   is left it refills within seconds. So bursts (100 uploads, then 100 deletes) go at once while
 *   the budget is ample, and when it runs low all processes together slow to the pace that lasts
 *   until the reset; with nothing left, requests wait for the reset.
 * - **Learn first.** Until the first answer of a token arrives, one request goes at a time.
 * Without the headers (another API, a proxy that strips them) nothing here holds a request back.
 */
/** One policy of a response's budget: `remaining` requests until it resets in `resetMs`. */
export interface ReportedPolicy {
    readonly name: string;
    readonly remaining: number;
    readonly resetMs: number;
    /** From `Ratelimit-Policy`, when it names the same policy. */
    readonly quota?: number;
    readonly windowMs?: number;
}

type HeaderValue = string | string[] | undefined;

/**
 * What one policy leaves this process: `left` of `limit.requests` for the `limit.windowMs` until its
 * reset; the shape of the limiter's `Headroom`, which status polling reads.
 */
export interface BudgetHeadroom {
    readonly limit: { readonly requests: number; readonly windowMs: number };
    readonly left: number;
}

/**
 * The policies in a response's `Ratelimit` (with `Ratelimit-Policy` for quota and window), or `[]`
 * when it has none. Malformed members are skipped, as RFC 9651 lets a recipient do; the first of
 * two members with the same name wins.
 */
export function parseRateLimitHeaders(ratelimit: HeaderValue, policy: HeaderValue): ReportedPolicy[] {
    const policies = new Map<string, { quota: number; windowMs: number }>();
    for (const { name, params } of members(policy)) {
        const quota = params.get("q");
        const window = params.get("w");
        if (quota === undefined || window === undefined || quota < 1 || window <= 0 || policies.has(name)) continue;
        policies.set(name, { quota, windowMs: window * 1000 });
    }
    const reported = new Map<string, ReportedPolicy>();
    for (const { name, params } of members(ratelimit)) {
        const remaining = params.get("r");
        const reset = params.get("t");
        if (remaining === undefined || reset === undefined || reported.has(name)) continue;
        reported.set(name, { name, remaining: Math.floor(remaining), resetMs: reset * 1000, ...policies.get(name) });
    }
    return [...reported.values()];
}

const MEMBER = /^(?:"((?:[^"\\]|\\.)*)"|([A-Za-z*][\w\-.:%*/]*))((?:\s*;\s*[a-z*][a-z0-9_\-.*]*=[^;]*)*)\s*$/;
const PARAM = /^([a-z*][a-z0-9_\-.*]*)=(\d{1,15}(?:\.\d{1,3})?)$/;

/** The members of a structured-field list, each with its numeric parameters. */
function members(value: HeaderValue): Array<{ name: string; params: Map<string, number> }> {
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (text === undefined) return [];
    const out: Array<{ name: string; params: Map<string, number> }> = [];
    for (const member of splitOutsideQuotes(text)) {
        const match = MEMBER.exec(member.trim());
        if (!match) continue;
        const params = new Map<string, number>();
        for (const param of match[3].split(";").map((p) => p.trim()).filter(Boolean)) {
            const parsed = PARAM.exec(param);
            if (parsed && !params.has(parsed[1])) params.set(parsed[1], Number(parsed[2]));
        }
        out.push({ name: match[1] ?? match[2], params });
    }
    return out;
}

function splitOutsideQuotes(text: string): string[] {
    const parts: string[] = [];
    let current = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\\" && quoted) {
            current += c + (text[++i] ?? "");
            continue;
        }
        if (c === '"') quoted = !quoted;
        if (c === "," && !quoted) {
            parts.push(current);
            current = "";
        } else current += c;
    }
    return [...parts, current];
}

/** The reserve kept for other clients of the token: a share of the quota, or a number of requests. */
export type RateReserve = { readonly share: number } | { readonly requests: number };

/**
 * Kept for the dashboard, other tools and requests that are already on their way: one tenth of the
 * quota, 120 of Cloudflare's 1200 per 5 minutes. Set with `cloudflare:rateReserve` /
 * `CLOUDFLARE_RATE_RESERVE`, as a share ("25%") or a number of requests ("300").
 * @default "10%"
 */
export const DEFAULT_RATE_RESERVE = "10%";

/** The config key and environment variable that set the reserve. */
export const RATE_RESERVE_SETTING = "cloudflare:rateReserve (or CLOUDFLARE_RATE_RESERVE)";

/** Thrown for a reserve that cannot be parsed; names the setting and the format. */
export class RateReserveSettingError extends Error {
    constructor(value: string) {
        super(`${RATE_RESERVE_SETTING} is "${value}", which is not a reserve: use a share of the quota such as "${DEFAULT_RATE_RESERVE}" (0% to 90%) or a number of requests such as "200"`);
        this.name = "RateReserveSettingError";
    }
}

/** Parses `"10%"` (0 to 90 %) or `"200"` (requests). */
export function parseRateReserve(text: string): RateReserve {
    const value = text.trim();
    const share = /^(\d{1,2}(?:\.\d+)?)\s*%$/.exec(value);
    if (share && Number(share[1]) <= 90) return { share: Number(share[1]) / 100 };
    if (/^\d{1,9}$/.test(value)) return { requests: Number(value) };
    throw new RateReserveSettingError(text);
}

function reserveOf(reserve: RateReserve, quota: number): number {
    return "share" in reserve ? reserve.share * quota : Math.min(reserve.requests, quota);
}

export interface PaceOptions {
    /** @default parseRateReserve(DEFAULT_RATE_RESERVE) */
    readonly reserve: RateReserve;
    /**
     * Largest burst, as a share of what is left: 100 uploads go at once from a full budget of 1200
     * (less the reserve), and four runs starting together leave a foreign client at 1/s its share.
     * @default 0.15
     */
    readonly burstShare: number;
    /**
     * Above this share of the quota (after the reserve) what is left is plenty: the bucket refills
     * within `freeRefillMs`, so one run's bursts (uploads, then polling, then deletes) follow one
     * another unpaced; below it, at the pace that lasts until the reset. @default 0.5
     */
    readonly freeShare: number;
    /** @default 10000 */
    readonly freeRefillMs: number;
    /** The others' rate is the slowest they kept up over a slice of this length… @default 5000 */
    readonly othersSliceMs: number;
    /** …within this much of the past. @default 30000 */
    readonly othersHorizonMs: number;
}

export const DEFAULT_PACE_OPTIONS: PaceOptions = {
    reserve: parseRateReserve(DEFAULT_RATE_RESERVE),
    burstShare: 0.15,
    freeShare: 0.5,
    freeRefillMs: 10_000,
    othersSliceMs: 5_000,
    othersHorizonMs: 30_000,
};

/** Why a request waits: `budget` left until the reset, or the `bucket` refilling. */
export interface BudgetDelay {
    readonly ms: number;
    readonly until: "reset" | "refill" | "first answer";
}

/** What this process knows of one policy of one token's budget. */
class Policy {
    remaining = 0;
    resetAt = 0;
    quota?: number;
    windowMs?: number;
    /** Send number of the request whose answer set `remaining`. */
    seq = 0;
    level = 0;
    levelAt = 0;
    /** Requests of others (not this process) counted so far, sampled at each answer. */
    private others = 0;
    private samples: Array<{ at: number; others: number }> = [];

    constructor(readonly name: string) {}

    /** Takes in an answer to the request with send number `seq`, answered at `now`. */
    report(p: ReportedPolicy, seq: number, sent: number, now: number, options: PaceOptions): void {
        if (seq <= this.seq) return; // older than what we know: its count misses later requests
        const before = this.seq === 0 ? undefined : this.estimate(sent);
        if (before !== undefined && this.resetAt > now) {
            // Same window: what the server counted beyond our own requests since the last answer.
            this.others += Math.max(0, this.remaining - p.remaining - (seq - this.seq));
        }
        Object.assign(this, { remaining: p.remaining, resetAt: now + p.resetMs, seq, quota: p.quota ?? this.quota, windowMs: p.windowMs ?? this.windowMs });
        // Kept a slice beyond the horizon, so the oldest slice has a sample at its start.
        const keep = now - options.othersHorizonMs - options.othersSliceMs;
        this.samples = [...this.samples.filter((s) => s.at > keep), { at: now, others: this.others }];
        // A first answer, or a budget that grew (a new window): the burst is available again while
        // plenty is left; with less, one request, until the others' pace is seen (a run that starts
        // late in a window does not burst into what the others need).
        if (before === undefined || this.estimate(sent) > before) Object.assign(this, { level: this.plenty(sent, options) > 0 ? Infinity : 1, levelAt: now });
    }

    /** Requests the server still allows now: the newest answer's count, less ours sent after it. */
    estimate(sent: number): number {
        return this.remaining - (sent - this.seq);
    }

    /**
     * The slowest rate (per ms) the others kept up lately: for each slice with an answer in it, from
     * the answer before the slice to the slice's last; 0 until a slice is seen. The slowest, so a
     * burst (another run's uploads) is not taken for what they will keep doing.
     */
    othersRate(now: number, options: PaceOptions): number {
        // Samples are in time order: the last one at or before `time`.
        const at = (time: number) => this.samples.filter((s) => s.at <= time).at(-1);
        const rates: number[] = [];
        for (let end = now; end - options.othersSliceMs >= now - options.othersHorizonMs; end -= options.othersSliceMs) {
            const first = at(end - options.othersSliceMs);
            const last = at(end);
            if (!first || !last) break;
            if (last !== first) rates.push((last.others - first.others) / (last.at - first.at));
        }
        return rates.length === 0 ? 0 : Math.min(...rates);
    }

    /** What the token has left before the reset for everyone but the reserve. */
    usable(sent: number, options: PaceOptions): number {
        return this.estimate(sent) - reserveOf(options.reserve, this.quota ?? this.remaining);
    }

    /** What is left above `freeShare` of the quota (after the reserve): what may go unpaced. */
    plenty(sent: number, options: PaceOptions): number {
        const quota = this.quota ?? this.remaining;
        return Math.max(0, this.usable(sent, options) - options.freeShare * (quota - reserveOf(options.reserve, quota)));
    }

    /**
     * Refills the bucket up to `now`, at the pace that makes what is left last until the reset, less
     * what the others spend now; at least one request per slice, so a process the others crowd out
     * still learns when they slow down.
     */
    refill(sent: number, now: number, options: PaceOptions): { usable: number; rate: number } {
        const usable = this.usable(sent, options);
        const plenty = this.plenty(sent, options);
        const pace = Math.max(0, usable) / Math.max(1000, this.resetAt - now);
        const rate = Math.max(pace - this.othersRate(now, options), plenty / options.freeRefillMs, 1 / options.othersSliceMs);
        const cap = Math.max(1, options.burstShare * usable);
        this.level = Math.min(cap, this.level + rate * Math.max(0, now - this.levelAt));
        this.levelAt = now;
        return { usable, rate };
    }
}

/**
 * One token's budget as this process learns it from the answers. {@link RateLimiter} holds one per
 * token and asks it, with the per-process limits, when the next request may go.
 */
export class TokenBudget {
    private sent = 0;
    private policies = new Map<string, Policy>();
    /** `unknown` until an answer came back; `absent` while answers carry no budget. */
    private state: "unknown" | "absent" | "known" = "unknown";
    private inFlight = 0;

    constructor(public options: PaceOptions = DEFAULT_PACE_OPTIONS) {}

    /** A request is let go at `now`; returns its send number, for {@link report}. */
    take(now: number): number {
        for (const policy of this.live(now)) {
            policy.refill(this.sent, now, this.options);
            policy.level -= 1;
        }
        this.inFlight += 1;
        return ++this.sent;
    }

    /** The answer to request `seq` arrived at `now` with these policies (`undefined`: no answer at all). */
    report(seq: number, reported: readonly ReportedPolicy[] | undefined, now: number): void {
        this.inFlight = Math.max(0, this.inFlight - 1);
        if (reported === undefined) return;
        if (reported.length === 0) {
            if (this.state === "unknown") this.state = "absent";
            return;
        }
        this.state = "known";
        for (const p of reported) {
            let policy = this.policies.get(p.name);
            if (!policy) this.policies.set(p.name, (policy = new Policy(p.name)));
            policy.report(p, seq, this.sent, now, this.options);
        }
    }

    /** How long the next request must wait at `now`, and why; 0 ms when it may go. */
    delay(now: number): BudgetDelay {
        // Nothing known yet, or a window ended since the last answer: one request at a time until an answer says what is left.
        const expired = [...this.policies.values()].some((p) => p.resetAt <= now);
        if ((this.state === "unknown" || expired) && this.inFlight > 0) return { ms: Infinity, until: "first answer" };
        let delay: BudgetDelay = { ms: 0, until: "refill" };
        for (const policy of this.live(now)) {
            const { usable, rate } = policy.refill(this.sent, now, this.options);
            const next: BudgetDelay =
                usable < 1 ? { ms: policy.resetAt - now, until: "reset" } : { ms: policy.level >= 1 ? 0 : (1 - policy.level) / rate, until: "refill" };
            if (next.ms > delay.ms) delay = next;
        }
        return { ms: Math.ceil(delay.ms), until: delay.until };
    }

    /** Each policy's quota and what is left of it for us, so status polling slows as it shrinks. */
    headroom(now: number): BudgetHeadroom[] {
        return this.live(now).map((policy) => ({
            limit: { requests: policy.quota ?? policy.remaining, windowMs: Math.max(1000, policy.resetAt - now) },
            left: Math.max(0, Math.floor(policy.usable(this.sent, this.options))),
        }));
    }

    /** Policies whose figures still hold: after a reset, what the server allows is not known until the next answer. */
    private live(now: number): Policy[] {
        return [...this.policies.values()].filter((p) => p.resetAt > now);
    }
}
