/**
 * Whose a hostname is, against the emulator: a create never takes over an association the hostname
 * already has unless the `import` option or the recovery switch names it, and fails before any write
 * naming the hostname and the certificate it uses; delete voids only what the resource set.
 */
import { DEFAULT_API_TOKEN } from "../../../emulator";
import { createHostnameAssociationProvider } from "../../../provider/associations/provider";
import { isAssociationExistsError, isAssociationMovedError, isImportError } from "../../../provider/client/errors";
import { updateHostnameAssociations } from "../../../provider/client/hostnameCertificates";
import type { HostnameAssociationOutputs } from "../../../provider/contract";
import { type AssociationHarness, associationInputs, startAssociationHarness, stored, ZONE } from "./harness";
import { rejection } from "../emulatorHarness";

const HOST = "app.example.com";
const ID = `${ZONE}/${HOST}`;

let h: AssociationHarness;
afterEach(async () => {
    await h?.emulator.close();
});

const puts = () => h.emulator.requests.filter((r) => r.operation === "hostnames.update");

/** A harness; its associations provider runs with the recovery switch set to `value`, when given. */
async function harnessWithSwitch(value?: string): Promise<AssociationHarness> {
    h = await startAssociationHarness();
    if (value === undefined) return h;
    const env = { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: h.emulator.url, CLOUDFLARE_ADOPT_EXISTING: value };
    h.associations = createHostnameAssociationProvider({
        env,
        now: () => h.emulator.clock.now(),
        sleep: async (ms) => h.emulator.advance(ms),
        random: () => 0.5,
        progress: { report: (m) => void h.lines.push(m), log: (m) => void h.lines.push(m), warn: (m) => void h.lines.push(`warning: ${m}`) },
    });
    return h;
}

/** Associates HOST out of band (another stack, the dashboard) and lets it deploy. */
async function associateElsewhere(certificateId: string, enabled = true): Promise<void> {
    await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: certificateId, enabled }]);
    h.emulator.advance(500);
}

describe("create, when the hostname already has an association", () => {
    test.each([
        ["with another certificate", "other", true],
        ["with the same certificate, disabled", "same", false],
        ["exactly as declared", "same", true],
    ] as const)("%s: fails before any write, naming the hostname, the certificate it uses and the ways forward", async (_, which, enabled) => {
        await harnessWithSwitch();
        const [ours, theirs] = [await h.certificate(), await h.certificate()];
        const existing = which === "other" ? theirs.id : ours.id;
        await associateElsewhere(existing, enabled);
        const before = h.requestCount();
        const error = await rejection(h.associations.create(associationInputs(ours.id, HOST)));
        expect(isAssociationExistsError(error)).toBe(true);
        expect(error.message).toContain(
            `Hostname ${HOST} in zone ${ZONE} is already associated with certificate ${existing} (active), the association active and ${enabled ? "enabled" : "disabled"}, ` +
                `and nothing shows it belongs to this resource, so it was left as it was and nothing was changed`,
        );
        expect(error.message).toContain(`import it with the resource option \`import: "${HOST}"\`, declaring certificateId ${existing}${enabled ? " " : " and enabled: false "}`);
        expect(error.message).toContain(`\`CLOUDFLARE_ADOPT_EXISTING=${HOST} pulumi up\``);
        expect(error.message).toContain("`aliases`");
        expect(h.operationsSince(before)).toEqual(["hostnameCertificates.get 200", "hostnames.get 200"]);
        expect(h.emulator.associations(ZONE)).toMatchObject([{ hostname: HOST, cert_id: existing, enabled }]);
    });

    test("the recovery switch naming the hostname adopts it, moving it to the declared certificate, with a warning", async () => {
        await harnessWithSwitch(`2458ce5a-0c35-4c7f-82c7-8e9487d3ff60, ${HOST}`);
        const [ours, theirs] = [await h.certificate(), await h.certificate()];
        await associateElsewhere(theirs.id);
        const { outs } = await h.associations.create(associationInputs(ours.id, HOST));
        expect(outs).toMatchObject({ certificateId: ours.id, status: "active", ownership: "adopted", managedCertificateId: ours.id });
        const warning = h.lines.find((l) => l.startsWith("warning: "));
        expect(warning).toContain(`adopting the association of hostname ${HOST} with certificate ${theirs.id} (active, enabled: true) already in zone ${ZONE}, and moving it to certificate ${ours.id}`);
        expect(warning).toContain("cloudflare:adoptExisting (CLOUDFLARE_ADOPT_EXISTING)");
        expect(h.emulator.associations(ZONE)).toMatchObject([{ hostname: HOST, cert_id: ours.id, status: "active" }]);
    });

    test("the recovery switch adopts an association that is already exactly the declared one without a PUT", async () => {
        await harnessWithSwitch("true");
        const cert = await h.certificate();
        await associateElsewhere(cert.id);
        const { outs } = await h.associations.create(associationInputs(cert.id, HOST));
        expect(outs).toMatchObject({ status: "active", ownership: "adopted", managedCertificateId: cert.id });
        expect(puts().length).toBe(1); // the out-of-band one
    });

    test("the recovery switch naming another hostname adopts nothing", async () => {
        await harnessWithSwitch("other.example.com");
        const [ours, theirs] = [await h.certificate(), await h.certificate()];
        await associateElsewhere(theirs.id);
        expect(isAssociationExistsError(await rejection(h.associations.create(associationInputs(ours.id, HOST))))).toBe(true);
        expect(h.emulator.associations(ZONE)).toMatchObject([{ cert_id: theirs.id }]);
    });
});

describe("its own write", () => {
    test("a PUT whose answer was lost is sent again and the association is this resource's: the same operation, not a takeover", async () => {
        await harnessWithSwitch();
        const cert = await h.certificate();
        // Cloudflare applies the PUT, then the answer is lost on the way back.
        h.emulator.injectSequence([502], { match: { method: "PUT" }, timing: "after" });
        const { outs } = await h.associations.create(associationInputs(cert.id, HOST));
        expect(outs).toMatchObject({ status: "active", ownership: "created", managedCertificateId: cert.id });
        expect(puts().map((r) => r.status)).toEqual([502, 200]);
        expect(h.lines.some((l) => l.startsWith("warning: "))).toBe(false);
    });
});

describe("the import option", () => {
    test("adopts the association as it is, without a PUT; the outputs say imported and do not carry the option", async () => {
        await harnessWithSwitch();
        const cert = await h.certificate();
        await associateElsewhere(cert.id);
        const before = h.requestCount();
        const { id, outs } = await h.associations.create(associationInputs(cert.id, HOST, { __import: HOST }));
        expect(id).toBe(ID);
        expect(outs).toMatchObject({ certificateId: cert.id, enabled: true, status: "active", ownership: "imported", managedCertificateId: cert.id });
        expect(outs).not.toHaveProperty("__import");
        expect(h.operationsSince(before)).toEqual(["hostnameCertificates.get 200", "hostnames.get 200"]);
        expect(h.lines.some((l) => l.startsWith("warning: HostnameAssociation: imported the association of hostname") && l.includes("Remove the `import` option"))).toBe(true);

        // Removing the option changes nothing; destroying the resource voids what it imported.
        const program = associationInputs(cert.id, HOST);
        expect(await h.associations.diff(id, stored(outs), program as never)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
        await h.associations.delete(id, stored(outs));
        expect(h.emulator.associations(ZONE)).toEqual([]);
    });

    test("by the resource ID <zoneId>/<hostname> too, and waits while the association deploys", async () => {
        await harnessWithSwitch();
        const cert = await h.certificate();
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: HOST, cert_id: cert.id, enabled: false }]);
        const { outs } = await h.associations.create(associationInputs(cert.id, HOST, { enabled: false, __import: ID }));
        expect(outs).toMatchObject({ enabled: false, status: "active", ownership: "imported" });
        expect(h.lines.some((l) => l.startsWith(`${HOST} → certificate ${cert.id.slice(0, 8)}…: `))).toBe(true);
        expect(puts().length).toBe(1);
    });

    test("a hostname without an association fails naming the hostname and the zone, and creates nothing", async () => {
        await harnessWithSwitch();
        const cert = await h.certificate();
        const error = await rejection(h.associations.create(associationInputs(cert.id, HOST, { __import: HOST })));
        expect(isImportError(error)).toBe(true);
        expect(error.message).toBe(
            `HostnameAssociation ${HOST}: the \`import\` option names hostname ${HOST}, which has no association in zone ${ZONE} (Cloudflare: not found). ` +
                "Check the hostname and the zoneId; to create the association instead, remove the `import` option. Nothing was imported, uploaded or changed.",
        );
        expect(puts()).toEqual([]);
        expect(h.emulator.associations(ZONE)).toEqual([]);
    });

    test("an association with another certificate than declared fails saying which, and changes nothing", async () => {
        await harnessWithSwitch();
        const [ours, theirs] = [await h.certificate(), await h.certificate()];
        await associateElsewhere(theirs.id);
        const error = await rejection(h.associations.create(associationInputs(ours.id, HOST, { __import: HOST })));
        expect(isImportError(error)).toBe(true);
        expect(error.message).toContain(
            `hostname ${HOST} in zone ${ZONE} is associated with certificate ${theirs.id} (active) and enabled, but the resource declares certificate ${ours.id} and enabled`,
        );
        expect(error.message).toContain(`declare certificateId ${theirs.id}`);
        expect(h.emulator.associations(ZONE)).toMatchObject([{ cert_id: theirs.id }]);
        expect(puts().length).toBe(1);
    });

    test("check refuses an import that names another hostname or zone, before any request", async () => {
        await harnessWithSwitch();
        const cert = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
        const other = await h.associations.check({} as never, associationInputs(cert, HOST, { __import: "www.example.com" }) as never);
        expect(other.failures).toEqual([
            {
                property: "__import",
                reason: expect.stringMatching(/^the `import` resource option names hostname www\.example\.com, but the resource declares hostname app\.example\.com in zone \w{32}: import names exactly the association declared/),
            },
        ]);
        const zone = await h.associations.check({} as never, associationInputs(cert, HOST, { __import: `${"0".repeat(32)}/${HOST}` }) as never);
        expect(zone.failures?.[0].reason).toContain(`names zone ${"0".repeat(32)} and hostname ${HOST}`);
        const ok = await h.associations.check({} as never, associationInputs(cert, HOST, { __import: HOST }) as never);
        expect(ok).toMatchObject({ failures: [], inputs: { __import: HOST } });
        expect(h.requestCount()).toBe(0);
    });
});

describe("delete voids only what the resource set", () => {
    test("after a refresh that found the hostname on another certificate, the drift shows and a destroy leaves it in place", async () => {
        await harnessWithSwitch();
        const [ours, theirs] = [await h.certificate(), await h.certificate()];
        const { id, outs } = await h.associations.create(associationInputs(ours.id, HOST));
        await associateElsewhere(theirs.id);
        const refreshed = await h.associations.read(id, stored(outs));
        expect(refreshed.props).toMatchObject({ certificateId: theirs.id, managedCertificateId: ours.id, ownership: "created" });
        await h.associations.delete(id, stored(refreshed.props as HostnameAssociationOutputs));
        expect(h.emulator.associations(ZONE)).toMatchObject([{ hostname: HOST, cert_id: theirs.id, enabled: true }]);
        expect(h.lines.some((l) => l.startsWith("warning: ") && l.includes(`not with certificate ${ours.id} as this resource set it`))).toBe(true);
    });

    test("outputs of an earlier version (no ownership recorded) void while the hostname uses the stored certificate", async () => {
        await harnessWithSwitch();
        const cert = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(cert.id, HOST));
        const { ownership: _o, managedCertificateId: _m, ...earlier } = outs!;
        const refreshed = await h.associations.read(id, stored(earlier as HostnameAssociationOutputs));
        expect(refreshed.props).toMatchObject({ ownership: "unrecorded", managedCertificateId: cert.id });
        await h.associations.delete(id, stored(earlier as HostnameAssociationOutputs));
        expect(h.emulator.associations(ZONE)).toEqual([]);
    });

    test("an update records the certificate it set, keeping how the association came to be this resource's", async () => {
        await harnessWithSwitch();
        const [a, b] = [await h.certificate(), await h.certificate()];
        await associateElsewhere(a.id);
        const { id, outs } = await h.associations.create(associationInputs(a.id, HOST, { __import: HOST }));
        const updated = await h.associations.update(id, stored(outs), associationInputs(b.id, HOST));
        expect(updated.outs).toMatchObject({ certificateId: b.id, managedCertificateId: b.id, ownership: "imported" });
        expect(updated.outs).not.toHaveProperty("__import");
    });

    test("an update never moves back, unseen, a hostname moved elsewhere since; after a refresh showed the move, it does", async () => {
        await harnessWithSwitch();
        const [ours, theirs, next] = [await h.certificate(), await h.certificate(), await h.certificate()];
        const { id, outs } = await h.associations.create(associationInputs(ours.id, HOST));
        await associateElsewhere(theirs.id);
        const before = puts().length;
        const error = await rejection(h.associations.update(id, stored(outs), associationInputs(next.id, HOST)));
        expect(isAssociationMovedError(error)).toBe(true);
        expect(error.message).toContain(`Hostname ${HOST} in zone ${ZONE} now uses certificate ${theirs.id} (active), not certificate ${ours.id} that this resource set`);
        expect(error.message).toContain("Run `pulumi refresh` to take the change in");
        expect(puts()).toHaveLength(before);
        expect(h.emulator.associations(ZONE)).toMatchObject([{ cert_id: theirs.id }]);

        const refreshed = await h.associations.read(id, stored(outs));
        const updated = await h.associations.update(id, stored(refreshed.props as HostnameAssociationOutputs), associationInputs(next.id, HOST));
        expect(updated.outs).toMatchObject({ certificateId: next.id, managedCertificateId: next.id, status: "active" });
    });
});
