/**
 * The status board on simulated time: waits on one board share their reads (one per round), keep
 * their own schedule, deadline and failure budget, and space their rounds out as the rate-limit
 * budget shrinks. The reader here stands in for a zone: a list when the board watches several
 * subjects, single reads otherwise, counting requests.
 */
import fc from "fast-check";
import { CloudflareApiError } from "../../../provider/client/errors";
import { RateLimiter } from "../../../provider/client/rateLimiter";
import { DEFAULT_POLL_OPTIONS, MAX_FAILED_PROBES, type PollOptions } from "../../../provider/runtime/polling";
import { type ReadResult, type Round, StatusBoards, type WaitOutcome } from "../../../provider/runtime/statusBoard";
import { SimulatedTime } from "../simulatedTime";

const status = (code: number) => new CloudflareApiError({ status: code, errors: [{ code: 1499, message: "boom" }], method: "GET", path: "/zones/z/..." });

interface Logged {
    at: number;
    kind: "list" | "get";
    subjects: string[];
    fallback: boolean;
}

/** A zone whose subjects go `active` at given times; its reader logs every request it makes. */
function zone(time: SimulatedTime, activeAt: Map<string, number>, fail: { list?: () => unknown; get?: (subject: string) => unknown } = {}) {
    const requests: Logged[] = [];
    const value = (subject: string) => (time.now >= activeAt.get(subject)! ? "active" : "pending");
    const read = async (round: Round): Promise<ReadonlyMap<string, ReadResult<string>>> => {
        const results = new Map<string, ReadResult<string>>();
        let singles = round.due;
        if (!round.fallback && round.watching.length > 1) {
            requests.push({ at: time.now, kind: "list", subjects: [...round.watching], fallback: false });
            const error = fail.list?.();
            if (error) {
                for (const s of round.due) results.set(s, { error, shared: true });
                return results;
            }
            for (const s of round.watching) results.set(s, { value: value(s) });
            singles = [];
        }
        for (const s of singles) {
            requests.push({ at: time.now, kind: "get", subjects: [s], fallback: round.fallback });
            const error = fail.get?.(s);
            results.set(s, error ? { error } : { value: value(s) });
        }
        return results;
    };
    return { requests, read };
}

function setup(overrides: Partial<PollOptions> = {}, limiter?: RateLimiter, time = new SimulatedTime(0)) {
    const options: PollOptions = { ...DEFAULT_POLL_OPTIONS, ...time.clock, random: () => 0.5, ...overrides };
    return { time, boards: new StatusBoards(limiter), options };
}

interface Settled {
    subject: string;
    at: number;
    outcome?: WaitOutcome<string>;
    error?: unknown;
}

/** Starts a wait for `subject` on board "b" at `joinAt`; records when and how it ended. */
function waitAt(
    t: ReturnType<typeof setup>,
    read: (round: Round) => Promise<ReadonlyMap<string, ReadResult<string>>>,
    subject: string,
    joinAt: number,
    ended: Settled[],
    deadline = Infinity,
    listing = true,
) {
    return t.time.clock
        .sleep(joinAt)
        .then(() => t.boards.wait("b", { subject, until: (v) => v === "active", deadline, initial: "pending", read, firstReadOnTime: listing }, t.options))
        .then(
            (outcome) => void ended.push({ subject, at: t.time.now, outcome }),
            (error) => void ended.push({ subject, at: t.time.now, error }),
        );
}

/** Gaps between consecutive requests of a log. */
const gaps = (log: Logged[]) => log.slice(1).map((r, i) => r.at - log[i].at);

describe("sharing", () => {
    test("20 waits joining within a second share one list per round, about as many rounds as one wait alone", async () => {
        const alone = setup();
        const single = zone(alone.time, new Map([["only", 30_000]]));
        const soloEnded: Settled[] = [];
        await Promise.all([waitAt(alone, single.read, "only", 0, soloEnded), alone.time.run()]);
        const soloRounds = single.requests.length;

        const t = setup();
        const subjects = Array.from({ length: 20 }, (_, i) => `c${i}`);
        const activeAt = new Map(subjects.map((s, i) => [s, i * 50 + 30_000]));
        const z = zone(t.time, activeAt);
        const ended: Settled[] = [];
        await Promise.all([...subjects.map((s, i) => waitAt(t, z.read, s, i * 50, ended)), t.time.run()]);

        expect(ended.map((e) => e.outcome?.outcome)).toEqual(subjects.map(() => "settled"));
        expect(z.requests.every((r) => r.kind === "list")).toBe(true);
        expect(z.requests.length).toBeLessThanOrEqual(soloRounds + 1);
        // Twenty waits on their own would have made twenty times the solo rounds.
        expect(z.requests.length * 10).toBeLessThan(20 * soloRounds);
        // Rounds are a tick apart, but for one: the first reads of the waits that joined last.
        expect(gaps(z.requests).filter((gap) => gap < DEFAULT_POLL_OPTIONS.tickMs)).toHaveLength(1);
        // Each is seen within one capped wait (plus jitter) of going active.
        for (const e of ended) expect(e.at - activeAt.get(e.subject)!).toBeLessThanOrEqual(DEFAULT_POLL_OPTIONS.maxDelayMs * 1.1);
        process.stdout.write(`20 waits: ${z.requests.length} requests (one wait alone: ${soloRounds})\n`);
    });

    test("a wait's first read is never earlier than its nominal time, and at most gatherMs later", async () => {
        const t = setup();
        // Each goes active exactly when its first read is due: a read a moment early would miss it.
        const joins = { a: 0, b: 300, c: 450 };
        const z = zone(t.time, new Map(Object.entries(joins).map(([s, j]) => [s, j + DEFAULT_POLL_OPTIONS.initialDelayMs])));
        const ended: Settled[] = [];
        await Promise.all([...Object.entries(joins).map(([s, j]) => waitAt(t, z.read, s, j, ended)), t.time.run()]);
        for (const e of ended) {
            const nominal = joins[e.subject as keyof typeof joins] + DEFAULT_POLL_OPTIONS.initialDelayMs;
            expect(e.at).toBeGreaterThanOrEqual(nominal);
            expect(e.at).toBeLessThanOrEqual(nominal + DEFAULT_POLL_OPTIONS.gatherMs);
        }
        expect(z.requests).toHaveLength(1);
    });

    test("a wait that joins just after a round is read at its own nominal times, and the rounds then follow it", async () => {
        const t = setup();
        // Both go active 2 s after they join; "b" joins too late to share the first round (at 1.05 s).
        const z = zone(t.time, new Map([["a", 2_000], ["b", 2_600]]));
        const ended: Settled[] = [];
        await Promise.all([waitAt(t, z.read, "a", 0, ended), waitAt(t, z.read, "b", 600, ended), t.time.run()]);
        // b's reads at 1.65 s and 2.7 s (1.05 s apart: its own schedule), not held back to 2.05 s by the tick.
        expect(z.requests.map((r) => r.at)).toEqual([1_050, 1_650, 2_700]);
        expect(ended.map((e) => [e.subject, e.at])).toEqual([["a", 2_700], ["b", 2_700]]);
    });

    test("a wait joining a board that sleeps for long wakes it: its first read is not held back", async () => {
        // Waits of up to 20 s: the old wait's rounds come at 53.8 s and 74.8 s (jitter 5%).
        const t = setup({ maxDelayMs: 20_000 });
        const z = zone(t.time, new Map([["old", 300_000], ["new", 55_000]]));
        const ended: Settled[] = [];
        void waitAt(t, z.read, "old", 0, ended);
        void waitAt(t, z.read, "new", 54_000, ended);
        // Stops at the old wait's next round (74.8 s), which it never reaches.
        await expect(t.time.run(60_000)).rejects.toThrow("simulation ran past its limit");
        expect(ended).toEqual([{ subject: "new", at: 55_050, outcome: expect.objectContaining({ outcome: "settled" }) }]);
    });

    test("a reader that answers one subject per round (hostnames): one request per round, the most overdue first", async () => {
        const t = setup();
        const activeAt = new Map(["h1", "h2", "h3", "h4"].map((h) => [h, 0]));
        const served: string[][] = [];
        const times: number[] = [];
        const read = async (round: Round) => {
            served.push([...round.due]);
            times.push(t.time.now);
            return new Map([[round.due[0], { value: t.time.now >= activeAt.get(round.due[0])! ? "active" : "pending" }]]);
        };
        const ended: Settled[] = [];
        await Promise.all([...[...activeAt.keys()].map((h, i) => waitAt(t, read, h, i * 100, ended, Infinity, false)), t.time.run()]);
        expect(ended.map((e) => e.subject)).toEqual(["h1", "h2", "h3", "h4"]);
        expect(served.map((due) => due[0])).toEqual(["h1", "h2", "h3", "h4"]);
        expect(served[1]).toEqual(["h2", "h3", "h4"]);
        expect(times.slice(1).map((time, i) => time - times[i])).toEqual([1000, 1000, 1000]);
    });
});

describe("failures", () => {
    test("a failed list is one failed read for the due waits, and the next round reads them one by one", async () => {
        const t = setup();
        let lists = 0;
        const z = zone(t.time, new Map([["a", 5_000], ["b", 5_000]]), { list: () => (++lists <= 2 ? status(503) : undefined) });
        const ended: Settled[] = [];
        const lines: string[] = [];
        const wait = (s: string) =>
            t.boards
                .wait("b", { subject: s, until: (v) => v === "active", deadline: Infinity, initial: "pending", read: z.read, onRetry: () => lines.push(s) }, t.options)
                .then((o) => void ended.push({ subject: s, at: t.time.now, outcome: o }));
        await Promise.all([wait("a"), wait("b"), t.time.run()]);
        expect(ended.map((e) => e.outcome?.outcome)).toEqual(["settled", "settled"]);
        const kinds = z.requests.map((r) => `${r.kind}${r.fallback ? " (fallback)" : ""}`);
        expect(kinds.slice(0, 5)).toEqual(["list", "get (fallback)", "get (fallback)", "list", "get (fallback)"]);
        expect(lines).toEqual(["a", "b", "a", "b"]);
    });

    test("a list that keeps failing fails no wait while single reads work", async () => {
        const t = setup();
        const z = zone(t.time, new Map([["a", 40_000], ["b", 40_000]]), { list: () => status(502) });
        const ended: Settled[] = [];
        await Promise.all([waitAt(t, z.read, "a", 0, ended), waitAt(t, z.read, "b", 0, ended), t.time.run()]);
        expect(ended.map((e) => e.outcome?.outcome)).toEqual(["settled", "settled"]);
        expect(z.requests.filter((r) => r.kind === "list").length).toBeGreaterThan(MAX_FAILED_PROBES);
    });

    test("reads of one subject that keep failing end its wait only; the others go on", async () => {
        const t = setup();
        const z = zone(t.time, new Map([["a", 20_000], ["b", 20_000], ["bad", 20_000]]), { list: () => status(502), get: (s) => (s === "bad" ? status(503) : undefined) });
        const ended: Settled[] = [];
        await Promise.all([waitAt(t, z.read, "a", 0, ended), waitAt(t, z.read, "b", 0, ended), waitAt(t, z.read, "bad", 0, ended), t.time.run()]);
        const bad = ended.find((e) => e.subject === "bad")!;
        // Three failed reads in a row: the list (502), its own GET (503), the list again (502).
        expect((bad.error as CloudflareApiError).status).toBe(502);
        expect(ended.filter((e) => e.subject !== "bad").map((e) => e.outcome?.outcome)).toEqual(["settled", "settled"]);
        expect(bad.at).toBeLessThan(20_000);
    });

    test("an error that retrying cannot fix ends that wait at once; a list's never does", async () => {
        const t = setup();
        const z = zone(t.time, new Map([["a", 3_000], ["forbidden", 3_000]]), { list: () => status(403), get: (s) => (s === "forbidden" ? status(403) : undefined) });
        const ended: Settled[] = [];
        await Promise.all([waitAt(t, z.read, "a", 0, ended), waitAt(t, z.read, "forbidden", 0, ended), t.time.run()]);
        // The failed list at 1.05 s counts once; the forbidden one's own read at 2.1 s ends it.
        expect(ended.find((e) => e.subject === "forbidden")).toMatchObject({ at: 2_100 });
        expect(ended.find((e) => e.subject === "a")?.outcome?.outcome).toBe("settled");
    });
});

describe("deadlines", () => {
    test("the last read is at the deadline, never after; then the outcome is deadline", async () => {
        const t = setup({ random: () => 0.99 });
        const z = zone(t.time, new Map([["a", Infinity]]));
        const ended: Settled[] = [];
        await Promise.all([waitAt(t, z.read, "a", 0, ended, 7_000), t.time.run()]);
        expect(ended[0]).toMatchObject({ at: 7_000, outcome: { outcome: "deadline", value: "pending" } });
        expect(z.requests.at(-1)!.at).toBe(7_000);
    });

    test("the number of reads is bounded for any deadline (a cap on frequency)", async () => {
        await fc.assert(
            fc.asyncProperty(fc.integer({ min: 1_000, max: 3_600_000 }), async (budget) => {
                const t = setup();
                const z = zone(t.time, new Map([["a", Infinity]]));
                const ended: Settled[] = [];
                await Promise.all([waitAt(t, z.read, "a", 0, ended, budget), t.time.run()]);
                expect(ended[0].outcome?.outcome).toBe("deadline");
                expect(z.requests.length).toBeLessThanOrEqual(10 + Math.ceil(budget / DEFAULT_POLL_OPTIONS.maxDelayMs));
            }),
            { numRuns: 30 },
        );
    });
});

describe("the budget", () => {
    test("with little of the rate limit left, rounds space out; with plenty, they follow the schedule", async () => {
        const runWithHeadroom = async (used: number) => {
            const time = new SimulatedTime(0);
            const limiter = new RateLimiter({ limits: [{ requests: 100, windowMs: 100_000 }], ...time.clock });
            for (let i = 0; i < used; i++) (await limiter.acquire())();
            const t = setup({}, limiter, time);
            const z = zone(time, new Map([["a", 30_000], ["b", 30_000]]));
            await Promise.all([waitAt(t, z.read, "a", 0, []), waitAt(t, z.read, "b", 0, []), time.run()]);
            return z.requests;
        };
        const plenty = await runWithHeadroom(0);
        expect(gaps(plenty).slice(0, 2)).toEqual([DEFAULT_POLL_OPTIONS.initialDelayMs * 1.05, DEFAULT_POLL_OPTIONS.initialDelayMs * 1.05]);
        // 5 left of 100 per 100 s, one busy board: 0.2 × 100 s × 1/5 = 4 s between rounds at least.
        const scarce = await runWithHeadroom(95);
        expect(Math.min(...gaps(scarce))).toBeGreaterThanOrEqual(4_000);
        expect(scarce.length).toBeLessThan(plenty.length);
    });
});
