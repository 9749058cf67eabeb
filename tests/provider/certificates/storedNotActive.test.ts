/**
 * A certificate stored as not active (a partial create, or a refresh that found it so) is never taken
 * for healthy: diff reports a change, update and read read it again and wait while it deploys, and an
 * update fails keeping it unhealthy unless Cloudflare reports it active.
 */
import { PartialCreateError } from "../../../provider/certificates/create";
import { CertificateNotActiveError } from "../../../provider/certificates/settle";
import { uploadCertificate } from "../../../provider/client/hostnameCertificates";
import type { HostnameCertificateOutputs } from "../../../provider/contract";
import { expectSerializable, type Harness, newInputs, rejection, startHarness, ZONE } from "../emulatorHarness";

let h: Harness;
afterEach(async () => {
    await h?.emulator.close();
});

/** A certificate uploaded behind the provider's back, and the state a partial create would have stored for it. */
async function storedAsDeploying() {
    const inputs = await newInputs();
    const { id } = await uploadCertificate(h.client, ZONE, { certificate: inputs.certificate, private_key: inputs.privateKey });
    const stored = { ...inputs, certificateId: id, status: "pending_deployment" } as unknown as HostnameCertificateOutputs;
    return { id, inputs, stored };
}

/** A partial create: deployment and the cleanup delete both fail. */
async function partialCreate() {
    h.emulator.failNextDeployment();
    h.emulator.failNextDeletion();
    const inputs = await newInputs();
    const error = (await rejection(h.provider.create(inputs))) as PartialCreateError;
    expect(error).toBeInstanceOf(PartialCreateError);
    return { id: error.id, inputs, stored: error.properties as unknown as HostnameCertificateOutputs };
}

test("diff: a certificate stored as not active is a change, so the next up updates it", async () => {
    h = await startHarness();
    const { id, inputs, stored } = await storedAsDeploying();
    expect(await h.provider.diff(id, stored, inputs)).toMatchObject({ changes: true, replaces: [] });
    expect(await h.provider.diff(id, { ...stored, status: "active" }, inputs)).toMatchObject({ changes: false });
});

test("update: stored as pending_deployment, it waits until Cloudflare reports it active", async () => {
    h = await startHarness({ timings: { activationMs: 20_000 } });
    const { id, inputs, stored } = await storedAsDeploying();
    const before = h.emulator.clock.now();
    const { outs } = await h.provider.update(id, stored, inputs);
    expect(outs).toMatchObject({ certificateId: id, status: "active" });
    expect(h.emulator.clock.now() - before).toBeGreaterThanOrEqual(19_000);
    expectSerializable(outs);
});

test("update: stored as still deploying past createTimeout, it fails and stays unhealthy", async () => {
    h = await startHarness({ timings: { activationMs: 120_000 } });
    const { id, inputs, stored } = await storedAsDeploying();
    const error = (await rejection(h.provider.update(id, stored, { ...inputs, createTimeout: "5s" }))) as CertificateNotActiveError;
    expect(error).toBeInstanceOf(CertificateNotActiveError);
    expect(error.message).toMatch(new RegExp(`^HostnameCertificate ${id} is still pending_deployment after 5s \\(createTimeout 5s\\): run \`pulumi up\` again to keep waiting`));
    expect(error.properties).toMatchObject({ status: "pending_deployment", __provider: inputs.__provider });
});

test("update after a partial create: not active, so it fails with what to do, keeping it in state as unhealthy", async () => {
    h = await startHarness();
    const { id, inputs, stored } = await partialCreate();
    const urn = "urn:pulumi:test::certificates::pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::api";
    const error = (await rejection(h.provider.update(id, stored, { ...inputs, __urn: urn } as never))) as CertificateNotActiveError;
    expect(error).toBeInstanceOf(CertificateNotActiveError);
    expect(error.id).toBe(id);
    expect(error.message).toBe(
        `HostnameCertificate ${id} is deletion_timed_out (an earlier delete of it failed), and it will not become active by itself. ` +
            `Delete it and upload it again: \`pulumi destroy --target '${urn}'\`, then \`pulumi up\`.`,
    );
    expect(error.properties).toMatchObject({ certificateId: id, status: "deletion_timed_out", __provider: inputs.__provider });
    expect(error.properties).not.toHaveProperty("privateKey");
    expectSerializable(error.properties);
});

test("read: stored as not active, it waits while the certificate deploys and reports what Cloudflare says", async () => {
    h = await startHarness({ timings: { activationMs: 20_000 } });
    const { id, stored } = await storedAsDeploying();
    expect((await h.provider.read(id, stored)).props?.status).toBe("active");
    const partial = await partialCreate();
    expect((await h.provider.read(partial.id, partial.stored)).props?.status).toBe("deletion_timed_out");
});
