/**
 * The process-wide rate limiter against the emulator's Cloudflare-style rate limit, scaled down so
 * it bites in seconds: 100 certificates created and deleted by one provider, 32 at a time (what
 * `pulumi up --parallel 32` does), in real time. The CLI path is covered by `npm run bench`.
 */
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { createHostnameCertificateProvider } from "../../../provider/certificates/provider";
import { memoryReporter } from "../../../provider/runtime/progress";
import { makeCertificate } from "../../fixtures/certificates";

const CERTIFICATES = 100;
const PARALLEL = 32;
/** What the emulator allows, per credential: a fixed window, like Cloudflare's 1200 per 5 minutes. */
const API_LIMIT = { requests: 60, windowMs: 1_000 };

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

async function createAndDelete(rateLimit: string) {
    emulator = await startEmulator({ timings: { initializingMs: 100, activationMs: 400, deletionMs: 200, tombstoneMs: 200 }, rateLimit: API_LIMIT });
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

test("without a client limit the API refuses with 429, and Retry-After pauses still get every certificate through", async () => {
    const run = await createAndDelete("off");
    expect(run.statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(run.afterCreate).toBe(CERTIFICATES);
    expect(run.remaining).toEqual([]);
    expect(run.lines.some((l) => l.startsWith("Cloudflare rate limit reached (HTTP 429): holding back every request"))).toBe(true);
    process.stdout.write(`no client limit: ${run.statuses.length} requests, ${run.statuses.filter((s) => s === 429).length} answered 429\n`);
}, 120_000);

describe("the setting", () => {
    const started: Emulator[] = [];
    afterEach(async () => {
        await Promise.all(started.splice(0).map((e) => e.close()));
    });

    async function createWith(env: Record<string, string>, config: Record<string, string> = {}) {
        const emulator = await startEmulator({ timings: { activationMs: 0 } });
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
