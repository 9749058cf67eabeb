/**
 * Coalesced status reads. The waits of one provider process on the same board (one kind of object,
 * one account, one zone) share their reads: a board reads in rounds, at most one per tick, and a
 * round is whatever the resource's reader does for the waits that fell due (certificates: one list
 * of the zone; hostnames: one GET, taking the waiting hostnames in turn). Each wait keeps its own
 * schedule (`pollDelayMs`), deadline and failure budget, so a failed round does not fail every wait
 * at once, and only what the reader reports about a wait's own subject settles it.
 *
 * A board reads when its earliest wait falls due, but never sooner than `roundGapMs` after its last
 * round (a tick, except for a wait's last read, at its deadline, and, where a round reads every due
 * wait, a wait's first read), and waits up to `gatherMs` for waits whose first read falls due just
 * after. Every wait past its first
 * nominal wait counts each round it sees, so waits started within a second share every round and
 * the rounds follow the last of them; a wait still inside it may settle on what a round shows, but
 * does not count it (its first read is never early).
 */
import type { RateLimiter } from "../client/rateLimiter";
import { isRetryable } from "../client/retry";
import { MAX_FAILED_PROBES, nextRoundAt, pollDelayMs, type PollOptions, roundGapMs } from "./polling";

/** What a round learned about one subject: its value, or why reading it failed. */
export type ReadResult<V> =
    | { readonly value: V }
    | {
          readonly error: unknown;
          /** The round's shared read failed (e.g. the zone's list): one failed read, never final by its kind. */
          readonly shared?: boolean;
      };

/** One round of reads, as the reader is asked for it. */
export interface Round {
    /** Subjects whose read fell due, most overdue first; never empty. */
    readonly due: readonly string[];
    /** Every subject the board's waits are for; a round may report on any of them. */
    readonly watching: readonly string[];
    /** True after a round whose shared read failed: read the due subjects one by one this time. */
    readonly fallback: boolean;
    /** Epoch ms: the latest deadline among the due waits, for the round's requests. */
    readonly deadline: number;
}

/** Reads one round. Subjects missing from the result were not read this time. */
export type RoundReader<V> = (round: Round) => Promise<ReadonlyMap<string, ReadResult<V>>>;

export interface BoardWait<V> {
    /** What is waited for: a certificate id, a hostname. */
    readonly subject: string;
    /** Stop waiting when this holds. */
    readonly until: (value: V) => boolean;
    /** Epoch ms: no read is planned past it; the read at the deadline is the last. */
    readonly deadline: number;
    /** The value known before waiting; stands in when a read fails. */
    readonly initial: V;
    /** How the board reads; the most overdue wait's reader runs each round. */
    readonly read: RoundReader<V>;
    /**
     * True when one round answers every due wait (a list): then this wait's first read is not held
     * back by the tick, and the rounds follow the waits that joined last. With a reader that answers
     * one wait per round, the tick holds for every read. @default false
     */
    readonly firstReadOnTime?: boolean;
    /** Told of every value read for this wait. */
    readonly onValue?: (value: V) => void;
    /** Told when a read failed and the wait goes on. */
    readonly onRetry?: (error: unknown) => void;
}

export interface WaitOutcome<V> {
    /** `settled` when `until` held, `deadline` when time ran out first. */
    readonly outcome: "settled" | "deadline";
    /** The last value read. */
    readonly value: V;
    /** Reads this wait counted. */
    readonly probes: number;
    readonly elapsedMs: number;
}

class Waiter<V> {
    probes = 0;
    failures = 0;
    /** False until a round runs while this wait is due. */
    offered = false;
    last: V;
    readonly started: number;
    /** A round before this is a free look: the first read is never earlier than its nominal time. */
    readonly countsFrom: number;
    due: number;

    constructor(
        readonly wait: BoardWait<V>,
        options: PollOptions,
        readonly resolve: (outcome: WaitOutcome<V>) => void,
        readonly reject: (error: unknown) => void,
    ) {
        this.last = wait.initial;
        this.started = options.now();
        this.countsFrom = Math.min(this.started + options.initialDelayMs, wait.deadline);
        this.due = Math.min(this.started + pollDelayMs(0, options), wait.deadline);
    }
}

const unique = (values: string[]) => [...new Set(values)];

class Board<V> {
    private readonly waiters = new Set<Waiter<V>>();
    private lastRound = -Infinity;
    private fallback = false;
    private running = false;
    /** Ends the board's sleep early when a wait joins. */
    private wake: () => void = () => undefined;

    constructor(
        private readonly boards: StatusBoards,
        private readonly key: string,
        private readonly options: PollOptions,
    ) {}

    add(wait: BoardWait<V>): Promise<WaitOutcome<V>> {
        return new Promise((resolve, reject) => {
            this.waiters.add(new Waiter(wait, this.options, resolve, reject));
            if (this.running) this.wake();
            else void this.run();
        });
    }

    private async run(): Promise<void> {
        this.running = true;
        try {
            while (this.waiters.size > 0) {
                const delay = this.nextRoundAt() - this.options.now();
                if (delay > 0) await this.sleep(delay);
                else await this.round();
            }
        } catch (error) {
            // A failing sleep or a bug must not strand the waits.
            for (const waiter of this.waiters) waiter.reject(error);
            this.waiters.clear();
        } finally {
            this.running = false;
            this.boards.idle(this.key, this);
        }
    }

    /** When the next round runs (see `nextRoundAt` in `./polling`). */
    private nextRoundAt(): number {
        const waits = [...this.waiters].map((w) => ({
            due: w.due,
            countsFrom: w.countsFrom,
            deadline: w.wait.deadline,
            firstReadOnTime: w.wait.firstReadOnTime === true && !w.offered,
        }));
        const after = (firstRead: boolean) => this.lastRound + this.boards.gapMs(this.options, firstRead);
        return nextRoundAt(waits, after(false), after(true), this.options);
    }

    private async sleep(ms: number): Promise<void> {
        const done = new AbortController();
        const woken = new Promise<void>((resolve) => (this.wake = resolve));
        try {
            await Promise.race([this.options.sleep(ms, done.signal), woken]);
        } finally {
            done.abort();
            this.wake = () => undefined;
        }
    }

    private async round(): Promise<void> {
        const started = this.options.now();
        this.lastRound = started;
        const waiters = [...this.waiters];
        const due = waiters.filter((w) => w.due <= started).sort((a, b) => a.due - b.due);
        if (due.length === 0) return;
        for (const waiter of due) waiter.offered = true;
        const round: Round = {
            due: unique(due.map((w) => w.wait.subject)),
            watching: unique(waiters.map((w) => w.wait.subject)),
            fallback: this.fallback,
            deadline: Math.max(...due.map((w) => w.wait.deadline)),
        };
        let results: ReadonlyMap<string, ReadResult<V>>;
        try {
            results = await due[0].wait.read(round);
        } catch (error) {
            results = new Map(round.due.map((subject) => [subject, { error, shared: true }]));
        }
        this.fallback = [...results.values()].some((r) => "error" in r && r.shared === true);
        const now = this.options.now();
        for (const waiter of waiters) {
            const result = results.get(waiter.wait.subject);
            if (!result || !this.waiters.has(waiter)) continue;
            if (!("error" in result)) this.seen(waiter, result.value, started, now);
            else if (waiter.due <= started) this.failed(waiter, result, now);
        }
    }

    private seen(waiter: Waiter<V>, value: V, roundStarted: number, now: number): void {
        waiter.last = value;
        waiter.wait.onValue?.(value);
        if (waiter.wait.until(value)) return this.finish(waiter, "settled", now);
        if (roundStarted < waiter.countsFrom) return;
        waiter.probes++;
        waiter.failures = 0;
        if (now >= waiter.wait.deadline) return this.finish(waiter, "deadline", now);
        waiter.due = Math.min(now + pollDelayMs(waiter.probes, this.options), waiter.wait.deadline);
    }

    /** A failed read: tolerated (the next round reads again) up to the failure budget, never at the deadline. */
    private failed(waiter: Waiter<V>, result: { error: unknown; shared?: boolean }, now: number): void {
        const final = !result.shared && !isRetryable(result.error);
        if (final || ++waiter.failures >= MAX_FAILED_PROBES || now >= waiter.wait.deadline) {
            this.waiters.delete(waiter);
            return waiter.reject(result.error);
        }
        waiter.wait.onRetry?.(result.error);
        waiter.probes++;
        waiter.wait.onValue?.(waiter.last);
        waiter.due = Math.min(now + pollDelayMs(waiter.probes, this.options), waiter.wait.deadline);
    }

    private finish(waiter: Waiter<V>, outcome: WaitOutcome<V>["outcome"], now: number): void {
        this.waiters.delete(waiter);
        waiter.resolve({ outcome, value: waiter.last, probes: waiter.probes, elapsedMs: now - waiter.started });
    }
}

/**
 * The boards of one provider process (one per rate limiter, so per process in production), keyed
 * by what makes reads shareable: the kind of object, the account (base URL and a hash of the
 * credentials) and the zone.
 */
export class StatusBoards {
    private readonly boards = new Map<string, Board<unknown>>();

    /** @param limiter whose headroom stretches the gap between rounds (see `roundGapMs`). */
    constructor(private readonly limiter?: RateLimiter) {}

    /** Waits on the board `key` until `wait.until` holds or its deadline passes. Read errors that end the wait reject. */
    wait<V>(key: string, wait: BoardWait<V>, options: PollOptions): Promise<WaitOutcome<V>> {
        let board = this.boards.get(key) as Board<V> | undefined;
        if (!board) {
            board = new Board<V>(this, key, options);
            this.boards.set(key, board as Board<unknown>);
        }
        return board.add(wait);
    }

    /** Boards with waits now: each costs about one request per round. */
    get busy(): number {
        return this.boards.size;
    }

    /** The gap after a board's last round now (see `roundGapMs`). */
    gapMs(options: PollOptions, firstRead: boolean): number {
        return roundGapMs(firstRead, this.busy, this.limiter?.headroom() ?? [], options);
    }

    /** Called by a board whose last wait ended. */
    idle(key: string, board: object): void {
        if ((this.boards.get(key) as object | undefined) === board) this.boards.delete(key);
    }
}
