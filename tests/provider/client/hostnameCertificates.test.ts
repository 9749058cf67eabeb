/** Each endpoint method against the emulator over loopback HTTP. */
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../../emulator";
import { isNotFoundError } from "../../../provider/client/errors";
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
        expect((await listCertificates(client, ZONE)).map((c) => c.id)).toEqual([uploaded.id]);
        emulator.advance(1000);
        expect((await getCertificate(client, ZONE, uploaded.id)).status).toBe("active");
        expect((await deleteCertificate(client, ZONE, uploaded.id))?.status).toBe("pending_deletion");
        emulator.advance(1000);
        const error = await getCertificate(client, ZONE, uploaded.id).catch((e) => e);
        expect(isNotFoundError(error)).toBe(true);
        expect(error.message).toMatch(/^404 Cloudflare error 1552 \(Hostname certificate not found\.\) on GET .*: check the zoneId/);
    });

    test("hostname associations: enable, read, void", async () => {
        const { certificate, privateKey } = await makeCertificate();
        const { id } = await uploadCertificate(client, ZONE, { certificate, private_key: privateKey });
        emulator.advance(1000);
        const updated = await updateHostnameAssociations(client, ZONE, [{ hostname: "app.example.com", cert_id: id, enabled: true }]);
        expect(updated).toEqual([expect.objectContaining({ hostname: "app.example.com", cert_id: id, enabled: true })]);
        expect(await getHostnameAssociation(client, ZONE, "app.example.com")).toMatchObject({ cert_id: id, enabled: true });
        await updateHostnameAssociations(client, ZONE, [{ hostname: "app.example.com", cert_id: id, enabled: null }]);
        expect(isNotFoundError(await getHostnameAssociation(client, ZONE, "app.example.com").catch((e) => e))).toBe(true);
    });

    test("path parameters are encoded", async () => {
        const error = await getCertificate(client, ZONE, "../../other").catch((e) => e);
        expect(error.path).toBe(`/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates/..%2F..%2Fother`);
    });
});
