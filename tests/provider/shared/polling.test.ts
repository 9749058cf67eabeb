import fc from "fast-check";
import { DEFAULT_POLL_OPTIONS, pollDelayMs, type PollOptions, pollUntil } from "../../../provider/shared/polling";
import { fakeClock } from "../fakeClock";

function options(overrides: Partial<PollOptions> = {}): PollOptions & { sleeps: number[] } {
    const clock = fakeClock();
    return { ...DEFAULT_POLL_OPTIONS, now: clock.now, sleep: clock.sleep, random: () => 0, sleeps: clock.sleeps, ...overrides };
}

describe("pollDelayMs", () => {
    test("steady for three probes, then grows by the factor up to the cap (no jitter at random 0)", () => {
        const o = options();
        expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => pollDelayMs(n, o))).toEqual([1000, 1000, 1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    });

    test("jitter only stretches a wait, by at most 10%, so no probe comes early", () => {
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

describe("pollUntil", () => {
    test("probes until the predicate holds and reports each probe", async () => {
        const o = options();
        const values = ["pending_deployment", "pending_deployment", "active"];
        const seen: string[] = [];
        const result = await pollUntil(
            { probe: async () => values.shift() as string, until: (v) => v === "active", deadline: o.now() + 60_000, onProbe: (v) => seen.push(v) },
            o,
        );
        expect(result).toMatchObject({ outcome: "settled", value: "active", probes: 3 });
        expect(seen).toEqual(["pending_deployment", "pending_deployment", "active"]);
        expect(o.sleeps).toEqual([1000, 1000, 1000]);
    });

    test("stops at the deadline after one last probe, never sleeping past it", async () => {
        const o = options({ random: () => 0.99 });
        const deadline = o.now() + 7_000;
        let probes = 0;
        const result = await pollUntil({ probe: async () => ++probes, until: () => false, deadline }, o);
        expect(result.outcome).toBe("deadline");
        expect(o.now()).toBe(deadline);
        expect(o.sleeps.reduce((a, b) => a + b, 0)).toBe(7_000);
        expect(result.probes).toBe(probes);
        expect(probes).toBeLessThan(10);
    });

    test("the number of probes is bounded for any deadline (cap on frequency)", () => {
        fc.assert(
            fc.asyncProperty(fc.integer({ min: 0, max: 3_600_000 }), async (budget) => {
                const o = options();
                const result = await pollUntil({ probe: async () => 0, until: () => false, deadline: o.now() + budget }, o);
                // Waits grow to 5 s (never shortened by jitter); the first few are shorter.
                expect(result.probes).toBeLessThanOrEqual(10 + Math.ceil(budget / 5000));
            }),
            { numRuns: 30 },
        );
    });

    test("probe errors propagate", async () => {
        const o = options();
        await expect(pollUntil({ probe: async () => Promise.reject(new Error("boom")), until: () => true, deadline: o.now() + 1000 }, o)).rejects.toThrow("boom");
    });
});
