/**
 * The official `cloudflare` SDK (7.3.0) drives a whole lifecycle against the emulator exactly as it
 * would against api.cloudflare.com: only `baseURL` differs.
 */
import Cloudflare from "cloudflare";
import { DEFAULT_API_KEY, DEFAULT_API_TOKEN } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { useEmulator, ZONE } from "../helpers";

describe("official cloudflare SDK", () => {
    const emulator = useEmulator();
    const sdk = (options: ConstructorParameters<typeof Cloudflare>[0] = {}) =>
        new Cloudflare({ apiToken: DEFAULT_API_TOKEN, baseURL: emulator().url, maxRetries: 0, ...options });

    test("upload → active → associate → rotate → void → delete → 404", async () => {
        const client = sdk();
        const certs = client.originTLSClientAuth.hostnameCertificates;
        const hostnames = client.originTLSClientAuth.hostnames;
        const first = await makeCertificate({ commonName: "app.example.com" });

        const created = await certs.create({ zone_id: ZONE, certificate: first.certificate, private_key: first.privateKey });
        expect(created).toMatchObject({ status: "initializing", certificate: first.certificate });
        emulator().advance(1_000);
        expect((await certs.get(created.id as string, { zone_id: ZONE })).status).toBe("active");

        const page = await hostnames.update({ zone_id: ZONE, config: [{ hostname: "app.example.com", cert_id: created.id, enabled: true }] });
        expect(page.result).toEqual([expect.objectContaining({ hostname: "app.example.com", cert_id: created.id, enabled: true })]);
        emulator().advance(500);
        expect(await hostnames.get("app.example.com", { zone_id: ZONE })).toMatchObject({ status: "active", cert_status: "active" });

        // Rotation: new certificate, wait for active, re-point, then retire the old one.
        const second = await makeCertificate({ commonName: "app.example.com" });
        const replacement = await certs.create({ zone_id: ZONE, certificate: second.certificate, private_key: second.privateKey });
        emulator().advance(1_000);
        await hostnames.update({ zone_id: ZONE, config: [{ hostname: "app.example.com", cert_id: replacement.id, enabled: true }] });
        const listed = [];
        for await (const item of certs.list({ zone_id: ZONE })) listed.push(item);
        expect(listed.map((c) => c.id)).toEqual([created.id, replacement.id]);

        const deleted = await certs.delete(created.id as string, { zone_id: ZONE });
        expect(deleted.status).toBe("pending_deletion");
        await expect(certs.delete(replacement.id as string, { zone_id: ZONE })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ code: 1433 })] });
        await hostnames.update({ zone_id: ZONE, config: [{ hostname: "app.example.com", cert_id: replacement.id, enabled: null }] });
        await expect(hostnames.get("app.example.com", { zone_id: ZONE })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
        await certs.delete(replacement.id as string, { zone_id: ZONE });
        emulator().advance(500);
        expect((await certs.get(replacement.id as string, { zone_id: ZONE })).status).toBe("deleted");
        emulator().advance(500);
        await expect(certs.get(replacement.id as string, { zone_id: ZONE })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
        expect((await certs.list({ zone_id: ZONE })).result).toEqual([]);
    });

    test("errors map to the SDK's error classes with Cloudflare's codes", async () => {
        const client = sdk();
        const ca = await makeCertificate({ isCA: true });
        const error = await client.originTLSClientAuth.hostnameCertificates
            .create({ zone_id: ZONE, certificate: ca.certificate, private_key: ca.privateKey })
            .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Cloudflare.BadRequestError);
        expect((error as InstanceType<typeof Cloudflare.BadRequestError>).errors).toEqual([{ code: 1412, message: "Only leaf certificate is allowed." }]);
        const denied = await sdk({ apiToken: "z".repeat(40) }).originTLSClientAuth.hostnameCertificates.list({ zone_id: ZONE }).catch((e: unknown) => e);
        expect(denied).toBeInstanceOf(Cloudflare.PermissionDeniedError);
    });

    test("the SDK's retries ride out injected 429 and 503 answers", async () => {
        emulator().injectSequence([429, 503], { retryAfterSeconds: 0 });
        const client = sdk({ maxRetries: 2 });
        const page = await client.originTLSClientAuth.hostnameCertificates.list({ zone_id: ZONE });
        expect(page.result).toEqual([]);
        expect(emulator().requests.map((r) => [r.status, r.retry_count])).toEqual([
            [429, 0],
            [503, 1],
            [200, 2],
        ]);
    });

    test("email + global key authentication works too", async () => {
        const client = new Cloudflare({ apiEmail: DEFAULT_API_KEY.email, apiKey: DEFAULT_API_KEY.key, baseURL: emulator().url, maxRetries: 0 });
        const made = await makeCertificate();
        const created = await client.originTLSClientAuth.hostnameCertificates.create({ zone_id: ZONE, certificate: made.certificate, private_key: made.privateKey });
        expect(created.id).toBeDefined();
    });
});
