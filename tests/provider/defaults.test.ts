/**
 * The defaults README.md and provider/README.md promise, pinned as the numbers they print and
 * observed through the provider (its requests to the emulator, on a manual clock), never read back
 * from the constants: changing a default without its documentation fails here.
 */
import { DEFAULT_API_TOKEN } from "../../emulator";
import { RateLimiter } from "../../provider/client/rateLimiter";
import { startStub } from "./client/stubServer";
import { SimulatedTime } from "./simulatedTime";
import { type Harness, newInputs, rejection, startHarness, ZONE } from "./emulatorHarness";

let h: Harness;
afterEach(async () => {
    await h?.emulator.close();
});

type LoggedRequest = Harness["emulator"]["requests"][number];

/** Milliseconds of emulator time between consecutive requests. */
function gaps(requests: readonly LoggedRequest[]): number[] {
    const times = requests.map((r) => Date.parse(r.time));
    return times.slice(1).map((t, i) => t - times[i]);
}

describe("retries", () => {
    test.each([
        [0.5, 1],
        [0, 0.75],
    ])("up to 8 attempts; backoff 0.5 s × 2ⁿ capped at 8 s, ±25% jitter (random %p: ×%p)", async (random, factor) => {
        h = await startHarness({}, { random: () => random });
        const { id, outs } = await h.provider.create(await newInputs());
        h.emulator.injectFaults({ rate: 1, kinds: [503], match: { method: "GET" } });
        const from = h.requestCount();
        await expect(h.provider.read(id, outs)).rejects.toMatchObject({ status: 503 });
        const reads = h.emulator.requests.slice(from);
        expect(reads).toHaveLength(8);
        expect(gaps(reads)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000].map((ms) => ms * factor));
    });

    test("Retry-After is honoured up to 60 s; after a 429 every request waits it out, up to 5 minutes", async () => {
        const sleeps: number[] = [];
        let now = 1_700_000_000_000;
        const answers = [
            { status: 503, retryAfter: "120" },
            { status: 429, retryAfter: "600" },
        ];
        const stub = await startStub((_req, res) => {
            const next = answers.shift();
            res.writeHead(next?.status ?? 404, { "content-type": "application/json", ...(next ? { "retry-after": next.retryAfter } : {}) });
            res.end(JSON.stringify({ success: false, errors: [{ code: next ? 1499 : 1552, message: "m" }], messages: [], result: null }));
        });
        h = await startHarness(
            {},
            {
                env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: stub.url },
                now: () => now,
                sleep: async (ms) => {
                    sleeps.push(ms);
                    now += ms;
                },
            },
        );
        const read = await h.provider.read("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", { ...(await newInputs()), certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60" } as never);
        await stub.close();
        expect(read.id).toBeUndefined(); // the third answer, a 404: gone
        // 503 + Retry-After 120 s: the retry waits 60 s. 429 + Retry-After 600 s: the retry waits
        // 60 s and the rate limiter holds it until 300 s after the 429.
        expect(sleeps).toEqual([60_000, 60_000, 240_000]);
    });

    test("each request times out after 30 s", async () => {
        h = await startHarness();
        const timeout = jest.spyOn(AbortSignal, "timeout");
        try {
            await h.provider.create(await newInputs());
            expect(timeout.mock.calls.length).toBeGreaterThan(0);
            expect(new Set(timeout.mock.calls.map(([ms]) => ms))).toEqual(new Set([30_000]));
        } finally {
            timeout.mockRestore();
        }
    });
});

describe("polling", () => {
    test("status reads 1, 2 and 3 s after the upload, then waits grow ×1.5 up to 4 s", async () => {
        h = await startHarness({ timings: { activationMs: 40_000 } }, { random: () => 0 });
        await h.provider.create(await newInputs());
        expect(gaps(h.emulator.requests).slice(0, 10)).toEqual([1000, 1000, 1000, 1500, 2250, 3375, 4000, 4000, 4000, 4000]);
    });

    test("jitter only stretches a wait, by at most 10%", async () => {
        h = await startHarness({ timings: { activationMs: 40_000 } }, { random: () => 0.999999 });
        await h.provider.create(await newInputs());
        expect(gaps(h.emulator.requests).slice(0, 7)).toEqual([1100, 1100, 1100, 1650, 2475, 3712, 4400]);
    });

    test("3 status reads failing in a row (each after 8 attempts) end the wait", async () => {
        h = await startHarness();
        h.emulator.injectFaults({ rate: 1, kinds: [503], match: { method: "GET" } });
        await rejection(h.provider.create(await newInputs()));
        const methods = h.emulator.requests.map((r) => r.method);
        expect(methods.indexOf("DELETE")).toBe(1 + 3 * 8);
    });
});

describe("timeouts", () => {
    test('create waits "10m" for active', async () => {
        h = await startHarness({ timings: { activationMs: 3_600_000 } });
        const error = await rejection(h.provider.create(await newInputs()));
        expect(error.message).toMatch(/did not become active: last status pending_deployment after 10m00s \(createTimeout 10m\)/);
    });

    test('delete waits "10m" until gone', async () => {
        h = await startHarness({ timings: { deletionMs: 3_600_000 } });
        const { id, outs } = await h.provider.create(await newInputs());
        await expect(h.provider.delete(id, outs!)).rejects.toThrow(/is still pending_deletion after 10m00s \(deleteTimeout 10m\)/);
    });
});

test("rate limit: 1000 requests per 5 minutes and 100 per second, when nothing is configured", async () => {
    const limiter = new RateLimiter({ limits: [] });
    h = await startHarness({}, { rateLimiter: limiter });
    await h.provider.create(await newInputs());
    expect(limiter.currentLimits).toEqual([
        { requests: 1000, windowMs: 300_000 },
        { requests: 100, windowMs: 1000 },
    ]);
    expect(h.emulator.certificates(ZONE)).toHaveLength(1);
});

test("rate budget: 10% of the quota kept for other clients, bursts of 15% of the rest, when nothing is configured", async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limits: [], ...time.clock });
    h = await startHarness({}, { rateLimiter: limiter });
    await h.provider.create(await newInputs());
    limiter.setLimits([]); // the client-side limits are pinned above; here only the budget counts
    // Cloudflare's figures on a full budget: 1199 of 1200 left, 300 s to the reset.
    (await limiter.acquire({ account: "cloudflare" }))([{ name: "default", remaining: 1199, resetMs: 300_000, quota: 1200, windowMs: 300_000 }]);
    expect(limiter.headroom().filter((h) => h.limit.requests === 1200).map((h) => h.left)).toEqual([1079]);
    let granted = 0;
    for (let i = 0; i < 300; i++) void limiter.acquire({ account: "cloudflare" }).then(() => granted++);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect([granted, time.now]).toEqual([161, 0]);
});
