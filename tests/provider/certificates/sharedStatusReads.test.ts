/**
 * Certificates waiting on one zone share their status reads, against the emulator over loopback.
 * Time is simulated (`../simulatedTime`) and shared by the emulator and the provider: it moves to
 * the next timer only when nothing else happened for a few milliseconds, so concurrent creates
 * arrive as they would, and no test waits for real seconds.
 */
import { DEFAULT_API_TOKEN, type Emulator, type EmulatorOptions, type RequestLogEntry, startEmulator } from "../../../emulator";
import { createHostnameCertificateProvider } from "../../../provider/certificates/provider";
import { DEFAULT_POLL_OPTIONS } from "../../../provider/runtime/polling";
import { memoryReporter } from "../../../provider/runtime/progress";
import { CountingLimiter, SimulatedTime } from "../simulatedTime";
import { newInputs, ZONE } from "../emulatorHarness";

let emulator: Emulator | undefined;
afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
});

async function setup(emulatorOptions: EmulatorOptions = {}) {
    const time = new SimulatedTime(Date.now());
    const started = await startEmulator({ clock: { now: () => time.now }, ...emulatorOptions });
    emulator = started;
    const progress = memoryReporter();
    const limiter = new CountingLimiter(time.clock);
    const provider = createHostnameCertificateProvider({
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: started.url },
        now: time.clock.now,
        sleep: time.clock.sleep,
        random: () => 0.5,
        progress,
        rateLimiter: limiter,
    });
    const drive = <T>(promise: Promise<T>) => time.drive(promise, () => limiter.inFlight > 0);
    return { time, drive, emulator: started, provider, lines: progress.lines };
}

/** Certificates (EC keys: quick to make) in the example zone. */
const inputs = (n: number) => Promise.all(Array.from({ length: n }, () => newInputs({ keyType: "ec" })));

const count = (requests: RequestLogEntry[], operation: string, status?: number) =>
    requests.filter((r) => r.operation === operation && (status === undefined || r.status === status)).length;

test("ten certificates created and deleted together in one zone: one list per round, no read per certificate", async () => {
    // A tombstone that outlives a read interval, as Cloudflare keeps deleted certificates readable.
    const { drive, emulator, provider } = await setup({ timings: { deletionMs: 500, tombstoneMs: 10_000 } });
    const all = await inputs(10);
    const created = await drive(Promise.all(all.map((props) => provider.create(props))));
    expect(created.map((c) => c.outs?.status)).toEqual(Array(10).fill("active"));
    const up = emulator.requests;
    expect(count(up, "hostnameCertificates.create")).toBe(10);
    expect(count(up, "hostnameCertificates.get")).toBe(0);
    expect(count(up, "hostnameCertificates.list")).toBeLessThanOrEqual(2);

    await drive(Promise.all(created.map(({ id, outs }) => provider.delete(id, outs!))));
    const down = emulator.requests.slice(up.length);
    expect(count(down, "hostnameCertificates.delete")).toBe(10);
    expect(count(down, "hostnameCertificates.get")).toBe(0);
    expect(count(down, "hostnameCertificates.list")).toBeLessThanOrEqual(2);
    // On their own, each would have read its status at least once after the upload and after the delete.
    expect(emulator.requests.length).toBeLessThanOrEqual(24);
    process.stdout.write(`ten certificates, one zone: ${emulator.requests.length} requests for create and delete\n`);
});

test("30 certificates across 3 zones created and deleted together: each zone reads in rounds of one list, a tick apart", async () => {
    // The scale of tests/e2e/scale.test.ts, where the CLI runs in real time and only counts can be
    // asserted; slow enough here that each zone reads in several rounds, of growing gaps.
    const zones = [ZONE, "1".repeat(32), "2".repeat(32)];
    const { drive, emulator, provider } = await setup({ timings: { activationMs: 8_000, deletionMs: 4_000, tombstoneMs: 10_000 } });
    const all = await Promise.all(Array.from({ length: 30 }, async (_, i) => ({ ...(await newInputs({ keyType: "ec" })), zoneId: zones[i % zones.length] })));
    const created = await drive(Promise.all(all.map((props) => provider.create(props))));
    expect(created.map((c) => c.outs?.status)).toEqual(Array(30).fill("active"));
    const up = emulator.requests;
    await drive(Promise.all(created.map(({ id, outs }) => provider.delete(id, outs!))));
    const down = emulator.requests.slice(up.length);
    expect(count(down, "hostnameCertificates.delete")).toBe(30);

    for (const requests of [up, down]) {
        for (const zone of zones) {
            const reads = requests.filter((r) => r.method === "GET" && r.zone_id === zone);
            expect(reads.length).toBeGreaterThan(0);
            expect(reads.every((r) => r.operation === "hostnameCertificates.list" && r.status === 200)).toBe(true);
            // One list per round (never two at one instant), and the rounds a tick apart or more.
            const times = reads.map((r) => Date.parse(r.time));
            for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(DEFAULT_POLL_OPTIONS.tickMs);
        }
    }
});

test("a certificate missing from the list gets its own GET, and only that 404 says it is gone", async () => {
    const { drive, emulator, provider, lines } = await setup({ timings: { activationMs: 30_000 } });
    const [a, b] = await inputs(2);
    const creates = Promise.allSettled([provider.create(a), provider.create(b)]);
    // Both uploaded and waiting (simulated time stands still until driven).
    while (emulator.certificates(ZONE).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const gone = emulator.certificates(ZONE).find((c) => c.certificate?.trim() === a.certificate.trim())!;
    const before = emulator.requests.length;
    emulator.deleteCertificateOutOfBand(ZONE, gone.id);
    const [failed, created] = await drive(creates);
    expect(failed.status).toBe("rejected");
    expect((failed as PromiseRejectedResult).reason.message).toMatch(new RegExp(`^HostnameCertificate ${gone.id} did not become active: last status removed`));
    expect(created.status).toBe("fulfilled");
    const after = emulator.requests.slice(before);
    const firstGet = after.findIndex((r) => r.operation === "hostnameCertificates.get");
    expect(after[firstGet - 1].operation).toBe("hostnameCertificates.list");
    expect(after[firstGet]).toMatchObject({ status: 404, path: expect.stringContaining(gone.id) });
    // Until then the other certificate was read through the list only (alone on the board afterwards, it gets its own GET).
    expect(after.slice(0, firstGet).filter((r) => r.operation === "hostnameCertificates.get")).toEqual([]);
    expect(lines.some((l) => l.includes(`certificate ${gone.id.slice(0, 8)}…: removed`))).toBe(true);
});

test("a list that keeps failing fails no create: the due certificates are read one by one in between", async () => {
    const { drive, emulator, provider } = await setup({ timings: { activationMs: 5_000 } });
    emulator.injectFaults({ rate: 1, kinds: [503], match: { method: "GET", path: /\/certificates$/ } });
    const all = await inputs(3);
    const created = await drive(Promise.all(all.map((props) => provider.create(props))));
    expect(created.map((c) => c.outs?.status)).toEqual(["active", "active", "active"]);
    // A refused request never reaches an operation: lists are known by their path.
    const lists = emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith("/certificates"));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((r) => r.status === 503)).toBe(true);
    expect(count(emulator.requests, "hostnameCertificates.get", 200)).toBeGreaterThanOrEqual(3);
});
