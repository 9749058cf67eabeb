/**
 * Pacing by the budget Cloudflare reports: reading `Ratelimit` / `Ratelimit-Policy`, the reserve
 * setting, and the pacing rule on a manual clock, alone, for several processes sharing one token
 * with a foreign client, and in the limiter (polling after writes, a long wait told once).
 */
import {
    DEFAULT_PACE_OPTIONS,
    parseRateLimitHeaders,
    parseRateReserve,
    RateReserveSettingError,
    type ReportedPolicy,
    TokenBudget,
} from "../../../provider/client/rateBudget";
import { asPolling, type Held, heldLine, HELD_NOTICE_MS, RateLimiter } from "../../../provider/client/rateLimiter";
import { CloudflareClient } from "../../../provider/client/http";
import { SimulatedTime } from "../simulatedTime";
import { json, ok, startStub, type StubServer } from "./stubServer";

describe("parseRateLimitHeaders", () => {
    test("Cloudflare's headers: remaining and reset from Ratelimit, quota and window from Ratelimit-Policy", () => {
        expect(parseRateLimitHeaders('"default";r=50;t=30', '"default";q=1200;w=300')).toEqual([
            { name: "default", remaining: 50, resetMs: 30_000, quota: 1200, windowMs: 300_000 },
        ]);
    });

    test("missing headers give nothing; a missing policy leaves quota and window unknown", () => {
        expect(parseRateLimitHeaders(undefined, undefined)).toEqual([]);
        expect(parseRateLimitHeaders(undefined, '"default";q=1200;w=300')).toEqual([]);
        expect(parseRateLimitHeaders('"default";r=7;t=2', undefined)).toEqual([{ name: "default", remaining: 7, resetMs: 2_000 }]);
        expect(parseRateLimitHeaders('"default";r=7;t=2', '"other";q=10;w=1')).toEqual([{ name: "default", remaining: 7, resetMs: 2_000 }]);
    });

    test("malformed members are skipped, well-formed ones beside them kept", () => {
        for (const bad of ["", "garbage", '"default";r=abc;t=30', '"default";t=30', '"default";r=5', '"default";r=-1;t=30', '"default" r=5;t=30', '"unterminated;r=5;t=3', "=r=5;t=3"]) {
            expect(parseRateLimitHeaders(bad, undefined)).toEqual([]);
        }
        expect(parseRateLimitHeaders('"default";r=x;t=1, "burst";r=3;t=1', '"default";q=0;w=300, "burst";q=10;w=oops')).toEqual([
            { name: "burst", remaining: 3, resetMs: 1_000 },
        ]);
    });

    test("several policies, in any order, each joined with its own quota; names as strings or tokens; extra parameters ignored", () => {
        expect(
            parseRateLimitHeaders('"default";r=50;t=30, burst;r=5;t=1;x=9', 'burst;q=10;w=1, "default";q=1200;w=300;pk=abc'),
        ).toEqual([
            { name: "default", remaining: 50, resetMs: 30_000, quota: 1200, windowMs: 300_000 },
            { name: "burst", remaining: 5, resetMs: 1_000, quota: 10, windowMs: 1_000 },
        ]);
        expect(parseRateLimitHeaders('"a, b";r=1;t=1', undefined)).toEqual([{ name: "a, b", remaining: 1, resetMs: 1_000 }]);
    });

    test("a header sent twice is one list; of two members with the same name the first wins", () => {
        expect(parseRateLimitHeaders(['"default";r=9;t=3', '"default";r=1;t=1'], ['"default";q=10;w=5'])).toEqual([
            { name: "default", remaining: 9, resetMs: 3_000, quota: 10, windowMs: 5_000 },
        ]);
    });
});

describe("parseRateReserve", () => {
    test("a share of the quota or a number of requests", () => {
        expect(parseRateReserve("10%")).toEqual({ share: 0.1 });
        expect(parseRateReserve(" 25 % ")).toEqual({ share: 0.25 });
        expect(parseRateReserve("0%")).toEqual({ share: 0 });
        expect(parseRateReserve("200")).toEqual({ requests: 200 });
    });

    test("anything else fails, naming the setting and the format", () => {
        for (const bad of ["95%", "-1", "ten", "", "10%%", "1.5"]) {
            expect(() => parseRateReserve(bad)).toThrow(RateReserveSettingError);
        }
        expect(() => parseRateReserve("ten")).toThrow('cloudflare:rateReserve (or CLOUDFLARE_RATE_RESERVE) is "ten", which is not a reserve');
    });
});

const policy = (remaining: number, resetSeconds: number, quota = 1200, windowSeconds = 300): ReportedPolicy[] => [
    { name: "default", remaining, resetMs: resetSeconds * 1000, quota, windowMs: windowSeconds * 1000 },
];

describe("TokenBudget: the pacing rule", () => {
    test("one request at a time until the first answer; an answer without a budget lifts the rule for good", () => {
        const budget = new TokenBudget();
        expect(budget.delay(0).ms).toBe(0);
        const first = budget.take(0);
        expect(budget.delay(0)).toEqual({ ms: Infinity, until: "first answer" });
        budget.report(first, undefined, 10); // no answer (a connection failure): still nothing known
        expect(budget.delay(10).ms).toBe(0);
        budget.take(10);
        budget.report(2, [], 20);
        for (let i = 0; i < 1000; i++) budget.take(20);
        expect(budget.delay(20).ms).toBe(0);
    });

    test("from a full budget a burst (100 uploads) goes at once; then the next waits for the bucket to refill", () => {
        const budget = new TokenBudget();
        budget.report(budget.take(0), policy(1199, 300), 50);
        let burst = 0;
        while (budget.delay(50).ms === 0) budget.take(50), burst++;
        // 15% of what is left after the reserve (1199 - 120).
        expect(burst).toBe(Math.floor(0.15 * (1199 - 120)));
        const wait = budget.delay(50);
        expect(wait.until).toBe("refill");
        // At most the time one request takes when what is left is spread over the 300 s until the reset
        // (far less: with more than half left, the bucket refills within seconds).
        expect(wait.ms).toBeGreaterThan(0);
        expect(wait.ms).toBeLessThanOrEqual(Math.ceil(300_000 / (1199 - 120 - burst)));
        expect(budget.delay(50 + wait.ms - 1).ms).toBeGreaterThan(0);
        expect(budget.delay(50 + wait.ms).ms).toBe(0);
    });

    test("a run that starts late in a window, with less than half the quota left, does not burst: one request, then the pace", () => {
        const budget = new TokenBudget();
        budget.report(budget.take(0), policy(400, 200), 50);
        expect(budget.delay(50).ms).toBe(0);
        budget.take(50);
        const wait = budget.delay(50);
        expect(wait.until).toBe("refill");
        // The pace that makes what is left (400 - 1 - 120) last the 200 s to the reset.
        expect(wait.ms).toBe(Math.ceil(200_000 / (400 - 1 - 120)));
    });

    test("with nothing left above the reserve, requests wait for the reset, then one goes to learn the new window", () => {
        const budget = new TokenBudget();
        budget.report(budget.take(0), policy(120, 60), 0);
        expect(budget.delay(0)).toEqual({ ms: 60_000, until: "reset" });
        expect(budget.delay(59_999)).toEqual({ ms: 1, until: "reset" });
        expect(budget.delay(60_000).ms).toBe(0);
        const probe = budget.take(60_000);
        expect(budget.delay(60_000).until).toBe("first answer");
        budget.report(probe, policy(1199, 300), 60_050);
        expect(budget.delay(60_050).ms).toBe(0);
    });

    test("our requests sent after the answered one count against what it reported; an older answer changes nothing", () => {
        const budget = new TokenBudget();
        budget.report(budget.take(0), policy(1000, 300), 0);
        const older = budget.take(0);
        const newer = budget.take(0);
        budget.take(0);
        budget.report(newer, policy(500, 300), 10);
        expect(budget.headroom(10)[0].left).toBe(500 - 1 - 120);
        budget.report(older, policy(900, 300), 20);
        expect(budget.headroom(20)[0].left).toBe(500 - 1 - 120);
    });

    test("the reserve is configurable: a share of the quota or a number of requests", () => {
        const shares = new TokenBudget({ ...DEFAULT_PACE_OPTIONS, reserve: parseRateReserve("50%") });
        shares.report(shares.take(0), policy(1000, 300), 0);
        expect(shares.headroom(0)[0]).toEqual({ limit: { requests: 1200, windowMs: 300_000 }, left: 400 });
        const count = new TokenBudget({ ...DEFAULT_PACE_OPTIONS, reserve: parseRateReserve("0") });
        count.report(count.take(0), policy(1000, 300), 0);
        expect(count.headroom(0)[0].left).toBe(1000);
    });

    test("what the others spend now is taken from this process's pace, not taken for their pace when it was a burst", () => {
        /** 30 s in which another client spends `others` a second (after a burst of `burst` in the first second) and we one. */
        // Less than half the quota left: the pace that lasts until the reset rules.
        const observed = (others: number, burst = 0, start = 650) => {
            const budget = new TokenBudget();
            let remaining = start;
            budget.report(budget.take(0), policy(remaining, 300), 0);
            for (let t = 1; t <= 30; t++) {
                remaining -= 1 + others + (t === 1 ? burst : 0);
                budget.report(budget.take(t * 1000), policy(remaining, 300 - t), t * 1000);
            }
            return budget;
        };
        /** Requests let go over the next 10 s, once the burst allowance is spent. */
        const granted = (budget: TokenBudget) => {
            while (budget.delay(30_000).ms === 0) budget.take(30_000);
            let count = 0;
            for (let now = 30_000; now <= 40_000; now += 10) while (budget.delay(now).ms === 0) budget.take(now), count++;
            return count;
        };
        // Alone: what is left (620 - 120 - the burst) spread over 270 s, under 2 a second.
        const alone = granted(observed(0));
        expect(alone).toBeGreaterThanOrEqual(14);
        expect(alone).toBeLessThanOrEqual(19);
        // Others at 1/s: 1 a second less.
        const crowded = granted(observed(1));
        expect(crowded).toBeGreaterThanOrEqual(alone - 12);
        expect(crowded).toBeLessThanOrEqual(alone - 8);
        // A burst of 100 in the first second, then 1/s: the pace of a steady 1/s with as much left.
        expect(Math.abs(granted(observed(1, 100)) - granted(observed(1, 0, 550)))).toBeLessThanOrEqual(1);
    });

    test("crowded out entirely, a process still sends one request per slice, to see when the others slow down", () => {
        const budget = new TokenBudget();
        let remaining = 1100;
        budget.report(budget.take(0), policy(remaining, 300), 0);
        for (let t = 1; t <= 30; t++) {
            remaining -= 31; // the others: 30 a second, far more than the pace that lasts
            budget.report(budget.take(t * 1000), policy(Math.max(200, remaining), 300 - t), t * 1000);
        }
        while (budget.delay(30_000).ms === 0) budget.take(30_000);
        expect(budget.delay(30_000).ms).toBeLessThanOrEqual(DEFAULT_PACE_OPTIONS.othersSliceMs);
    });
});

/** A fixed-window budget per token, like the emulator's: going over is a block (the test fails on it). */
class FakeCloudflare {
    private start = -Infinity;
    private count = 0;
    counted = 0;
    over = 0;
    constructor(readonly quota: number, readonly windowMs: number) {}
    request(now: number): ReportedPolicy[] {
        if (now >= this.start + this.windowMs) [this.start, this.count] = [now, 0];
        this.count++;
        this.counted++;
        if (this.count > this.quota) this.over++;
        return policy(Math.max(0, this.quota - this.count), Math.max(1, Math.ceil((this.start + this.windowMs - now) / 1000)), this.quota, this.windowMs / 1000);
    }
}

describe("TokenBudget: one run alone on its token", () => {
    test("an up and a destroy of 100 certificates (370 requests, bursts of 100) from a full budget are never held back", () => {
        const server = new FakeCloudflare(1200, 300_000);
        // What a Cloudflare-like up and destroy ask for (docs/benchmark.md): 100 uploads, then ten
        // zones read in rounds 1, 2, 3, 4.5, 6.75 s … after them until 30 s; 100 deletes at 40 s,
        // then the ten zones read in rounds until 10 s after them.
        const rounds = [1, 2, 3, 4.5, 6.75, 10.1, 14.1, 18.1, 22.1, 26.1, 30.1].map((s) => s * 1000);
        const demand = new Map<number, number>([[0, 100], [40_000, 100]]);
        for (const at of rounds) demand.set(at, 10);
        for (const at of rounds.filter((r) => r <= 10_100)) demand.set(40_000 + at, 10);
        const budget = new TokenBudget();
        let inFlight: Array<{ seq: number; answerAt: number; reported: ReportedPolicy[] }> = [];
        let held = 0;
        let waiting = 0;
        for (let now = 0; now <= 70_000; now += 10) {
            for (const answer of inFlight.filter((a) => a.answerAt <= now)) budget.report(answer.seq, answer.reported, now);
            inFlight = inFlight.filter((a) => a.answerAt > now);
            waiting += demand.get(now) ?? 0;
            while (waiting > 0 && budget.delay(now).ms <= 0) {
                inFlight.push({ seq: budget.take(now), answerAt: now + 50, reported: server.request(now) });
                waiting--;
            }
            // One request at a time until the first answer (50 ms) is the only wait allowed.
            if (waiting > 0 && now >= 50) held++;
        }
        expect([server.counted, held]).toEqual([100 + 110 + 100 + 60, 0]);
    });
});

describe("TokenBudget: several processes and a foreign client on one token", () => {
    test("four processes that would all send as fast as they may, and a foreign client at 1/s, never go over, and use most of the budget", () => {
        const server = new FakeCloudflare(1200, 300_000);
        const processes = Array.from({ length: 4 }, () => ({ budget: new TokenBudget(), inFlight: [] as Array<{ seq: number; answerAt: number; reported: ReportedPolicy[] }> }));
        let ours = 0;
        for (let now = 0; now < 900_000; now += 100) {
            if (now % 1000 === 0) server.request(now); // the foreign client
            for (const p of processes) {
                for (const answer of p.inFlight.filter((a) => a.answerAt <= now)) p.budget.report(answer.seq, answer.reported, now);
                p.inFlight = p.inFlight.filter((a) => a.answerAt > now);
                // Every process always has work waiting (uploads, deletes, polling), 50 ms round trips.
                while (p.budget.delay(now).ms <= 0) {
                    const seq = p.budget.take(now);
                    p.inFlight.push({ seq, answerAt: now + 50, reported: server.request(now) });
                    ours++;
                }
            }
        }
        expect(server.over).toBe(0);
        // Three windows: at least 85% of what the foreign client leaves (900 a window) went to us.
        expect(ours).toBeGreaterThan(0.85 * 3 * 900);
    });
});

describe("RateLimiter with a token's budget", () => {
    const reported = (remaining: number, resetSeconds: number) => policy(remaining, resetSeconds, 100, 60);

    test("when requests must wait, uploads, deletes and association writes go before status polling", async () => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [], ...time.clock });
        (await l.acquire({ account: "a" }))(reported(10, 60));
        const order: string[] = [];
        const poll = asPolling(async () => {
            (await l.acquire({ account: "a" }))(reported(99, 60));
            order.push("poll");
        });
        const write = (async () => {
            (await l.acquire({ account: "a" }))(reported(99, 60));
            order.push("write");
        })();
        await time.run();
        await Promise.all([poll, write]);
        expect(order).toEqual(["write", "poll"]);
        expect(time.now).toBe(60_000);
    });

    test("a long wait is told once, with its length and why; short ones are not told", async () => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [], ...time.clock });
        (await l.acquire({ account: "a" }))(reported(10, 30));
        const told: Held[] = [];
        const waits = [1, 2, 3].map(async () => (await l.acquire({ account: "a", onHeld: (held) => told.push(held) }))(reported(99, 60)));
        await time.run();
        await Promise.all(waits);
        expect(told).toEqual([{ ms: 30_000, reason: "budget" }, { ms: 30_000, reason: "budget" }, { ms: 30_000, reason: "budget" }]);
        expect(heldLine(told[0])).toBe("waiting about 30s for Cloudflare's rate budget (shared by every client of this API token)");

        const quick: Held[] = [];
        (await l.acquire({ account: "b" }))(reported(10, (HELD_NOTICE_MS - 1000) / 1000));
        await Promise.all([time.run(), l.acquire({ account: "b", onHeld: (held) => quick.push(held) })]);
        expect(quick).toEqual([]);
    });

    test("another token's requests are not held back by this one's budget", async () => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [], ...time.clock });
        (await l.acquire({ account: "a" }))(reported(0, 60));
        const granted: Array<[string, number]> = [];
        const a = l.acquire({ account: "a" }).then((release) => (granted.push(["a", time.now]), release([])));
        const b = l.acquire({ account: "b" }).then((release) => (granted.push(["b", time.now]), release([])));
        await time.run();
        await Promise.all([a, b]);
        expect(granted).toEqual([["b", 0], ["a", 60_000]]);
    });

    test("status polling slows as the budget shrinks: its headroom is what is left after the reserve", async () => {
        const l = new RateLimiter({ limits: [], now: () => 0 });
        (await l.acquire({ account: "a" }))(reported(40, 60));
        expect(l.headroom()).toEqual([{ limit: { requests: 100, windowMs: 60_000 }, left: 30 }]);
    });
});

describe("CloudflareClient reports each answer's budget", () => {
    let stub: StubServer | undefined;
    afterEach(async () => {
        await stub?.close();
        stub = undefined;
    });

    test("success and error answers alike: a token whose budget is spent waits for the reset, and its row says so once", async () => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [], ...time.clock });
        const arrivals: number[] = [];
        stub = await startStub((request, res) => {
            arrivals.push(time.now);
            const headers = { ratelimit: arrivals.length === 1 ? '"default";r=5;t=40' : '"default";r=99;t=60', "ratelimit-policy": '"default";q=100;w=60' };
            if (request.path === "/missing") return json(res, 404, { success: false, errors: [{ code: 1552, message: "not found" }], messages: [], result: null }, headers);
            json(res, 200, ok({ id: "x" }), headers);
        });
        const logs: string[] = [];
        const client = new CloudflareClient({
            baseUrl: stub.url,
            credentials: { kind: "apiToken", apiToken: "t" },
            retry: { ...time.clock, random: () => 0.5 },
            rateLimiter: l,
            log: (m) => logs.push(m),
        });
        await expect(client.request("GET", "/missing")).rejects.toMatchObject({ status: 404 });
        const second = client.request("GET", "/a");
        const third = client.request("GET", "/b");
        await time.drive(Promise.all([second, third]));
        expect(arrivals).toEqual([0, 40_000, 40_000]);
        expect(logs).toEqual(["waiting about 40s for Cloudflare's rate budget (shared by every client of this API token)"]);
    });
});
