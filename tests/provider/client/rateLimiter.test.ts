/**
 * The client-side rate limiter on a simulated clock (`../simulatedTime`): time moves only when
 * every pending callback has run, to the next timer, so the time a request is granted is exact.
 */
import * as fc from "fast-check";
import { CloudflareClient } from "../../../provider/client/http";
import {
    DEFAULT_PAUSE_MS,
    DEFAULT_RATE_LIMIT,
    MAX_PAUSE_MS,
    parseRateLimits,
    processRateLimiter,
    type RateLimit,
    RateLimiter,
    RateLimitSettingError,
} from "../../../provider/client/rateLimiter";
import { SimulatedTime } from "../simulatedTime";
import { json, ok, startStub, type StubServer } from "./stubServer";

function limiter(limits: RateLimit[]) {
    const time = new SimulatedTime();
    return { time, limiter: new RateLimiter({ limits, ...time.clock }) };
}

/**
 * Requests arriving at the given times, each answered `latency` ms after it was let go (0 unless
 * given); resolves to when each was let go and when it was answered, in arrival order.
 */
async function run(time: SimulatedTime, l: RateLimiter, arrivals: number[], latencies: number[] = []) {
    const requests = arrivals.map(async (at, i) => {
        await time.clock.sleep(at);
        const release = await l.acquire();
        const granted = time.now;
        if ((latencies[i] ?? 0) > 0) await time.clock.sleep(latencies[i]);
        release();
        return { granted, answered: time.now };
    });
    await time.run();
    return Promise.all(requests);
}

async function grantTimes(time: SimulatedTime, l: RateLimiter, arrivals: number[]): Promise<number[]> {
    return (await run(time, l, arrivals)).map((r) => r.granted);
}

/** The most grants found in any window [t, t + windowMs). */
function busiestWindow(grants: number[], windowMs: number): number {
    const sorted = [...grants].sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
        while (sorted[i] - sorted[j] >= windowMs) j++;
        most = Math.max(most, i - j + 1);
    }
    return most;
}

describe("parseRateLimits", () => {
    test("requests per duration, several separated by commas, or off", () => {
        expect(parseRateLimits("1000/5m")).toEqual([{ requests: 1000, windowMs: 300_000 }]);
        expect(parseRateLimits(" 50 / 10s , 5/1s ")).toEqual([
            { requests: 50, windowMs: 10_000 },
            { requests: 5, windowMs: 1_000 },
        ]);
        expect(parseRateLimits("OFF")).toEqual([]);
    });

    test("the default stays under Cloudflare's 1200 per 5 minutes and 200 per second", () => {
        expect(parseRateLimits(DEFAULT_RATE_LIMIT)).toEqual([
            { requests: 1000, windowMs: 300_000 },
            { requests: 100, windowMs: 1_000 },
        ]);
        expect(new RateLimiter().currentLimits).toEqual(parseRateLimits(DEFAULT_RATE_LIMIT));
    });

    test.each(["", "1000", "1000/", "1000/300", "0/5m", "-1/5m", "1.5/5m", "ten/5m", "10/0s", "10/2d", "1000/5m,", "10/5m;5/1s"])(
        "%p is refused with a message naming the setting and the format",
        (value) => {
            expect(() => parseRateLimits(value)).toThrow(RateLimitSettingError);
            expect(() => parseRateLimits(value)).toThrow(/^cloudflare:rateLimit \(or CLOUDFLARE_RATE_LIMIT\) is ".*", which is not a rate limit: use "<requests>\/<duration>" such as "1000\/5m"/);
        },
    );
});

describe("RateLimiter", () => {
    test("a burst uses the whole budget at once, then waits for the oldest request to leave the window", async () => {
        const { time, limiter: l } = limiter([{ requests: 3, windowMs: 1000 }]);
        expect(await grantTimes(time, l, [0, 0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    });

    test("the window slides: a slot frees exactly windowMs after the request that used it", async () => {
        const { time, limiter: l } = limiter([{ requests: 3, windowMs: 1000 }]);
        expect(await grantTimes(time, l, [0, 400, 800, 900, 900, 1500])).toEqual([0, 400, 800, 1000, 1400, 1800]);
    });

    test("requests are served first come, first served", async () => {
        const { time, limiter: l } = limiter([{ requests: 1, windowMs: 100 }]);
        const order: number[] = [];
        for (let i = 0; i < 5; i++) {
            void l.acquire().then((release) => {
                order.push(i);
                release();
            });
        }
        await time.run();
        expect(order).toEqual([0, 1, 2, 3, 4]);
        expect(time.now).toBe(400);
    });

    test("a wait whose signal aborts (its operation's deadline) leaves the queue without a slot; the others keep their turns", async () => {
        const { time, limiter: l } = limiter([{ requests: 1, windowMs: 1000 }]);
        const first = await l.acquire();
        first();
        const gone = new AbortController();
        const abandoned = l.acquire({ signal: gone.signal }).then(
            () => "granted",
            () => "left",
        );
        const next = l.acquire().then((release) => {
            release();
            return time.now;
        });
        gone.abort();
        await time.run();
        expect(await abandoned).toBe("left");
        // The next request was granted when the first one's slot freed, as if the abandoned one had never queued.
        expect(await next).toBe(1000);
        expect(l.headroom(time.now)).toEqual([{ limit: { requests: 1, windowMs: 1000 }, left: 0 }]);
    });

    test("a request holds its slot until windowMs after its answer", async () => {
        const { time, limiter: l } = limiter([{ requests: 2, windowMs: 1000 }]);
        const requests = await run(time, l, [0, 0, 0, 0], [300, 2000, 0, 0]);
        expect(requests).toEqual([
            { granted: 0, answered: 300 },
            { granted: 0, answered: 2000 },
            { granted: 1300, answered: 1300 },
            { granted: 2300, answered: 2300 },
        ]);
    });

    test("headroom: what each limit still lets go, counting requests in flight and those answered within its window", async () => {
        const { time, limiter: l } = limiter([
            { requests: 10, windowMs: 1000 },
            { requests: 4, windowMs: 100 },
        ]);
        expect(l.headroom().map((h) => h.left)).toEqual([10, 4]);
        const inFlight = await l.acquire();
        (await l.acquire())();
        (await l.acquire())();
        expect(l.headroom().map((h) => h.left)).toEqual([7, 1]);
        time.now = 150;
        expect(l.headroom().map((h) => h.left)).toEqual([7, 3]);
        inFlight();
        time.now = 1100;
        expect(l.headroom().map((h) => h.left)).toEqual([9, 4]);
        time.now = 1200;
        expect(l.headroom().map((h) => h.left)).toEqual([10, 4]);
    });

    test("every limit holds in every window on the server's clock, whatever the arrivals and latencies", async () => {
        const limits = fc.array(fc.record({ requests: fc.integer({ min: 1, max: 6 }), windowMs: fc.integer({ min: 1, max: 50 }).map((n) => n * 100) }), {
            minLength: 1,
            maxLength: 3,
        });
        const request = fc.record({ at: fc.integer({ min: 0, max: 5000 }), latency: fc.integer({ min: 0, max: 800 }), arrival: fc.double({ min: 0, max: 1, noNaN: true }) });
        await fc.assert(
            fc.asyncProperty(limits, fc.array(request, { minLength: 1, maxLength: 40 }), async (ls, requests) => {
                const { time, limiter: l } = limiter(ls);
                const times = await run(time, l, requests.map((r) => r.at), requests.map((r) => r.latency));
                // The server sees each request somewhere between its start and its answer.
                const seen = (pick: (i: number) => number) => times.map((t, i) => t.granted + pick(i) * (t.answered - t.granted));
                const views = [seen(() => 0), seen(() => 1), seen((i) => requests[i].arrival)];
                times.forEach((t, i) => expect(t.granted).toBeGreaterThanOrEqual(requests[i].at));
                for (const { requests: most, windowMs } of ls) {
                    for (const view of views) expect(busiestWindow(view, windowMs)).toBeLessThanOrEqual(most);
                }
            }),
            { numRuns: 200, seed: 20261127 },
        );
    });

    test("a pause holds back every request, queued or new, until it ends", async () => {
        const { time, limiter: l } = limiter([{ requests: 100, windowMs: 1000 }]);
        expect(l.pause(2500)).toBe(true);
        expect(await grantTimes(time, l, [0, 0, 1000, 3000])).toEqual([2500, 2500, 2500, 3000]);
    });

    test("a pause that starts while requests wait for the window extends their wait", async () => {
        const { time, limiter: l } = limiter([{ requests: 1, windowMs: 1000 }]);
        const pending = grantTimes(time, l, [0, 0, 0]);
        void time.clock.sleep(500).then(() => l.pause(3000));
        expect(await pending).toEqual([0, 3500, 4500]);
    });

    test("pauses never shorten the one in force and are capped at 5 minutes", () => {
        const { time, limiter: l } = limiter([]);
        expect(l.pause(5000)).toBe(true);
        expect(l.pause(1000)).toBe(false);
        expect(l.delayMs(time.now)).toBe(5000);
        expect(l.pause(3_600_000)).toBe(true);
        expect(l.delayMs(time.now)).toBe(MAX_PAUSE_MS);
    });

    test("new limits apply at once and count the requests already made; none means no waiting", async () => {
        const { time, limiter: l } = limiter([{ requests: 10, windowMs: 1000 }]);
        expect(await grantTimes(time, l, [0, 0, 0])).toEqual([0, 0, 0]);
        l.setLimits([{ requests: 2, windowMs: 1000 }]);
        expect(l.delayMs(time.now)).toBe(1000);
        l.setLimits([]);
        expect(await grantTimes(time, l, Array(50).fill(0))).toEqual(Array(50).fill(time.now));
    });

    test("a failing sleep releases the waiters instead of stranding them", async () => {
        const l = new RateLimiter({ limits: [{ requests: 1, windowMs: 1000 }], now: () => 0, sleep: () => Promise.reject(new Error("no timers")) });
        const first = await l.acquire();
        first();
        await expect(Promise.all([l.acquire(), l.acquire(), l.acquire()])).resolves.toHaveLength(3);
    });

    test("one limiter per process", () => {
        expect(processRateLimiter()).toBe(processRateLimiter());
    });
});

describe("the client and the limiter", () => {
    let stub: StubServer | undefined;
    afterEach(async () => {
        await stub?.close();
        stub = undefined;
    });

    /** Two clients sharing one limiter; the limiter's clock is separate from the retries' clock. */
    function clients(url: string, l: RateLimiter, logs: string[]) {
        const retryTime = new SimulatedTime();
        const make = () =>
            new CloudflareClient({
                baseUrl: url,
                credentials: { kind: "apiToken", apiToken: "t" },
                retry: { ...retryTime.clock, sleep: async () => undefined, random: () => 0.5 },
                rateLimiter: l,
                log: (m) => logs.push(m),
            });
        return [make(), make()] as const;
    }

    test.each([
        ["with Retry-After", { "retry-after": "7" }, 7000],
        ["without Retry-After", {}, DEFAULT_PAUSE_MS],
    ])("a 429 (%s) holds back the other client's next request too", async (_name, headers: Record<string, string>, pauseMs) => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [], ...time.clock });
        const arrivals: Array<{ path: string; at: number }> = [];
        stub = await startStub((request, res) => {
            arrivals.push({ path: request.path, at: time.now });
            if (arrivals.length === 1) return json(res, 429, { success: false, errors: [{ code: 971, message: "slow down" }], messages: [], result: null }, headers);
            json(res, 200, ok({ id: "x" }));
        });
        const logs: string[] = [];
        const [a, b] = clients(stub.url, l, logs);
        let other: Promise<unknown> | undefined;
        const first = a.request("GET", "/a").then(() => other);
        // Start the other client's request right after the 429 arrived (the pause is logged then).
        const started = new Promise<void>((resolve) => {
            const check = setInterval(() => {
                if (logs.length === 0) return;
                clearInterval(check);
                other = b.request("GET", "/b");
                resolve();
            }, 1);
        });
        await started;
        await time.drive(first);
        expect(logs[0]).toBe(`Cloudflare rate limit reached (HTTP 429): holding back every request for ${(pauseMs / 1000).toFixed(1)}s`);
        expect(arrivals.find((r) => r.path === "/b")!.at).toBe(pauseMs);
        expect(arrivals.filter((r) => r.path === "/a").map((r) => r.at)).toEqual([0, pauseMs]);
    });

    test("every attempt, retries included, takes a turn", async () => {
        const time = new SimulatedTime();
        const l = new RateLimiter({ limits: [{ requests: 1, windowMs: 1000 }], ...time.clock });
        let n = 0;
        stub = await startStub((_request, res) => (++n <= 2 ? json(res, 503, { success: false, errors: [], messages: [], result: null }) : json(res, 200, ok({}))));
        const [a] = clients(stub.url, l, []);
        await time.drive(a.request("GET", "/a"));
        expect(n).toBe(3);
        expect(time.now).toBe(2000);
    }, 10_000);
});
