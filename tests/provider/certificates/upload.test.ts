/**
 * Uploads without duplicates, against the emulator: its faults can strike after it stored the
 * upload (`timing: "after"`), which is exactly when posting again blindly would upload twice.
 */
import type { ServerResponse } from "node:http";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { CloudflareClient } from "../../../provider/client/http";
import { isCertificateExistsError } from "../../../provider/client/errors";
import { findCertificate, UPLOAD_CLOCK_TOLERANCE_MS, uploadReconciled } from "../../../provider/client/upload";
import { makeCertificate } from "../../fixtures/certificates";
import { fakeClock } from "../fakeClock";
import { failure, json, ok, startStub, type StubServer } from "./stubServer";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

let stub: StubServer | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
    await stub?.close();
    await emulator?.close();
    stub = emulator = undefined;
});

function clientFor(url: string, clock: { sleep: (ms: number) => Promise<void>; now?: () => number } = fakeClock()) {
    return new CloudflareClient({ baseUrl: url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN }, retry: { ...clock } });
}

/** An emulator on a manual clock, a client on that clock (its backoff advances it), and a fresh certificate. */
async function setup() {
    emulator = await startEmulator({ clock: "manual" });
    const e = emulator;
    const client = clientFor(e.url, { sleep: async (ms) => e.advance(ms), now: () => e.clock.now() });
    const { certificate, privateKey } = await makeCertificate();
    const body = { certificate, private_key: privateKey };
    /** The same certificate uploaded by someone else (another stack), now. */
    const uploadElsewhere = () => clientFor(e.url).request<{ id: string }>("POST", `/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates`, { body });
    return { emulator: e, upload: () => uploadReconciled(client, ZONE, body), uploadElsewhere };
}

/** The emulator's log as "METHOD status", e.g. "POST 502". */
const wire = (e: Emulator) => e.requests.map((r) => `${r.method} ${r.status}`);

describe("uploadReconciled", () => {
    test.each([
        [502, "POST 502"],
        ["reset", "POST 0"],
    ] as const)("%s after Cloudflare stored it: found by listing, not posted again", async (kind, lost) => {
        const { emulator: e, upload } = await setup();
        e.injectSequence([kind], { match: { method: "POST" }, timing: "after" });
        const result = await upload();
        expect(result.reconciled).toBe(true);
        expect(e.certificates(ZONE).map((c) => c.id)).toEqual([result.certificate.id]);
        expect(wire(e)).toEqual([lost, "GET 200"]);
    });

    test("a 502 before storing: not in the list, so posted again", async () => {
        const { emulator: e, upload } = await setup();
        e.injectSequence([502], { match: { method: "POST" } });
        const result = await upload();
        expect(result.reconciled).toBe(false);
        expect(wire(e)).toEqual(["POST 502", "GET 200", "POST 200"]);
        expect(e.certificates(ZONE).map((c) => c.id)).toEqual([result.certificate.id]);
    });

    test("gives up after the attempt budget, never leaving duplicates", async () => {
        const { emulator: e, upload } = await setup();
        e.injectFaults({ rate: 1, kinds: [502], match: { method: "POST" } });
        await expect(upload()).rejects.toMatchObject({ status: 502 });
        expect(wire(e).filter((w) => w === "POST 502")).toHaveLength(8);
        expect(e.certificates(ZONE)).toEqual([]);
    });

    test.each([
        ["beyond", UPLOAD_CLOCK_TOLERANCE_MS + 60_000, false],
        ["within", UPLOAD_CLOCK_TOLERANCE_MS - 30_000, true],
    ] as const)("a twin uploaded %s the clock tolerance before our ambiguous attempt: ours only within it", async (_where, earlierMs, ours) => {
        const { emulator: e, upload, uploadElsewhere } = await setup();
        const theirs = (await uploadElsewhere()).result.id;
        e.advance(earlierMs);
        e.injectSequence([502], { match: { method: "POST" } });
        const outcome = await upload().catch((error: unknown) => error);
        if (ours) {
            expect(outcome).toMatchObject({ reconciled: true, certificate: { id: theirs } });
        } else {
            expect(isCertificateExistsError(outcome)).toBe(true);
            expect(outcome).toMatchObject({ existing: { id: theirs, status: "active" } });
        }
        expect(wire(e)).toEqual(["POST 200", "POST 502", "GET 200"]);
    });

    test("a first-attempt 1406 is thrown as is: whose certificate it is, is the caller's question", async () => {
        const { emulator: e, upload, uploadElsewhere } = await setup();
        await uploadElsewhere();
        await expect(upload()).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ code: 1406 })] });
        expect(wire(e)).toEqual(["POST 200", "POST 400"]);
    });

    test("a 1406 after our own ambiguous attempt is that upload answering back (stored, not listed yet)", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const answers: Array<(res: ServerResponse) => void> = [
            (res) => json(res, 502, failure(1499, "bad gateway")),
            (res) => json(res, 200, ok([])),
            (res) => json(res, 400, failure(1406, "This certificate already exists.")),
            (res) => json(res, 200, ok([{ id: "ours", certificate, status: "initializing", uploaded_on: new Date().toISOString() }])),
        ];
        stub = await startStub((_req, res) => answers.shift()!(res));
        const result = await uploadReconciled(clientFor(stub.url, { sleep: async () => undefined }), ZONE, { certificate, private_key: privateKey });
        expect(result).toMatchObject({ reconciled: true, certificate: { id: "ours" } });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET", "POST", "GET"]);
    });

    test("a clear rejection (400) is thrown at once", async () => {
        emulator = await startEmulator({ clock: "manual" });
        const ca = await makeCertificate({ isCA: true });
        await expect(uploadReconciled(clientFor(emulator.url), ZONE, { certificate: ca.certificate, private_key: ca.privateKey })).rejects.toMatchObject({
            status: 400,
            errors: [expect.objectContaining({ code: 1412 })],
        });
        expect(wire(emulator)).toEqual(["POST 400"]);
    });
});

describe("findCertificate", () => {
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
        expect((await findCertificate(clientFor(stub.url), ZONE, mine.certificate))?.id).toBe("live");
        items.splice(2, 1);
        expect((await findCertificate(clientFor(stub.url), ZONE, mine.certificate))?.id).toBe("tomb");
        expect(await findCertificate(clientFor(stub.url), ZONE, (await makeCertificate()).certificate)).toBeUndefined();
    });
});
