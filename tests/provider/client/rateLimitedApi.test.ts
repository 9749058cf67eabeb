/**
 * The process-wide rate limiter against the emulator's Cloudflare-style rate limit, scaled down so
 * it bites in seconds: 100 certificates created and deleted by one provider, 32 at a time (what
 * `pulumi up --parallel 32` does), in real time; with a client limit, and with the budget the API
 * reports alone. The CLI path is covered by `tests/e2e/rateBudget.test.ts` and `npm run bench`.
 */
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { createHostnameCertificateProvider } from "../../../provider/certificates/provider";
import { processRateLimiter } from "../../../provider/client/rateLimiter";
import { memoryReporter } from "../../../provider/runtime/progress";
import { makeCertificate } from "../../fixtures/certificates";

const CERTIFICATES = 100;
const PARALLEL = 32;
/** What the emulator allows, per credential: a fixed window, like Cloudflare's 1200 per 5 minutes; going over blocks for a window. */
const API_LIMIT = { requests: 60, windowMs: 1_000, blockMs: 1_000 };

let emulator: Emulator | undefined;
afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
});

/** Runs `work` over `items`, at most `parallel` at a time; rejects with the first failure. */
async function pool<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return results;
}

/** Ten zones of ten certificates (Cloudflare's per-zone limit). */
async function inputs() {
    return Promise.all(
        Array.from({ length: CERTIFICATES }, async (_, i) => {
            const made = await makeCertificate({ keyType: "ec", commonName: `rate-${i}.example.com` });
            const zoneId = String(Math.floor(i / 10)).padStart(2, "0").repeat(16);
            return { zoneId, certificate: made.certificate, privateKey: made.privateKey, __provider: "shell" };
        }),
    );
}

async function createAndDelete(rateLimit: string, prepare: (emulator: Emulator) => void = () => undefined) {
    emulator = await startEmulator({ timings: { initializingMs: 100, activationMs: 400, deletionMs: 200, tombstoneMs: 200 }, rateLimit: API_LIMIT });
    prepare(emulator);
    const progress = memoryReporter();
    // No injected clock: this is the process-wide limiter, configured from the environment at call time.
    const provider = createHostnameCertificateProvider({
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_RATE_LIMIT: rateLimit },
        progress,
    });
    const created = await pool(await inputs(), PARALLEL, (props) => provider.create(props));
    const afterCreate = emulator.certificates().filter((c) => c.status === "active").length;
    await pool(created, PARALLEL, ({ id, outs }) => provider.delete(id, outs!));
    const statuses = emulator.requests.map((r) => r.status);
    return { created, afterCreate, statuses, lines: progress.lines, remaining: emulator.certificates().filter((c) => c.status !== "deleted") };
}

test("100 certificates, 32 at a time, under a client limit below the API's: no 429 at all", async () => {
    const run = await createAndDelete(`${API_LIMIT.requests - 10}/1s`);
    expect(run.afterCreate).toBe(CERTIFICATES);
    expect(new Set(run.created.map((c) => c.id)).size).toBe(CERTIFICATES);
    expect(run.remaining).toEqual([]);
    expect(run.statuses.filter((s) => s === 429)).toEqual([]);
    // The limit did bite: more requests than one window allows.
    expect(run.statuses.length).toBeGreaterThan(5 * API_LIMIT.requests);
    process.stdout.write(`rate limit: ${run.statuses.length} requests for ${CERTIFICATES} certificates, no 429\n`);
}, 120_000);

test("without a client limit, the budget the API reports paces 100 certificates, 32 at a time: no 429 at all", async () => {
    const run = await createAndDelete("off");
    expect(run.statuses.filter((s) => s === 429)).toEqual([]);
    expect(run.afterCreate).toBe(CERTIFICATES);
    expect(run.remaining).toEqual([]);
    // The budget did bite: more requests than one window allows.
    expect(run.statuses.length).toBeGreaterThan(5 * API_LIMIT.requests);
    process.stdout.write(`no client limit, paced by the reported budget: ${run.statuses.length} requests, no 429\n`);
}, 120_000);

test("429s the budget could not foresee hold back every request for their Retry-After and still get every certificate through", async () => {
    const run = await createAndDelete("off", (e) => e.injectFaults({ rate: 0.05, kinds: [429], seed: 3, retryAfterSeconds: 1 }));
    expect(run.statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(run.afterCreate).toBe(CERTIFICATES);
    expect(run.remaining).toEqual([]);
    expect(run.lines.some((l) => l.startsWith("Cloudflare rate limit reached (HTTP 429): holding back every request"))).toBe(true);
    process.stdout.write(`injected 429s: ${run.statuses.length} requests, ${run.statuses.filter((s) => s === 429).length} answered 429\n`);
}, 120_000);

describe("the setting", () => {
    const started: Emulator[] = [];
    afterEach(async () => {
        await Promise.all(started.splice(0).map((e) => e.close()));
    });

    async function createWith(env: Record<string, string>, config: Record<string, string> = {}, rateLimit?: { requests: number; windowMs: number }) {
        const emulator = await startEmulator({ timings: { activationMs: 0 }, rateLimit });
        started.push(emulator);
        const provider = createHostnameCertificateProvider({
            env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: emulator.url, ...env },
            progress: memoryReporter(),
        });
        await provider.configure({ config: { get: (key: string) => config[key] } } as never);
        const made = await makeCertificate({ keyType: "ec" });
        const props = { zoneId: "00".repeat(16), certificate: made.certificate, privateKey: made.privateKey, __provider: "shell" };
        const outcome = await provider.create(props).then(
            () => "created",
            (error: Error) => error.message,
        );
        return { outcome, requests: emulator.requests.length };
    }

    test("a reserve that is not one fails the operation before any request, naming the setting", async () => {
        expect(await createWith({ CLOUDFLARE_RATE_RESERVE: "a lot" })).toEqual({
            outcome:
                'cloudflare:rateReserve (or CLOUDFLARE_RATE_RESERVE) is "a lot", which is not a reserve: use a share of the quota such as "10%" (0% to 90%) or a number of requests such as "200"',
            requests: 0,
        });
        expect((await createWith({ CLOUDFLARE_RATE_RESERVE: "a lot" }, { "cloudflare:rateReserve": "20%" })).outcome).toBe("created");
    });

    test("the reserve is kept out of what the token's reported budget leaves this process", async () => {
        // A quota no other test here uses, so its budget is found among the process limiter's.
        const run = await createWith({ CLOUDFLARE_RATE_RESERVE: "50%" }, {}, { requests: 1234, windowMs: 600_000 });
        expect(run.outcome).toBe("created");
        const budget = processRateLimiter().headroom().filter((h) => h.limit.requests === 1234);
        expect(budget.map((h) => h.left)).toEqual([1234 - run.requests - 617]);
    });

    test("a value that is not a rate limit fails the operation before any request, naming the setting", async () => {
        expect(await createWith({ CLOUDFLARE_RATE_LIMIT: "fast" })).toEqual({
            outcome:
                'cloudflare:rateLimit (or CLOUDFLARE_RATE_LIMIT) is "fast", which is not a rate limit: use "<requests>/<duration>" such as "1000/5m" (several separated by commas, e.g. "1000/5m,100/1s"), or "off"',
            requests: 0,
        });
    });

    test("stack config wins over the environment, and is read when the method runs", async () => {
        const fromConfig = await createWith({ CLOUDFLARE_RATE_LIMIT: "1000/5m" }, { "cloudflare:rateLimit": "10 per minute" });
        expect(fromConfig.outcome).toMatch(/is "10 per minute", which is not a rate limit/);
        expect((await createWith({ CLOUDFLARE_RATE_LIMIT: "fast" }, { "cloudflare:rateLimit": "600/5m" })).outcome).toBe("created");
    });
});
