/**
 * Uploads without duplicates, against the emulator: its faults can strike after it stored the
 * upload (`timing: "after"`), which is exactly when posting again blindly would upload twice.
 */
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { CloudflareClient } from "../../../provider/client/http";
import { findCertificate, uploadReconciled } from "../../../provider/client/upload";
import { makeCertificate } from "../../fixtures/certificates";
import { fakeClock } from "../fakeClock";
import { json, ok, startStub, type StubServer } from "./stubServer";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

let stub: StubServer | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
    await stub?.close();
    await emulator?.close();
    stub = emulator = undefined;
});

function clientFor(url: string, sleep = fakeClock().sleep) {
    return new CloudflareClient({ baseUrl: url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN }, retry: { sleep } });
}

/** An emulator on a manual clock, a client whose backoff advances that clock, and a fresh certificate. */
async function setup() {
    emulator = await startEmulator({ clock: "manual" });
    const e = emulator;
    const client = clientFor(e.url, async (ms) => e.advance(ms));
    const { certificate, privateKey } = await makeCertificate();
    return { emulator: e, upload: () => uploadReconciled(client, ZONE, { certificate, private_key: privateKey }) };
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
