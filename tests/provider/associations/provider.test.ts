/** The HostnameAssociation provider against the emulator: create, read, update, delete, and what they cost. */
import { randomUUID } from "node:crypto";
import { DEFAULT_API_TOKEN } from "../../../emulator";
import { AssociationNotActiveError } from "../../../provider/associations/create";
import { createHostnameAssociationProvider } from "../../../provider/associations/provider";
import { deleteCertificate, updateHostnameAssociations, uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { memoryReporter } from "../../../provider/runtime/progress";
import { type AssociationHarness, associationInputs, startAssociationHarness, stored, ZONE } from "./harness";
import { expectSerializable, liveCertificates, newInputs, rejection } from "../emulatorHarness";

const HOST = "api.example.com";
const ID = `${ZONE}/${HOST}`;

let h: AssociationHarness;
afterEach(async () => {
    await h?.emulator.close();
});

/** Position of the first history event matching `match` (history is in time order, ties by write order). */
function position(match: (e: (typeof h.emulator.history)[number]) => boolean): number {
    const index = h.emulator.history.findIndex(match);
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
}

describe("create", () => {
    test("checks the certificate, PUTs once, waits for active with progress, and returns every output", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const before = h.requestCount();
        const { id, outs } = await h.associations.create(associationInputs(cert.id, HOST, { createTimeout: "2m" }));
        expect(id).toBe(ID);
        expect(outs).toEqual({
            zoneId: ZONE,
            hostname: HOST,
            certificateId: cert.id,
            enabled: true,
            createTimeout: "2m",
            status: "active",
            certStatus: "active",
            expiresOn: cert.outs.expiresOn,
            ownership: "created",
            managedCertificateId: cert.id,
        });
        expectSerializable(outs);
        expect(h.operationsSince(before)).toEqual(["hostnameCertificates.get 200", "hostnames.get 404", "hostnames.update 200", "hostnames.get 200"]);
        const short = cert.id.slice(0, 8);
        // The PUT waits out the batch window (DEFAULT_BATCH_WINDOW_MS) for other changes to the zone.
        expect(h.lines).toContain(`${HOST} → certificate ${short}…: pending_deployment (200ms elapsed)`);
        expect(h.lines).toContain(`${HOST} → certificate ${short}…: active (1s elapsed)`); // the first status read comes after DEFAULT_POLL_OPTIONS.initialDelayMs
        expect(h.emulator.associations(ZONE)).toMatchObject([{ hostname: HOST, cert_id: cert.id, enabled: true, status: "active" }]);
    });

    test("enabled: false makes a disabled association", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { outs } = await h.associations.create(associationInputs(cert.id, HOST, { enabled: false }));
        expect(outs).toMatchObject({ enabled: false, status: "active" });
        expect(h.emulator.associations(ZONE)).toMatchObject([{ enabled: false }]);
    });

    test("waits for a certificate that is still deploying, and only then associates it", async () => {
        h = await startAssociationHarness();
        const inputs = await newInputs();
        const uploaded = await uploadCertificate(h.client, ZONE, { certificate: inputs.certificate, private_key: inputs.privateKey });
        const { outs } = await h.associations.create(associationInputs(uploaded.id));
        expect(outs?.certStatus).toBe("active");
        expect(h.lines.some((l) => l.startsWith(`certificate ${uploaded.id.slice(0, 8)}…: `))).toBe(true);
        const certificateActive = position((e) => e.kind === "certificate" && e.id === uploaded.id && e.status === "active");
        const associated = position((e) => e.kind === "association" && e.hostname === HOST);
        expect(associated).toBeGreaterThan(certificateActive);
    });

    test("refuses, before any PUT, a certificate that does not exist or is being deleted", async () => {
        h = await startAssociationHarness();
        const missing = randomUUID();
        await expect(h.associations.create(associationInputs(missing))).rejects.toThrow(
            `HostnameAssociation ${HOST}: certificate ${missing} does not exist in zone ${ZONE}, so hostname ${HOST} was left as it was: pass the certificateId of a HostnameCertificate in the same zone.`,
        );
        const cert = await h.certificate();
        await deleteCertificate(h.client, ZONE, cert.id);
        await expect(h.associations.create(associationInputs(cert.id))).rejects.toThrow(
            /certificate .* is pending_deletion, not active, .* left as it was rather than moved onto a certificate that cannot serve it: associate a certificate that is active\.$/,
        );
        expect(h.emulator.requests.filter((r) => r.operation === "hostnames.update")).toEqual([]);
    });

    test("not active by createTimeout: the error carries the id and outputs for the engine to record, and update from them waits again", async () => {
        h = await startAssociationHarness({ timings: { associationMs: 120_000 } });
        const cert = await h.certificate();
        const inputs = associationInputs(cert.id, HOST, { createTimeout: "30s" });
        const error = (await rejection(h.associations.create(inputs))) as AssociationNotActiveError;
        expect(error.message).toMatch(/did not become active: last status pending_deployment after 30s \(createTimeout 30s\)\. Pulumi keeps it in the stack's state/);
        expect(error.id).toBe(ID);
        expect(error.properties).toMatchObject({ __provider: inputs.__provider, certificateId: cert.id, enabled: true, status: "pending_deployment" });
        expectSerializable(error.properties);

        const olds = error.properties as never;
        const { outs } = await h.associations.update(ID, olds, { ...inputs, createTimeout: "5m" });
        expect(outs).toMatchObject({ status: "active", createTimeout: "5m" });
    });
});

describe("read (refresh)", () => {
    test("returns the live outputs and the program's inputs, so a refresh alone shows no diff", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { __provider, ...program } = associationInputs(cert.id);
        void __provider;
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        const read = await h.associations.read(id, stored(outs));
        expect(read).toEqual({ id, props: outs, inputs: { ...program, enabled: true } });
        expectSerializable(read.props);
        expect(await h.associations.diff(id, read.props!, program as never)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    test("another certificate or enabled: false set behind Pulumi's back shows as an in-place update", async () => {
        h = await startAssociationHarness();
        const [a, b] = [await h.certificate(), await h.certificate()];
        const { id, outs } = await h.associations.create(associationInputs(a.id));
        const program = associationInputs(a.id);

        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: b.id, enabled: true }]);
        const moved = await h.associations.read(id, stored(outs));
        expect(moved.props).toMatchObject({ certificateId: b.id, enabled: true });
        // The live values stand in the stored inputs too, so the preview shows `certificateId: <live> => <program>`.
        expect(moved.inputs).toEqual({ zoneId: ZONE, hostname: HOST, certificateId: b.id, enabled: true });
        expect(await h.associations.diff(id, moved.props!, program as never)).toMatchObject({ changes: true, replaces: [] });

        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: a.id, enabled: false }]);
        const disabled = await h.associations.read(id, stored(outs));
        expect(disabled.props).toMatchObject({ certificateId: a.id, enabled: false });
        expect(disabled.inputs).toMatchObject({ certificateId: a.id, enabled: false });
        expect(await h.associations.diff(id, disabled.props!, program as never)).toMatchObject({ changes: true, replaces: [] });
    });

    test("a voided association, or one whose certificate was deleted out of band, reads as gone", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: cert.id, enabled: null }]);
        expect(await h.associations.read(id, stored(outs))).toEqual({});

        await h.associations.create(associationInputs(cert.id));
        h.emulator.deleteCertificateOutOfBand(ZONE, cert.id);
        expect((await h.associations.read(id, stored(outs))).id).toBeUndefined();
    });
});

describe("update", () => {
    test("moving to another certificate: one PUT, waits for active; then the old certificate deletes cleanly", async () => {
        h = await startAssociationHarness();
        const [old, next] = [await h.certificate(), await h.certificate()];
        const { id, outs } = await h.associations.create(associationInputs(old.id));
        const before = h.requestCount();
        const updated = await h.associations.update(id, stored(outs), associationInputs(next.id));
        expect(updated.outs).toMatchObject({ certificateId: next.id, status: "active", certStatus: "active" });
        expectSerializable(updated.outs);
        // The hostname is read before the PUT: it must not have been moved elsewhere unseen.
        expect(h.operationsSince(before)).toEqual(["hostnameCertificates.get 200", "hostnames.get 200", "hostnames.update 200", "hostnames.get 200"]);
        expect(h.lines).toContain(`HostnameAssociation ${HOST}: moving from certificate ${old.id.slice(0, 8)}… to ${next.id.slice(0, 8)}…`);

        await h.provider.delete(old.id, old.outs);
        expect(liveCertificates(h.emulator).map((c) => c.id)).toEqual([next.id]);
        const movedActive = position((e) => e.kind === "association" && e.cert_id === next.id && e.status === "active");
        const oldDeleting = position((e) => e.kind === "certificate" && e.id === old.id && e.status === "pending_deletion");
        expect(oldDeleting).toBeGreaterThan(movedActive);
    });

    test("flipping enabled is one PUT and a wait, without checking the certificate again", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        const before = h.requestCount();
        const updated = await h.associations.update(id, stored(outs), associationInputs(cert.id, HOST, { enabled: false }));
        expect(updated.outs).toMatchObject({ enabled: false, status: "active" });
        expect(h.operationsSince(before)).toEqual(["hostnames.get 200", "hostnames.update 200", "hostnames.get 200"]);
    });

    test("a timeout-only change makes no API call and keeps the computed outputs", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        const news = associationInputs(cert.id, HOST, { createTimeout: "20m", deleteTimeout: "1m" });
        expect(await h.associations.diff(id, stored(outs), news as never)).toMatchObject({ changes: true, replaces: [] });
        const before = h.requestCount();
        const updated = await h.associations.update(id, stored(outs), news as never);
        expect(h.requestCount()).toBe(before);
        expect(updated.outs).toEqual({ ...outs, createTimeout: "20m", deleteTimeout: "1m" });
    });
});

describe("delete", () => {
    test("voids with enabled: null and returns once GET answers 404; the certificate then deletes cleanly", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        const before = h.requestCount();
        await h.associations.delete(id, stored(outs));
        // The hostname is read first: only an association that still uses this resource's certificate is voided.
        expect(h.operationsSince(before)).toEqual(["hostnames.get 200", "hostnames.update 200", "hostnames.get 404"]);
        expect(h.emulator.associations()).toEqual([]);
        expect(h.emulator.history.some((e) => e.kind === "association" && e.status === "removed" && e.enabled === null)).toBe(true);
        await h.provider.delete(cert.id, cert.outs);
        expect(liveCertificates(h.emulator)).toEqual([]);
    });

    test("a disabled association is voided too, so its certificate is released", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id, HOST, { enabled: false }));
        await h.associations.delete(id, stored(outs));
        await expect(h.provider.delete(cert.id, cert.outs)).resolves.toBeUndefined();
    });

    test("an association already gone, or a certificate already deleted (1415), counts as done", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: cert.id, enabled: null }]);
        await expect(h.associations.delete(id, stored(outs))).resolves.toBeUndefined();

        await h.associations.create(associationInputs(cert.id));
        h.emulator.deleteCertificateOutOfBand(ZONE, cert.id);
        const before = h.requestCount();
        await expect(h.associations.delete(id, stored(outs))).resolves.toBeUndefined();
        expect(h.operationsSince(before)).toEqual(["hostnames.get 404"]);
        expect(h.lines.some((l) => l.includes("the hostname has no association any more, so there is nothing to void"))).toBe(true);
    });

    test("a certificate deleted between the read and the void (1415) counts as done", async () => {
        let deleteCertificate: (() => void) | undefined;
        h = await startAssociationHarness({}, {
            // The void waits out the batch window: the certificate goes in that moment, after the hostname was read.
            sleep: async (ms) => {
                deleteCertificate?.();
                deleteCertificate = undefined;
                h.emulator.advance(ms);
            },
        });
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id));
        const before = h.requestCount();
        deleteCertificate = () => h.emulator.deleteCertificateOutOfBand(ZONE, cert.id);
        await expect(h.associations.delete(id, stored(outs))).resolves.toBeUndefined();
        expect(h.emulator.requests.slice(before).map((r) => [r.operation, r.status, r.error_codes])).toEqual([
            ["hostnames.get", 200, []],
            ["hostnames.update", 400, [1415]],
        ]);
        expect(h.lines.some((l) => l.includes("no longer exists, so there is no association left to void"))).toBe(true);
    });

    test("a hostname moved to another certificate since is someone else's: left in place, with a warning", async () => {
        h = await startAssociationHarness();
        const [a, b] = [await h.certificate(), await h.certificate()];
        const { id, outs } = await h.associations.create(associationInputs(a.id));
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: b.id, enabled: true }]);
        const before = h.requestCount();
        await h.associations.delete(id, stored(outs));
        expect(h.operationsSince(before)).toEqual(["hostnames.get 200"]);
        expect(h.emulator.associations(ZONE)).toMatchObject([{ hostname: HOST, cert_id: b.id, enabled: true }]);
        const warning = h.lines.find((l) => l.startsWith("warning: "));
        expect(warning).toContain(`hostname ${HOST} is now associated with certificate ${b.id} (active), not with certificate ${a.id} as this resource set it`);
        expect(warning).toContain("was left in place");
    });
});

describe("credentials", () => {
    test("missing credentials: a clear error when a method needs them; check needs none", async () => {
        h = await startAssociationHarness();
        const provider = createHostnameAssociationProvider({ env: { CLOUDFLARE_BASE_URL: h.emulator.url }, progress: memoryReporter() });
        const inputs = associationInputs(randomUUID());
        await expect(provider.create(inputs)).rejects.toThrow(/credentials are missing: .*cloudflare:apiToken.*CLOUDFLARE_API_TOKEN/);
        await expect(provider.check({} as never, inputs)).resolves.toMatchObject({ failures: [] });
        expect(h.requestCount()).toBe(0);
    });

    test("from the stack config given to configure", async () => {
        h = await startAssociationHarness();
        const cert = await h.certificate();
        const provider = createHostnameAssociationProvider({ env: {}, progress: memoryReporter(), sleep: async (ms) => h.emulator.advance(ms), now: () => h.emulator.clock.now() });
        const config: Record<string, string> = { "cloudflare:apiToken": DEFAULT_API_TOKEN, "cloudflare:baseUrl": h.emulator.url };
        await provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
        expect((await provider.create(associationInputs(cert.id))).outs?.status).toBe("active");
    });
});
