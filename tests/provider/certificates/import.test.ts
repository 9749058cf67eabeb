/**
 * The `import` option against the emulator: create adopts exactly the certificate it names, without
 * uploading, once it is shown to be the one declared and active; a wrong id, another certificate
 * or one on its way out fails naming the id and the zone, and nothing is uploaded or changed.
 */
import { randomUUID } from "node:crypto";
import { isImportError } from "../../../provider/client/errors";
import { deleteCertificate, uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { expectNoKey, expectSerializable, type Harness, newInputs, rejection, startHarness, ZONE } from "../emulatorHarness";

let h: Harness;
afterEach(async () => {
    await h?.emulator.close();
});

/** Uploads `inputs` outside Pulumi (by hand, a script, Terraform) and returns the id. */
async function uploadedOutOfBand(inputs: { certificate: string; privateKey: string }): Promise<string> {
    return (await uploadCertificate(h.client, ZONE, { certificate: inputs.certificate, private_key: inputs.privateKey })).id;
}

const uploads = () => h.emulator.requests.filter((r) => r.operation === "hostnameCertificates.create");

test("adopts the named certificate without uploading; the outputs are its own, without the key or the option", async () => {
    h = await startHarness();
    const inputs = await newInputs();
    const id = await uploadedOutOfBand(inputs);
    h.emulator.advance(1_000);
    const before = h.requestCount();
    const { id: imported, outs } = await h.provider.create({ ...inputs, __import: id } as never);
    expect(imported).toBe(id);
    expect(outs).toMatchObject({ certificateId: id, status: "active", zoneId: ZONE, certificate: inputs.certificate });
    expect(outs).not.toHaveProperty("__import");
    expectNoKey(outs, inputs.privateKey);
    expectSerializable(outs);
    expect(h.emulator.requests.slice(before).map((r) => `${r.operation} ${r.status}`)).toEqual(["hostnameCertificates.get 200"]);
    expect(uploads()).toHaveLength(1); // the out-of-band one
    const warning = h.lines.find((l) => l.startsWith("warning: "));
    expect(warning).toContain(`imported certificate ${id}`);
    expect(warning).toContain("destroying the resource deletes it. Remove the `import` option from the program now");

    // Without the option, the same inputs are no change; the imported certificate is this resource's to delete.
    expect(await h.provider.diff(id, outs!, inputs as never)).toMatchObject({ changes: false, replaces: [] });
    await h.provider.delete(id, outs!);
    expect(h.emulator.certificates(ZONE).filter((c) => c.status !== "deleted")).toEqual([]);
});

test("waits while the named certificate deploys, then adopts it", async () => {
    h = await startHarness();
    const inputs = await newInputs();
    const id = await uploadedOutOfBand(inputs);
    const { outs } = await h.provider.create({ ...inputs, __import: id } as never);
    expect(outs?.status).toBe("active");
    expect(h.lines.some((l) => l.startsWith(`certificate ${id.slice(0, 8)}…: pending_deployment`) || l.startsWith(`certificate ${id.slice(0, 8)}…: initializing`))).toBe(true);
    expect(uploads()).toHaveLength(1);
});

test("an id that is not in the zone fails naming the id and the zone; nothing is uploaded", async () => {
    h = await startHarness();
    const inputs = await newInputs();
    const missing = randomUUID();
    const error = await rejection(h.provider.create({ ...inputs, __import: missing } as never));
    expect(isImportError(error)).toBe(true);
    expect(error.message).toBe(
        `HostnameCertificate: the \`import\` option names certificate ${missing}, which does not exist in zone ${ZONE} (Cloudflare: not found). ` +
            `Check the id and the zoneId (GET /zones/${ZONE}/origin_tls_client_auth/hostnames/certificates lists the zone's certificates); ` +
            "to upload the certificate instead, remove the `import` option. Nothing was imported, uploaded or changed.",
    );
    expect(uploads()).toEqual([]);
    expect(h.emulator.certificates(ZONE)).toEqual([]);
});

test("another certificate than declared fails naming both fingerprints, and is left as it was", async () => {
    h = await startHarness();
    const [declared, other] = [await newInputs(), await newInputs()];
    const id = await uploadedOutOfBand(other);
    h.emulator.advance(1_000);
    const error = await rejection(h.provider.create({ ...declared, __import: id } as never));
    expect(isImportError(error)).toBe(true);
    expect(error.message).toMatch(
        new RegExp(`^HostnameCertificate: certificate ${id} in zone ${ZONE} is not the certificate this resource declares \\(its leaf's SHA-256 fingerprint is [0-9a-f]{64}, the declared one's [0-9a-f]{64}\\)`),
    );
    expectNoKey(error.message, declared.privateKey);
    expect(uploads()).toHaveLength(1);
    expect(h.emulator.certificates(ZONE).map((c) => [c.id, c.status])).toEqual([[id, "active"]]);
});

test("a certificate being deleted, or one that failed to deploy, is not imported and is left as it was", async () => {
    h = await startHarness();
    const inputs = await newInputs();
    const id = await uploadedOutOfBand(inputs);
    h.emulator.advance(1_000);
    await deleteCertificate(h.client, ZONE, id);
    const leaving = await rejection(h.provider.create({ ...inputs, __import: id } as never));
    expect(leaving.message).toContain(`names certificate ${id}, which is pending_deletion in zone ${ZONE}.`);

    const again = await newInputs();
    const failed = await uploadedOutOfBand(again);
    h.emulator.failDeployment(ZONE, failed);
    const error = await rejection(h.provider.create({ ...again, __import: failed } as never));
    expect(error.message).toMatch(new RegExp(`certificate ${failed} in zone ${ZONE} is deployment_timed_out, not active, after .* so it was not imported and was left as it was: import a certificate that is active\\.`));
    expect(h.emulator.certificates(ZONE).find((c) => c.id === failed)?.status).toBe("deployment_timed_out");
    expect(h.emulator.requests.filter((r) => r.method === "DELETE")).toHaveLength(1); // the out-of-band one
});

test("check refuses an import option that is not a certificate id, before any request", async () => {
    h = await startHarness();
    const inputs = await newInputs();
    const result = await h.provider.check({} as never, { ...inputs, __import: "origin.example.com" } as never);
    expect(result.failures).toEqual([
        { property: "__import", reason: "the `import` resource option of a HostnameCertificate is the certificate's id, a UUID such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60" },
    ]);
    const upper = await h.provider.check({} as never, { ...inputs, __import: randomUUID().toUpperCase() } as never);
    expect(upper.failures?.[0].reason).toMatch(/; write it in lowercase$/);
    const id = randomUUID();
    expect(await h.provider.check({} as never, { ...inputs, __import: id } as never)).toMatchObject({ failures: [], inputs: { __import: id } });
    expect(h.requestCount()).toBe(0);
});
