/**
 * Through the real CLI: moving certificates and associations made outside Pulumi (by hand, a
 * script, Terraform) into a stack with the `import` resource option. Pulumi's own import cannot read
 * a dynamic resource (pulumi/pulumi#3550), so the SDK hands the id to create, which adopts exactly
 * that certificate or association: no upload, no PUT, no diff once the option is removed, and the
 * stack deletes it on destroy. A wrong id fails naming the id and the zone, and creates nothing.
 */
import { randomUUID } from "node:crypto";
import { startEmulator, type Emulator } from "../../../emulator";
import { updateHostnameAssociations, uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { makeCertificate, pemLines, type GeneratedCertificate } from "../../fixtures/certificates";
import { show } from "../../support/transcript";
import { ASSOCIATION_TYPE, CERTIFICATE_TYPE, HostnameStack, outOfBandClient, ZONE } from "./hostnameStack";
import { stackPool } from "./stackPool";

jest.setTimeout(300_000);

let emulator: Emulator;
const stacks = stackPool((name) => HostnameStack.start(emulator, name));
const stack = stacks.stack;
beforeAll(async () => {
    emulator = await startEmulator();
});
afterAll(async () => {
    stacks.disposeAll();
    await emulator?.close();
});

function certificate(commonName: string): Promise<GeneratedCertificate> {
    return makeCertificate({ commonName, keyType: "ec", freshKey: true });
}

/** Uploads `made` as someone outside Pulumi would, and returns its id once active. */
async function uploadedOutOfBand(made: GeneratedCertificate): Promise<string> {
    const uploaded = await uploadCertificate(outOfBandClient(emulator), ZONE, { certificate: made.certificate, private_key: made.privateKey });
    while (emulator.certificates(ZONE).find((c) => c.id === uploaded.id)?.status !== "active") await new Promise((resolve) => setTimeout(resolve, 100));
    return uploaded.id;
}

/** The API operations the emulator answered from request `from` on. */
const operations = (from: number) => emulator.requests.slice(from).map((r) => r.operation);

/** No line of the key in `text`. */
function expectNoKey(text: string, made: GeneratedCertificate): void {
    for (const line of pemLines(made.privateKey)) expect(text).not.toContain(line);
}

test("a certificate uploaded out of band: imported without an upload, no diff once the option is removed, deleted by destroy", async () => {
    const made = await certificate("brownfield.example.com");
    const id = await uploadedOutOfBand(made);
    const s = await stack("import");
    s.write({ origin: { certificate: made, import: id } }, []);
    const from = emulator.requests.length;
    const up = await s.workspace.up();
    show(`pulumi up   # new HostnameCertificate("origin", { zoneId, certificate, privateKey }, { import: "${id}" })`, up);
    expect(up.code).toBe(0);
    expect(up.output).toContain(`imported certificate ${id}`);
    expect(operations(from)).not.toContain("hostnameCertificates.create");
    expect(await s.ids(CERTIFICATE_TYPE)).toEqual([id]);
    expect((await s.workspace.outputs()).certificateIds).toEqual({ origin: id });
    const [resource] = await s.workspace.stateResources(CERTIFICATE_TYPE);
    expect(resource.outputs).toMatchObject({ status: "active", certificateId: id });
    expect(resource.outputs).not.toHaveProperty("__import");
    expectNoKey(up.output, made);
    expectNoKey(JSON.stringify(resource.outputs), made);

    s.write({ origin: { certificate: made } }, []);
    const preview = await s.workspace.preview(["--expect-no-changes"]);
    show("pulumi preview --diff --expect-no-changes   # after removing the import option", preview, 2);
    expect(preview.code).toBe(0);
    const again = await s.workspace.up(["--expect-no-changes"]);
    expect(again.code).toBe(0);
    expect(operations(from).filter((o) => o !== "hostnameCertificates.get")).toEqual([]);

    const destroyed = emulator.requests.length;
    const destroy = await s.workspace.destroy();
    expect(destroy.code).toBe(0);
    expect(emulator.requests.slice(destroyed).filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
        `/client/v4/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates/${id}`,
    ]);
    expect(emulator.certificates(ZONE).filter((c) => c.id === id && c.status !== "deleted" && c.status !== "pending_deletion")).toEqual([]);
});

test("an import of an id that is not in the zone fails naming the id and the zone, and creates nothing", async () => {
    const made = await certificate("wrong-id.example.com");
    const missing = randomUUID();
    const s = await stack("wrong-id");
    s.write({ origin: { certificate: made, import: missing } }, []);
    const before = emulator.certificates(ZONE).length;
    const from = emulator.requests.length;
    const up = await s.workspace.up();
    show(`pulumi up   # { import: "${missing}" }, an id not in the zone`, up);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(`the \`import\` option names certificate ${missing}, which does not exist in zone ${ZONE} (Cloudflare: not found)`);
    expect(up.output).toContain("Nothing was imported, uploaded or changed.");
    expect(operations(from)).toEqual(["hostnameCertificates.get"]);
    expect(emulator.certificates(ZONE)).toHaveLength(before);
    expect(await s.ids(CERTIFICATE_TYPE)).toEqual([]);
});

test("an association made out of band: imported by hostname with its certificate, no PUT, no diff once the options are removed, voided by destroy", async () => {
    const made = await certificate("www-origin.example.com");
    const hostname = "www.example.com";
    const id = await uploadedOutOfBand(made);
    await updateHostnameAssociations(outOfBandClient(emulator), ZONE, [{ hostname, cert_id: id, enabled: true }]);
    const s = await stack("import-association");
    s.write({ origin: { certificate: made, import: id } }, [{ name: "www", hostname, certificate: "origin", import: hostname }]);
    const from = emulator.requests.length;
    const up = await s.workspace.up();
    show(`pulumi up   # ... and new HostnameAssociation("www", { zoneId, hostname, certificateId: cert.certificateId }, { import: "${hostname}" })`, up);
    expect(up.code).toBe(0);
    expect(up.output).toContain(`imported the association of hostname ${hostname} with certificate ${id}`);
    expect(operations(from)).not.toContain("hostnameCertificates.create");
    expect(operations(from)).not.toContain("hostnames.update");
    const [association] = await s.workspace.stateResources(ASSOCIATION_TYPE);
    expect(association.id).toBe(`${ZONE}/${hostname}`);
    expect(association.outputs).toMatchObject({ certificateId: id, status: "active", ownership: "imported", managedCertificateId: id });

    s.write({ origin: { certificate: made } }, [{ name: "www", hostname, certificate: "origin" }]);
    const preview = await s.workspace.preview(["--expect-no-changes"]);
    expect(preview.code).toBe(0);

    const destroyed = emulator.requests.length;
    expect((await s.workspace.destroy()).code).toBe(0);
    expect(operations(destroyed)).toContain("hostnames.update");
    expect(operations(destroyed)).toContain("hostnameCertificates.delete");
    expect(emulator.associations(ZONE).filter((a) => a.hostname === hostname)).toEqual([]);
});
