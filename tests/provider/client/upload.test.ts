import type { ServerResponse } from "node:http";
import { CloudflareClient } from "../../../provider/client/http";
import { findCertificate, uploadReconciled } from "../../../provider/client/upload";
import { makeCertificate } from "../../fixtures/certificates";
import { fakeClock } from "../fakeClock";
import { failure, json, ok, type RecordedRequest, startStub, type StubServer } from "./stubServer";
import { DEFAULT_RETRY_OPTIONS } from "../../../provider/client/retry";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

/** A zone that stores uploads; `onPost` decides how each POST is answered after (or instead of) storing. */
function zoneStub(onPost: (n: number) => "store-and-502" | "502" | "store-and-reset" | "store-and-ok") {
    const stored: { id: string; certificate: string; status: string }[] = [];
    let posts = 0;
    const handler = (req: RecordedRequest, res: ServerResponse) => {
        if (req.method === "GET") return json(res, 200, ok(stored));
        const mode = onPost(++posts);
        if (mode !== "502") stored.push({ id: `cert-${posts}`, certificate: JSON.parse(req.body).certificate, status: "initializing" });
        if (mode === "store-and-ok") return json(res, 200, ok(stored[stored.length - 1]));
        if (mode === "store-and-reset") return res.socket?.destroy();
        json(res, 502, failure(1499, "bad gateway"));
    };
    return { stored, handler };
}

let stub: StubServer | undefined;
afterEach(async () => {
    await stub?.close();
    stub = undefined;
});

function clientFor(url: string) {
    const clock = fakeClock();
    return new CloudflareClient({ baseUrl: url, credentials: { kind: "apiToken", apiToken: "t" }, retry: { now: clock.now, sleep: clock.sleep } });
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
