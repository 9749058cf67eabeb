import type { ServerResponse } from "node:http";
import { CloudflareClient } from "../../../provider/client/http";
import { isCertificateExistsError } from "../../../provider/client/errors";
import { findCertificate, UPLOAD_CLOCK_TOLERANCE_MS, uploadReconciled } from "../../../provider/client/upload";
import { makeCertificate } from "../../fixtures/certificates";
import { fakeClock, type FakeClock } from "../fakeClock";
import { failure, json, ok, type RecordedRequest, startStub, type StubServer } from "./stubServer";
import { DEFAULT_RETRY_OPTIONS } from "../../../provider/client/retry";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

type PostMode = "store-and-502" | "502" | "store-and-reset" | "store-and-ok" | "1406";

/**
 * A zone that stores uploads, stamping `uploaded_on` from the test's clock; `onPost` decides how each
 * POST is answered after (or instead of) storing.
 */
function zoneStub(onPost: (n: number) => PostMode) {
    const stored: { id: string; certificate: string; status: string; uploaded_on: string }[] = [];
    let posts = 0;
    const handler = (req: RecordedRequest, res: ServerResponse) => {
        if (req.method === "GET") return json(res, 200, ok(stored));
        const mode = onPost(++posts);
        if (mode === "1406") return json(res, 400, failure(1406, "This certificate already exists."));
        const uploaded_on = new Date(sharedClock.now()).toISOString();
        if (mode !== "502") stored.push({ id: `cert-${posts}`, certificate: JSON.parse(req.body).certificate, status: "initializing", uploaded_on });
        if (mode === "store-and-ok") return json(res, 200, ok(stored[stored.length - 1]));
        if (mode === "store-and-reset") return res.socket?.destroy();
        json(res, 502, failure(1499, "bad gateway"));
    };
    return { stored, handler };
}

let stub: StubServer | undefined;
let sharedClock: FakeClock;
beforeEach(() => {
    sharedClock = fakeClock();
});
afterEach(async () => {
    await stub?.close();
    stub = undefined;
});

function clientFor(url: string) {
    return new CloudflareClient({ baseUrl: url, credentials: { kind: "apiToken", apiToken: "t" }, retry: { now: sharedClock.now, sleep: sharedClock.sleep } });
}

describe("uploadReconciled", () => {
    test("a 502 after the server stored it: found by listing, not posted again", async () => {
        const zone = zoneStub(() => "store-and-502");
        stub = await startStub(zone.handler);
        const { certificate, privateKey } = await makeCertificate();
        const result = await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey });
        expect(result).toMatchObject({ reconciled: true, certificate: { id: "cert-1" } });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
        expect(zone.stored).toHaveLength(1);
    });

    test("a reset after the server stored it: same", async () => {
        const zone = zoneStub(() => "store-and-reset");
        stub = await startStub(zone.handler);
        const { certificate, privateKey } = await makeCertificate();
        const result = await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey });
        expect(result.reconciled).toBe(true);
        expect(zone.stored).toHaveLength(1);
    });

    test("a 502 before storing: not in the list, so posted again", async () => {
        const zone = zoneStub((n) => (n === 1 ? "502" : "store-and-ok"));
        stub = await startStub(zone.handler);
        const { certificate, privateKey } = await makeCertificate();
        const result = await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey });
        expect(result).toMatchObject({ reconciled: false, certificate: { id: "cert-2" } });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET", "POST"]);
        expect(zone.stored).toHaveLength(1);
    });

    test("gives up after the attempt budget, never leaving duplicates", async () => {
        const zone = zoneStub(() => "502");
        stub = await startStub(zone.handler);
        const { certificate, privateKey } = await makeCertificate();
        await expect(uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey })).rejects.toMatchObject({ status: 502 });
        expect(stub.requests.filter((r) => r.method === "POST")).toHaveLength(DEFAULT_RETRY_OPTIONS.maxAttempts);
        expect(zone.stored).toHaveLength(0);
    });

    test("a twin uploaded before our attempt is someone else's: CertificateExistsError, not reconciled", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const zone = zoneStub(() => "502");
        zone.stored.push({ id: "theirs", certificate, status: "active", uploaded_on: new Date(sharedClock.now() - UPLOAD_CLOCK_TOLERANCE_MS - 1000).toISOString() });
        stub = await startStub(zone.handler);
        const error = await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey }).catch((e) => e);
        expect(isCertificateExistsError(error)).toBe(true);
        expect(error.existing).toMatchObject({ id: "theirs", status: "active" });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
    });

    test("a twin uploaded within the clock tolerance before our attempt counts as ours", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const zone = zoneStub(() => "502");
        zone.stored.push({ id: "ours", certificate, status: "active", uploaded_on: new Date(sharedClock.now() - UPLOAD_CLOCK_TOLERANCE_MS + 1000).toISOString() });
        stub = await startStub(zone.handler);
        expect(await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey })).toMatchObject({ reconciled: true, certificate: { id: "ours" } });
    });

    test("a 1406 after our own ambiguous attempt is that upload answering back (stored, not yet listed)", async () => {
        const { certificate, privateKey } = await makeCertificate();
        let listed = 0;
        const zone = zoneStub((n) => (n === 1 ? "store-and-502" : "1406"));
        stub = await startStub((req, res) => {
            // The first listing does not show the upload yet; the second does.
            if (req.method === "GET" && listed++ === 0) return json(res, 200, ok([]));
            zone.handler(req, res);
        });
        const result = await uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey });
        expect(result).toMatchObject({ reconciled: true, certificate: { id: "cert-1" } });
        expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET", "POST", "GET"]);
    });

    test("a first-attempt 1406 is thrown as is: whose certificate it is, is the caller's question", async () => {
        stub = await startStub(zoneStub(() => "1406").handler);
        const { certificate, privateKey } = await makeCertificate();
        await expect(uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey })).rejects.toMatchObject({ status: 400, errors: [{ code: 1406 }] });
        expect(stub.requests).toHaveLength(1);
    });

    test("a clear rejection (400) is thrown at once", async () => {
        stub = await startStub((_r, res) => json(res, 400, failure(1412, "Only leaf certificate is allowed.")));
        const { certificate, privateKey } = await makeCertificate();
        await expect(uploadReconciled(clientFor(stub.url), ZONE, { certificate, private_key: privateKey })).rejects.toMatchObject({ status: 400 });
        expect(stub.requests).toHaveLength(1);
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
