/** Each endpoint method against the emulator over loopback HTTP. */
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../../emulator";
import { isAssociationNotFound, isCertificateNotFound } from "../../../provider/client/errors";
import {
    deleteCertificate,
    getCertificate,
    getHostnameAssociation,
    listCertificates,
    updateHostnameAssociations,
    uploadCertificate,
} from "../../../provider/client/hostnameCertificates";
import { CloudflareClient } from "../../../provider/client/http";
import { makeCertificate } from "../../fixtures/certificates";

const ZONE = EXAMPLE_ZONE_ID;
let emulator: Emulator;
let client: CloudflareClient;

beforeEach(async () => {
    emulator = await startEmulator({ clock: "manual" });
    client = new CloudflareClient({ baseUrl: emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
});
afterEach(async () => {
    await emulator.close();
});

describe("per-hostname certificate endpoints", () => {
    test("upload, list, get, delete", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const uploaded = await uploadCertificate(client, ZONE, { certificate, private_key: privateKey });
        expect(uploaded).toMatchObject({ status: "initializing", signature: "SHA256WithRSA" });
        expect(uploaded.id).toMatch(/^[0-9a-f-]{36}$/);
        expect((await listCertificates(client, ZONE)).certificates.map((c) => c.id)).toEqual([uploaded.id]);
        emulator.advance(1000);
        expect((await getCertificate(client, ZONE, uploaded.id)).status).toBe("active");
        expect((await deleteCertificate(client, ZONE, uploaded.id))?.status).toBe("pending_deletion");
        emulator.advance(1000);
        const error = await getCertificate(client, ZONE, uploaded.id).catch((e) => e);
        expect(isCertificateNotFound(error)).toBe(true);
        expect(error.message).toMatch(/^404 Cloudflare error 1552 \(Hostname certificate not found\.\) on GET .*: check the zoneId/);
        expect(isCertificateNotFound(await deleteCertificate(client, ZONE, uploaded.id).catch((e) => e))).toBe(true);
    });

    test("hostname associations: enable, read, void", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const { id } = await uploadCertificate(client, ZONE, { certificate, private_key: privateKey });
        emulator.advance(1000);
        const updated = await updateHostnameAssociations(client, ZONE, [{ hostname: "app.example.com", cert_id: id, enabled: true }]);
        expect(updated).toEqual([expect.objectContaining({ hostname: "app.example.com", cert_id: id, enabled: true })]);
        expect(await getHostnameAssociation(client, ZONE, "app.example.com")).toMatchObject({ cert_id: id, enabled: true });
        await updateHostnameAssociations(client, ZONE, [{ hostname: "app.example.com", cert_id: id, enabled: null }]);
        expect(isAssociationNotFound(await getHostnameAssociation(client, ZONE, "app.example.com").catch((e) => e))).toBe(true);
    });

    test("a base URL without /client/v4 gets the emulator's route error, which is not \"not found\"", async () => {
        const wrong = new CloudflareClient({ baseUrl: emulator.url.replace(/\/client\/v4$/, ""), credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
        const error = await getCertificate(wrong, ZONE, "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60").catch((e) => e);
        expect(error.status).toBe(404);
        expect(isCertificateNotFound(error)).toBe(false);
        expect(error.message).toMatch(/^404 Cloudflare error 7003 .*7000 .* on GET http:\/\/127\.0\.0\.1:\d+\/zones\/.*: Cloudflare could not route the request: check cloudflare:baseUrl/);
    });

    test("path parameters are encoded", async () => {
        const error = await getCertificate(client, ZONE, "../../other").catch((e) => e);
        expect(error.path).toBe(`/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates/..%2F..%2Fother`);
    });
});
