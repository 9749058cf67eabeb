/** The one normaliser: either item shape, paging, a null result; nothing without an id gets through. */
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../../emulator";
import { normalizeCertificate, normalizeCertificateList } from "../../../provider/client/certificateShape";
import { getCertificate, listCertificates, MAX_LIST_PAGES, updateHostnameAssociations, uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { CloudflareClient } from "../../../provider/client/http";
import { makeCertificate } from "../../fixtures/certificates";
import { json, ok, startStub, type StubServer } from "./stubServer";

const ZONE = EXAMPLE_ZONE_ID;

describe("normalizeCertificate", () => {
    test("the certificate object as it is", () => {
        const item = { id: "c1", status: "active", uploaded_on: "2026-01-01T00:00:00Z", certificate: "PEM", issuer: "I", serial_number: "1", signature: "S", expires_on: "2027-01-01T00:00:00Z" };
        expect(normalizeCertificate(item)).toEqual(item);
    });

    test("the association shape: cert_id, cert_status (not the association's status) and cert_uploaded_on", () => {
        const item = { cert_id: "c1", hostname: "a.example.com", status: "pending_deployment", cert_status: "active", cert_uploaded_on: "2026-01-01T00:00:00Z", enabled: true };
        expect(normalizeCertificate(item)).toEqual({ id: "c1", status: "active", uploaded_on: "2026-01-01T00:00:00Z" });
    });

    test("no id, no status, or not an object: nothing", () => {
        for (const item of [{ status: "active", hostname: "a.example.com" }, { id: "c1" }, { id: "", status: "active" }, null, "c1", [{ id: "c1", status: "active" }]]) {
            expect(normalizeCertificate(item)).toBeUndefined();
        }
    });
});

describe("normalizeCertificateList", () => {
    test("merges repeats of a certificate (one per hostname), collects hostnames, counts what it dropped; null is empty", () => {
        const listing = normalizeCertificateList([
            { cert_id: "c1", hostname: "a.example.com", cert_status: "active" },
            { cert_id: "c1", hostname: "b.example.com", cert_status: "active" },
            { cert_id: "c2", cert_status: "pending_deployment" },
            { hostname: "c.example.com", status: "active" },
        ]);
        expect(listing.certificates.map((c) => [c.id, c.status])).toEqual([["c1", "active"], ["c2", "pending_deployment"]]);
        expect([...listing.hostnames]).toEqual([["c1", ["a.example.com", "b.example.com"]]]);
        expect(listing.dropped).toBe(1);
        expect(normalizeCertificateList(null)).toEqual({ certificates: [], hostnames: new Map(), dropped: 0 });
    });
});

describe("listCertificates against the emulator", () => {
    let emulator: Emulator;
    let client: CloudflareClient;
    afterEach(async () => emulator.close());

    async function start(options: Parameters<typeof startEmulator>[0]) {
        emulator = await startEmulator({ clock: "manual", ...options });
        client = new CloudflareClient({ baseUrl: emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
    }

    async function uploadSome(n: number): Promise<string[]> {
        const ids = [];
        for (let i = 0; i < n; i++) {
            const { certificate, privateKey } = await makeCertificate({ keyType: "ec", freshKey: true });
            ids.push((await uploadCertificate(client, ZONE, { certificate, private_key: privateKey })).id);
        }
        return ids;
    }

    test("fetches every page when the API pages", async () => {
        await start({ listPageSize: 2 });
        const ids = await uploadSome(5);
        const listing = await listCertificates(client, ZONE);
        expect(listing.certificates.map((c) => c.id)).toEqual(ids);
        expect(emulator.requests.filter((r) => r.operation === "hostnameCertificates.list")).toHaveLength(3);
    });

    test("the association shape gives the same certificates, with ids, and the hostnames using them", async () => {
        await start({ listShape: "association" });
        const [used, unused] = await uploadSome(2);
        emulator.advance(1_000);
        await updateHostnameAssociations(client, ZONE, [{ hostname: "a.example.com", cert_id: used, enabled: true }]);
        const listing = await listCertificates(client, ZONE);
        expect(listing.certificates.map((c) => [c.id, c.status])).toEqual([[used, "active"], [unused, "active"]]);
        expect(listing.hostnames.get(used)).toEqual(["a.example.com"]);
        expect(listing.certificates.every((c) => c.uploaded_on !== undefined && c.certificate?.includes("BEGIN CERTIFICATE"))).toBe(true);
    });
});

describe("single results", () => {
    let stub: StubServer | undefined;
    afterEach(async () => stub?.close());

    test("a GET whose result has no id is an error, not a certificate called undefined", async () => {
        stub = await startStub((_r, res) => json(res, 200, ok({ cert_status: "active", hostname: "a.example.com" })));
        const client = new CloudflareClient({ baseUrl: stub.url, credentials: { kind: "apiToken", apiToken: "t" } });
        await expect(getCertificate(client, ZONE, "c1")).rejects.toThrow(/^Cloudflare's answer to GET \/zones\/.*\/certificates\/c1 is not usable: it holds no certificate with an id and a status\. Nothing was done on that basis/);
    });

    test("paging stops at MAX_LIST_PAGES whatever total_pages claims", async () => {
        stub = await startStub((_r, res) => json(res, 200, { ...ok([]), result_info: { page: 1, per_page: 1, total_pages: 10_000 } }));
        const client = new CloudflareClient({ baseUrl: stub.url, credentials: { kind: "apiToken", apiToken: "t" } });
        await listCertificates(client, ZONE);
        expect(stub.requests).toHaveLength(MAX_LIST_PAGES);
        expect(stub.requests[1].path).toMatch(/\?page=2&per_page=1$/);
    });
});
