/**
 * Upload or adopt, against the emulator: its faults can strike after it stored the upload
 * (`timing: "after"`), which is exactly when posting again blindly would upload twice. Every failed
 * POST lists the zone once, and each decision reads that one list.
 */
import type { ServerResponse } from "node:http";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { isCertificateExistsError } from "../../../provider/client/errors";
import { UPLOAD_CLOCK_TOLERANCE_MS, findTwin, uploadOrAdopt } from "../../../provider/certificates/upload";
import { operationContext, type ProviderOptions } from "../../../provider/runtime/context";
import { memoryReporter } from "../../../provider/runtime/progress";
import { makeCertificate } from "../../fixtures/certificates";
import { failure, json, ok, startStub, type StubServer } from "../client/stubServer";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERTIFICATES = `/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates`;

let stub: StubServer | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
    await stub?.close();
    await emulator?.close();
    stub = emulator = undefined;
});

/** A context on `url` whose sleeps take no time (or advance the emulator's clock), with the recovery switch as given. */
function contextFor(url: string, options: ProviderOptions & { adoptExisting?: string } = {}) {
    const env = { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: url, CLOUDFLARE_ADOPT_EXISTING: options.adoptExisting };
    const progress = memoryReporter();
    const ctx = operationContext({ sleep: async () => undefined, random: () => 0.5, ...options, env }, {}, progress, []);
    return { ctx, lines: progress.lines };
}

/** An emulator on a manual clock, a context on that clock (its waits advance it), and a fresh certificate. */
async function setup(adoptExisting?: string) {
    emulator = await startEmulator({ clock: "manual", timings: { deletionMs: 5_000 } });
    const e = emulator;
    const { ctx, lines } = contextFor(e.url, { sleep: async (ms) => e.advance(ms), now: () => e.clock.now(), adoptExisting });
    const { certificate, privateKey } = await makeCertificate();
    const inputs = { zoneId: ZONE, certificate, privateKey };
    /** The same certificate uploaded by someone else (another stack), now. */
    const uploadElsewhere = async () => (await contextFor(e.url).ctx.client.request<{ id: string }>("POST", CERTIFICATES, { body: { certificate, private_key: privateKey } })).result.id;
    const upload = () => uploadOrAdopt(ctx, inputs, e.clock.now() + 600_000);
    return { emulator: e, upload, uploadElsewhere, lines };
}

/** The emulator's log as "METHOD status", e.g. "POST 502". */
const wire = (e: Emulator) => e.requests.map((r) => `${r.method} ${r.status}`);
const lists = (e: Emulator) => e.requests.filter((r) => r.operation === "hostnameCertificates.list").length;

describe("uploadOrAdopt after an unclear failure", () => {
    test.each([
        [502, "POST 502"],
        ["reset", "POST 0"],
    ] as const)("%s after Cloudflare stored it: found by listing, not posted again", async (kind, lost) => {
        const { emulator: e, upload } = await setup();
        e.injectSequence([kind], { match: { method: "POST" }, timing: "after" });
        const result = await upload();
        expect(result.origin).toBe("reconciled");
        expect(e.certificates(ZONE).map((c) => c.id)).toEqual([result.certificate.id]);
        expect(wire(e)).toEqual([lost, "GET 200"]);
    });

    test("a 502 before storing: not in the list, so posted again", async () => {
        const { emulator: e, upload } = await setup();
        e.injectSequence([502], { match: { method: "POST" } });
        const result = await upload();
        expect(result.origin).toBe("uploaded");
        expect(wire(e)).toEqual(["POST 502", "GET 200", "POST 200"]);
        expect(e.certificates(ZONE).map((c) => c.id)).toEqual([result.certificate.id]);
    });

    test("gives up after the attempt budget, never leaving duplicates", async () => {
        const { emulator: e, upload } = await setup();
        e.injectFaults({ rate: 1, kinds: [502], match: { method: "POST" } });
        await expect(upload()).rejects.toMatchObject({ status: 502 });
        expect(wire(e).filter((w) => w === "POST 502")).toHaveLength(8);
        expect(lists(e)).toBe(8);
        expect(e.certificates(ZONE)).toEqual([]);
    });

    test.each([
        ["beyond", UPLOAD_CLOCK_TOLERANCE_MS + 60_000, false],
        ["within", UPLOAD_CLOCK_TOLERANCE_MS - 30_000, true],
    ] as const)("a twin uploaded %s the clock tolerance before our unclear attempt: ours only within it", async (_where, earlierMs, ours) => {
        const { emulator: e, upload, uploadElsewhere } = await setup();
        const theirs = await uploadElsewhere();
        e.advance(earlierMs);
        e.injectSequence([502], { match: { method: "POST" } });
        const outcome = await upload().catch((error: unknown) => error);
        if (ours) {
            expect(outcome).toMatchObject({ origin: "reconciled", certificate: { id: theirs } });
        } else {
            expect(isCertificateExistsError(outcome)).toBe(true);
            expect(outcome).toMatchObject({ existing: { id: theirs, status: "active" } });
        }
        expect(wire(e)).toEqual(["POST 200", "POST 502", "GET 200"]);
    });

    test("a 1406 after our own unclear attempt is that upload answering back (stored, not listed yet)", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const answers: Array<(res: ServerResponse) => void> = [
            (res) => json(res, 502, failure(1499, "bad gateway")),
            (res) => json(res, 200, ok([])),
            (res) => json(res, 400, failure(1406, "This certificate already exists.")),
            (res) => json(res, 200, ok([{ id: "ours", certificate, status: "initializing", uploaded_on: new Date().toISOString() }])),
        ];
        stub = await startStub((_req, res) => answers.shift()!(res));
        const { ctx } = contextFor(stub.url);
        const result = await uploadOrAdopt(ctx, { zoneId: ZONE, certificate, privateKey }, Date.now() + 600_000);
        expect(result).toMatchObject({ origin: "reconciled", certificate: { id: "ours" } });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET", "POST", "GET"]);
    });

    test("an unclear upload, then a 1406 for a twin on its way out: each failure lists the zone once, then the twin is waited out", async () => {
        const { emulator: e, upload, uploadElsewhere } = await setup();
        const twin = await uploadElsewhere();
        e.advance(60_000);
        await contextFor(e.url).ctx.client.request("DELETE", `${CERTIFICATES}/${twin}`);
        e.injectSequence([502], { match: { method: "POST" } });
        const result = await upload();
        expect(result.origin).toBe("uploaded");
        expect(result.certificate.id).toBe(twin); // the deleted tombstone, uploaded again
        const posts = e.requests.filter((r) => r.method === "POST").map((r) => r.status);
        expect(posts).toEqual([200, 502, 400, 200]);
        // One list after the 502 and one after the 1406: the 1406's twin is read from that list, not listed again.
        expect(lists(e)).toBe(2);
    });
});

describe("uploadOrAdopt after a 1406", () => {
    test("a live twin that nothing shows is ours: listed once, neither adopted nor uploaded again", async () => {
        const { emulator: e, upload, uploadElsewhere } = await setup();
        const theirs = await uploadElsewhere();
        const outcome = await upload().catch((error: unknown) => error);
        expect(isCertificateExistsError(outcome)).toBe(true);
        expect(outcome).toMatchObject({ existing: { id: theirs } });
        expect(wire(e)).toEqual(["POST 200", "POST 400", "GET 200"]);
    });

    test("the recovery switch adopts it, with a warning", async () => {
        const { emulator: e, upload, uploadElsewhere, lines } = await setup("true");
        const theirs = await uploadElsewhere();
        expect(await upload()).toMatchObject({ origin: "adopted", certificate: { id: theirs } });
        expect(lines.some((l) => l.startsWith(`warning: HostnameCertificate: adopting the identical certificate ${theirs}`))).toBe(true);
        expect(lists(e)).toBe(1);
    });

    test("a clear rejection (400) is thrown at once, without listing", async () => {
        emulator = await startEmulator({ clock: "manual" });
        const ca = await makeCertificate({ isCA: true });
        const { ctx } = contextFor(emulator.url);
        await expect(uploadOrAdopt(ctx, { zoneId: ZONE, certificate: ca.certificate, privateKey: ca.privateKey }, Date.now() + 600_000)).rejects.toMatchObject({
            status: 400,
            errors: [expect.objectContaining({ code: 1412 })],
        });
        expect(wire(emulator)).toEqual(["POST 400"]);
    });
});

describe("findTwin", () => {
    test("matches by leaf, ignoring formatting, and prefers a live certificate over a tombstone", async () => {
        const mine = await makeCertificate();
        const other = await makeCertificate();
        const items = [
            { id: "tomb", certificate: mine.certificate, status: "pending_deletion" },
            { id: "other", certificate: other.certificate, status: "active" },
            { id: "live", certificate: mine.certificate.replace(/\n/g, "\r\n"), status: "active" },
            { id: "junk", certificate: "not pem", status: "active" },
        ];
        stub = await startStub((_r, res) => json(res, 200, ok(items)));
        const { ctx } = contextFor(stub.url);
        expect((await findTwin(ctx, ZONE, mine.certificate))?.id).toBe("live");
        items.splice(2, 1);
        expect((await findTwin(ctx, ZONE, mine.certificate))?.id).toBe("tomb");
        expect(await findTwin(ctx, ZONE, (await makeCertificate()).certificate)).toBeUndefined();
    });
});
