/**
 * Batched hostname changes against the emulator: changes to one zone that arrive together go out as
 * one PUT; a batch refused because of one entry is split until that entry stands alone, so the
 * others go through and the refused one gets Cloudflare's error on its own resource.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_API_TOKEN, type Emulator, startEmulator } from "../../../emulator";
import { putHostnameConfig } from "../../../provider/associations/batch";
import { createHostnameAssociationProvider } from "../../../provider/associations/provider";
import { uploadCertificate, updateHostnameAssociations } from "../../../provider/client/hostnameCertificates";
import { CloudflareClient } from "../../../provider/client/http";
import { operationContext } from "../../../provider/runtime/context";
import { DEFAULT_POLL_OPTIONS } from "../../../provider/runtime/polling";
import { memoryReporter } from "../../../provider/runtime/progress";
import { type AssociationHarness, associationInputs, startAssociationHarness, ZONE } from "./harness";
import { newInputs, rejection } from "../emulatorHarness";
import { CountingLimiter, SimulatedTime } from "../simulatedTime";

let h: AssociationHarness;
afterEach(async () => {
    await h?.emulator.close();
});

/** A context on the harness's emulator and clock, as a provider method gets it. */
function context(harness: AssociationHarness) {
    const options = {
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: harness.emulator.url },
        now: () => harness.emulator.clock.now(),
        sleep: async (ms: number) => harness.emulator.advance(ms),
    };
    return operationContext(options, {}, memoryReporter(), []);
}

/** The PUTs the emulator answered from request number `from` on, as [status, ...error codes]. */
const puts = (emulator: Emulator, from = 0) =>
    emulator.requests.slice(from).filter((r) => r.operation === "hostnames.update").map((r) => [r.status, ...r.error_codes]);

describe("putHostnameConfig", () => {
    test("changes submitted together go out as one PUT, and each gets its own association back", async () => {
        h = await startAssociationHarness();
        const [a, b] = [await h.certificate(), await h.certificate()];
        const ctx = context(h);
        const deadline = ctx.now() + 60_000;
        const results = await Promise.all([
            putHostnameConfig(ctx, ZONE, { hostname: "a.example.com", cert_id: a.id, enabled: true }, deadline),
            putHostnameConfig(ctx, ZONE, { hostname: "b.example.com", cert_id: a.id, enabled: false }, deadline),
            putHostnameConfig(ctx, ZONE, { hostname: "c.example.com", cert_id: b.id, enabled: true }, deadline),
        ]);
        expect(results.map((r) => [r?.hostname, r?.cert_id, r?.enabled])).toEqual([
            ["a.example.com", a.id, true],
            ["b.example.com", a.id, false],
            ["c.example.com", b.id, true],
        ]);
        expect(puts(h.emulator)).toEqual([[200]]);
    });

    test("a batch refused because of one entry: the others go through, the refused one gets its own error", async () => {
        h = await startAssociationHarness();
        const [a, b] = [await h.certificate(), await h.certificate()];
        const ctx = context(h);
        const deadline = ctx.now() + 60_000;
        const before = h.requestCount();
        const missing = randomUUID();
        const outcomes = await Promise.allSettled([
            putHostnameConfig(ctx, ZONE, { hostname: "a.example.com", cert_id: a.id, enabled: true }, deadline),
            putHostnameConfig(ctx, ZONE, { hostname: "b.example.com", cert_id: missing, enabled: true }, deadline),
            putHostnameConfig(ctx, ZONE, { hostname: "c.example.com", cert_id: a.id, enabled: true }, deadline),
            putHostnameConfig(ctx, ZONE, { hostname: "d.example.com", cert_id: b.id, enabled: true }, deadline),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
        expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/^400 Cloudflare error 1415 .* on PUT /);
        // The whole batch, then halves: [a, b] refused → [a] and [b] alone; [c, d] goes through.
        expect(puts(h.emulator, before)).toEqual([[400, 1415], [400, 1415], [200], [400, 1415], [200]]);
        expect(h.emulator.associations(ZONE).map((x) => x.hostname).sort()).toEqual(["a.example.com", "c.example.com", "d.example.com"]);
    });

    test("a failure that is not about an entry (a 403) fails the whole batch without splitting it", async () => {
        h = await startAssociationHarness({ readOnlyTokens: ["read-only-token"] });
        const cert = await h.certificate();
        const ctx = operationContext(
            { env: { CLOUDFLARE_API_TOKEN: "read-only-token", CLOUDFLARE_BASE_URL: h.emulator.url }, now: () => h.emulator.clock.now(), sleep: async (ms) => h.emulator.advance(ms) },
            {},
            memoryReporter(),
            [],
        );
        const deadline = ctx.now() + 60_000;
        const outcomes = await Promise.allSettled(
            ["a", "b", "c"].map((x) => putHostnameConfig(ctx, ZONE, { hostname: `${x}.example.com`, cert_id: cert.id, enabled: true }, deadline)),
        );
        expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
        expect(puts(h.emulator)).toEqual([[403, 9109]]);
    });
});

describe("the provider, creates made together", () => {
    let emulator: Emulator | undefined;
    afterEach(async () => {
        await emulator?.close();
        emulator = undefined;
    });

    /**
     * The emulator and an association provider on one simulated clock (`../simulatedTime`), moved on
     * only while no request is in flight: creates started together meet in one batch window, and
     * what the emulator logs is the time each request was sent.
     */
    async function together() {
        const time = new SimulatedTime(Date.now());
        const started = await startEmulator({ clock: { now: () => time.now }, timings: { initializingMs: 0, activationMs: 0, associationMs: 300 } });
        emulator = started;
        const client = new CloudflareClient({ baseUrl: started.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
        const env = { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: started.url };
        const limiter = new CountingLimiter(time.clock);
        const provider = createHostnameAssociationProvider({ env, progress: memoryReporter(), now: time.clock.now, sleep: time.clock.sleep, random: () => 0.5, rateLimiter: limiter });
        const upload = async () => {
            const made = await newInputs();
            return (await uploadCertificate(client, ZONE, { certificate: made.certificate, private_key: made.privateKey })).id;
        };
        const drive = <T>(promise: Promise<T>) => time.drive(promise, () => limiter.inFlight > 0);
        // A method's context on the provider's clock and limiter, so its writes share the provider's batches.
        const context = () => operationContext({ env, now: time.clock.now, sleep: time.clock.sleep, random: () => 0.5, rateLimiter: limiter }, {}, memoryReporter(), []);
        return { emulator: started, client, provider, upload, drive, context };
    }

    test("associations created at once in one zone go out in one PUT, then each waits for its own hostname", async () => {
        const { emulator, provider, upload, drive } = await together();
        const cert = await upload();
        const hosts = ["a.example.com", "b.example.com", "c.example.com"];
        const created = await drive(Promise.all(hosts.map((host) => provider.create(associationInputs(cert, host)))));
        expect(created.map((c) => c.outs?.status)).toEqual(["active", "active", "active"]);
        expect(puts(emulator)).toEqual([[200]]);
        const reads = emulator.requests.filter((r) => r.operation === "hostnames.get");
        // Before the PUT each create looks once; after it, one GET per zone per round, in turn.
        const afterPut = reads.slice(hosts.length).map((r) => Date.parse(r.time));
        expect(afterPut.length).toBeGreaterThanOrEqual(hosts.length);
        for (let i = 1; i < afterPut.length; i++) expect(afterPut[i] - afterPut[i - 1]).toBeGreaterThanOrEqual(DEFAULT_POLL_OPTIONS.tickMs);
    });

    test("a void of a certificate deleted out of band and a create share a PUT: 1415 is the void's alone, the create goes through", async () => {
        const { emulator, provider, upload, drive, context } = await together();
        const [gone, kept] = [await upload(), await upload()];
        emulator.deleteCertificateOutOfBand(ZONE, gone);
        // A void straight to the batch: a delete reads the hostname first, and would find nothing to void.
        const ctx = context();
        const before = emulator.requests.length;
        const [voided, created] = await drive(
            Promise.allSettled([
                putHostnameConfig(ctx, ZONE, { hostname: "old.example.com", cert_id: gone, enabled: null }, ctx.now() + 60_000),
                provider.create(associationInputs(kept, "new.example.com")),
            ]),
        );
        expect(voided.status).toBe("rejected");
        expect((voided as PromiseRejectedResult).reason.errors).toEqual([expect.objectContaining({ code: 1415 })]);
        expect(created.status).toBe("fulfilled");
        expect(puts(emulator, before)).toEqual([[400, 1415], [400, 1415], [200]]);
        expect(emulator.associations(ZONE).map((a) => [a.hostname, a.cert_id])).toEqual([["new.example.com", kept]]);
    });

    test("two creates share a PUT and Cloudflare refuses one (a certificate at its 100 hostnames): that one fails with its error, the other is created", async () => {
        const { emulator, client, provider, upload, drive } = await together();
        const [full, other] = [await upload(), await upload()];
        await updateHostnameAssociations(client, ZONE, Array.from({ length: 100 }, (_, i) => ({ hostname: `h${i}.example.com`, cert_id: full, enabled: true })));
        const before = emulator.requests.length;
        const [refused, created] = await drive(
            Promise.allSettled([provider.create(associationInputs(full, "one-too-many.example.com")), provider.create(associationInputs(other, "fine.example.com"))]),
        );
        expect(refused.status).toBe("rejected");
        expect((refused as PromiseRejectedResult).reason.message).toMatch(/^400 Cloudflare error 2005 .* on PUT /);
        expect(created.status).toBe("fulfilled");
        expect(puts(emulator, before)).toEqual([[400, 2005], [400, 2005], [200]]);
        expect(emulator.associations(ZONE).filter((a) => a.cert_id === other).map((a) => a.hostname)).toEqual(["fine.example.com"]);
    });
});
