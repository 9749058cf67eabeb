/**
 * Rotation in a full zone. Cloudflare allows 10 per-hostname certificates per zone, and Pulumi
 * creates a replacement before it deletes the certificate it replaces, so a rotation needs an 11th
 * slot. Without one the upload fails with a message that says the Pulumi way out; with
 * `deleteBeforeReplace` the rotation goes through, old certificate first; and a certificate that a
 * hostname still uses cannot go first (Cloudflare refuses, 1433), so nothing changes.
 *
 * The other nine certificates are uploaded out of band, as another stack or a colleague would.
 */
import { DEFAULT_API_TOKEN, type Emulator } from "../../emulator";
import { ASSOCIATION_QUOTA_HINT, CERTIFICATE_QUOTA_HINT } from "../../provider/client/codes";
import { CloudflareApiError } from "../../provider/client/errors";
import { CloudflareClient } from "../../provider/client/http";
import { uploadCertificate } from "../../provider/client/hostnameCertificates";
import { makeCertificate } from "../fixtures/certificates";
import { AssociationStack, certificate, indexOf, ZONE as ASSOCIATION_ZONE } from "./associationStack";
import { CertificateStack, entry, ZONES } from "./certificateStack";

const UPLOAD_PATH = `/zones/${ZONES[0]}/origin_tls_client_auth/hostnames/certificates`;
const QUOTA = { code: 2005, message: "You have reached your quota for the requested resource." };

/** Uploads `count` certificates into `zoneId` behind Pulumi's back. */
async function fillZone(emulator: Emulator, zoneId: string, count: number): Promise<void> {
    const client = new CloudflareClient({ baseUrl: emulator.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
    for (let index = 0; index < count; index++) {
        const other = await makeCertificate({ commonName: `other-${index}.example.com` });
        await uploadCertificate(client, zoneId, { certificate: other.certificate, private_key: other.privateKey });
    }
}

describe("the quota message", () => {
    test("an upload into a full zone says the Pulumi way out: deleteBeforeReplace, a free slot, or fewer certificates", () => {
        const error = CloudflareApiError.generate({ status: 400, errors: [QUOTA], method: "POST", path: UPLOAD_PATH });
        expect(error.message).toBe(`400 Cloudflare error 2005 (${QUOTA.message}) on POST ${UPLOAD_PATH}: ${CERTIFICATE_QUOTA_HINT}`);
        expect(error.message).toContain("Pulumi uploads a replacement before it deletes the certificate it replaces, so a rotation needs a free slot");
        expect(error.message).toContain("`deleteBeforeReplace: true` on this HostnameCertificate");
        expect(error.message).toContain("keep at most 9 certificates in the zone");
        expect(error.message).toContain("delete certificates that nothing uses");
        const older = CloudflareApiError.generate({ status: 400, errors: [{ code: 1212, message: "m" }], method: "POST", path: UPLOAD_PATH });
        expect(older.message).toContain(CERTIFICATE_QUOTA_HINT);
    });

    test("the same code on an association is a certificate with too many hostnames", () => {
        const path = `/zones/${ZONES[0]}/origin_tls_client_auth/hostnames`;
        const error = CloudflareApiError.generate({ status: 400, errors: [QUOTA], method: "PUT", path });
        expect(error.message).toBe(`400 Cloudflare error 2005 (${QUOTA.message}) on PUT ${path}: ${ASSOCIATION_QUOTA_HINT}`);
        expect(error.message).not.toContain("deleteBeforeReplace");
    });
});

describe("rotation in a full zone with the real CLI", () => {
    test("without a free slot it fails, says what to do and keeps the old certificate; with deleteBeforeReplace it goes through", async () => {
        const stack = await CertificateStack.start();
        try {
            const api = await entry("api");
            stack.write([api]);
            expect((await stack.workspace.up()).code).toBe(0);
            const [old] = stack.held();
            await fillZone(stack.emulator, ZONES[0], 9);
            expect(stack.live()).toHaveLength(10);

            const renewed = await entry("api");
            stack.write([renewed]);
            const full = await stack.workspace.up();
            expect(full.output).toContain("Cloudflare error 2005");
            expect(full.output).toContain("set the resource option `deleteBeforeReplace: true` on this HostnameCertificate");
            expect(full.code).not.toBe(0);
            expect(stack.live().map((c) => c.id)).toContain(old.id);
            expect(stack.live()).toHaveLength(10);

            stack.write([{ ...renewed, deleteBeforeReplace: true }]);
            const rotated = await stack.workspace.up();
            expect(rotated.output).toContain("1 replaced");
            expect(rotated.code).toBe(0);
            const [state] = await stack.stateCertificates();
            const history = stack.emulator.history;
            const oldDeleting = indexOf(history, (e) => e.kind === "certificate" && e.id === old.id && e.status === "pending_deletion");
            const newUploaded = indexOf(history, (e) => e.kind === "certificate" && e.id === state.id);
            expect(oldDeleting).toBeGreaterThanOrEqual(0);
            expect(newUploaded).toBeGreaterThan(oldDeleting);
            expect(stack.live()).toHaveLength(10);
        } finally {
            await stack.dispose();
        }
    });

    test("a certificate a hostname uses cannot be deleted first: Cloudflare refuses with 1433 and nothing changes", async () => {
        const stack = await AssociationStack.start();
        try {
            const associations = [{ name: "api", hostname: "api.example.com", certificate: "origin" }];
            stack.write({ origin: await certificate() }, associations);
            expect((await stack.workspace.up()).code).toBe(0);
            const [old] = stack.emulator.certificates();
            await fillZone(stack.emulator, ASSOCIATION_ZONE, 9);

            stack.write({ origin: await certificate() }, associations, { deleteBeforeReplace: ["origin"] });
            const refused = await stack.workspace.up();
            expect(refused.output).toContain(`Cannot delete HostnameCertificate ${old.id}: it is still associated`);
            expect(refused.output).toContain("Cloudflare error 1433");
            expect(refused.code).not.toBe(0);
            expect(stack.emulator.associations(ASSOCIATION_ZONE).map((a) => [a.hostname, a.cert_id, a.status])).toEqual([["api.example.com", old.id, "active"]]);
            expect(stack.emulator.certificates().filter((c) => c.status === "active")).toHaveLength(10);
        } finally {
            await stack.dispose();
        }
    });
});
