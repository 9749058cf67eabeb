import fc from "fast-check";
import { budgetGapMs, DEFAULT_POLL_OPTIONS, nextRoundAt, pollDelayMs, type PollOptions, roundGapMs, type ScheduledWait } from "../../../provider/runtime/polling";
import { fakeClock } from "../fakeClock";

function options(overrides: Partial<PollOptions> = {}): PollOptions {
    const clock = fakeClock();
    return { ...DEFAULT_POLL_OPTIONS, now: clock.now, sleep: clock.sleep, random: () => 0, ...overrides };
}

const fiveMinutes = { requests: 1000, windowMs: 300_000 };

describe("pollDelayMs", () => {
    test("steady for three reads, then grows by the factor up to the cap (no jitter at random 0)", () => {
        const o = options();
        expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => pollDelayMs(n, o))).toEqual([1000, 1000, 1000, 1500, 2250, 3375, 4000, 4000, 4000]);
    });

    test("jitter only stretches a wait, by at most 10%, so no read comes early", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (probe, r) => {
                const base = pollDelayMs(probe, options());
                const delay = pollDelayMs(probe, options({ random: () => r }));
                expect(delay).toBeGreaterThanOrEqual(base);
                expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.1));
            }),
        );
    });
});

describe("the budget rule", () => {
    test("the documented examples: ten zones at 1000/5m with 900, 300 and 10 requests left", () => {
        expect(budgetGapMs(10, [{ limit: fiveMinutes, left: 900 }], DEFAULT_POLL_OPTIONS)).toBe(667);
        expect(budgetGapMs(10, [{ limit: fiveMinutes, left: 300 }], DEFAULT_POLL_OPTIONS)).toBe(2000);
        expect(budgetGapMs(10, [{ limit: fiveMinutes, left: 10 }], DEFAULT_POLL_OPTIONS)).toBe(60_000);
        expect(budgetGapMs(10, [{ limit: fiveMinutes, left: 0 }], DEFAULT_POLL_OPTIONS)).toBe(60_000);
    });

    test("the tightest limit decides; no limit, no stretch", () => {
        const perSecond = { requests: 100, windowMs: 1_000 };
        expect(budgetGapMs(10, [{ limit: fiveMinutes, left: 600 }, { limit: perSecond, left: 1 }], DEFAULT_POLL_OPTIONS)).toBe(1000);
        expect(budgetGapMs(10, [], DEFAULT_POLL_OPTIONS)).toBe(0);
    });

    test("the gap between rounds is the tick until the budget asks for more; a first read waits for the budget only", () => {
        expect(roundGapMs(false, 10, [{ limit: fiveMinutes, left: 900 }], DEFAULT_POLL_OPTIONS)).toBe(DEFAULT_POLL_OPTIONS.tickMs);
        expect(roundGapMs(false, 50, [{ limit: fiveMinutes, left: 500 }], DEFAULT_POLL_OPTIONS)).toBe(6000);
        expect(roundGapMs(true, 10, [{ limit: fiveMinutes, left: 900 }], DEFAULT_POLL_OPTIONS)).toBe(667);
        expect(roundGapMs(true, 50, [{ limit: fiveMinutes, left: 500 }], DEFAULT_POLL_OPTIONS)).toBe(6000);
    });

    test("more busy boards or less left never shortens the gap", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 500 }), (boards, left, more, fewer) => {
                const gap = budgetGapMs(boards, [{ limit: fiveMinutes, left }], DEFAULT_POLL_OPTIONS);
                expect(budgetGapMs(boards + more, [{ limit: fiveMinutes, left }], DEFAULT_POLL_OPTIONS)).toBeGreaterThanOrEqual(gap);
                expect(budgetGapMs(boards, [{ limit: fiveMinutes, left: Math.max(0, left - fewer) }], DEFAULT_POLL_OPTIONS)).toBeGreaterThanOrEqual(gap);
                expect(gap).toBeLessThanOrEqual(DEFAULT_POLL_OPTIONS.budgetShare * fiveMinutes.windowMs);
            }),
        );
    });
});

describe("nextRoundAt", () => {
    const wait = (due: number, extra: Partial<ScheduledWait> = {}): ScheduledWait => ({ due, countsFrom: 0, deadline: Infinity, firstReadOnTime: false, ...extra });
    const next = (waits: ScheduledWait[], afterTick = 0, afterBudget = 0) => nextRoundAt(waits, afterTick, afterBudget, DEFAULT_POLL_OPTIONS);

    test("when the earliest wait falls due, but not before the tick after the last round", () => {
        expect(next([wait(5_000), wait(3_000)])).toBe(3_000);
        expect(next([wait(5_000), wait(3_000)], 4_000)).toBe(4_000);
    });

    test("a first read on time waits for the budget only", () => {
        expect(next([wait(3_000, { firstReadOnTime: true })], 4_000, 3_500)).toBe(3_500);
        expect(next([wait(3_000, { firstReadOnTime: true })], 4_000, 2_000)).toBe(3_000);
    });

    test("up to gatherMs later for waits whose first read falls due just after; not for the others' dues", () => {
        expect(next([wait(1_000), wait(1_300, { countsFrom: 1_300 }), wait(1_600, { countsFrom: 1_600 })])).toBe(1_300);
        expect(next([wait(1_000), wait(1_300), wait(1_400)])).toBe(1_000);
    });

    test("never past the deadline of a wait due by then, whatever the gap", () => {
        expect(next([wait(5_000, { deadline: 5_000 })], 5_500, 5_500)).toBe(5_000);
        expect(next([wait(1_000, { deadline: 1_200 }), wait(1_400, { countsFrom: 1_400 })])).toBe(1_200);
    });
});
