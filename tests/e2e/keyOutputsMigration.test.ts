/**
 * Stacks written by earlier versions keep the private key among each certificate's outputs (encrypted in
 * state, but printed by any `-v=9` log). With this version they show no diff, and the first
 * `pulumi refresh` moves them to the key's fingerprint quietly, with reads only; the key stays in
 * the inputs, and destroy still deletes everything.
 *
 * The old shape, from `pulumi stack export` of a stack deployed at commit 8074628:
 *   inputs:  { __provider, certificate, privateKey: { <secret signature>, ciphertext }, zoneId }
 *   outputs: { __provider, certificate, certificateId, expiresOn, issuer,
 *              privateKey: { <secret signature>, ciphertext }, serialNumber, signature, status, uploadedOn, zoneId }
 *   propertyDependencies: { __provider, certificate, privateKey, zoneId }; additionalSecretOutputs: ["privateKey"]
 * (plus createTimeout/deleteTimeout in inputs and outputs when set). The test deploys with this
 * version and rewrites each certificate to exactly that shape, the outputs' privateKey being the
 * inputs' ciphertext object, before it imports the state.
 */
import { keyFingerprint } from "../../provider/core/pem";
import { CertificateStack, entry, writes } from "./certificateStack";

interface StateResource {
    type: string;
    urn: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    propertyDependencies?: Record<string, unknown>;
}

/** Rewrites each certificate of an exported stack to the shape earlier versions wrote. */
function toOldShape(exported: string): string {
    const state = JSON.parse(exported);
    for (const resource of state.deployment.resources as StateResource[]) {
        if (resource.type !== "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate") continue;
        delete resource.inputs.privateKeyFingerprint;
        delete resource.outputs.privateKeyFingerprint;
        delete resource.propertyDependencies?.privateKeyFingerprint;
        resource.outputs.privateKey = resource.inputs.privateKey;
    }
    return JSON.stringify(state, null, 4);
}

describe("state an earlier version wrote (the key among the outputs)", () => {
    let stack: CertificateStack | undefined;
    afterEach(async () => stack?.dispose());

    test("shows no diff; refresh moves the outputs to the fingerprint with no diff and no write; destroy empties the zone", async () => {
        stack = await CertificateStack.start();
        const api = await entry("api", undefined, { freshKey: true });
        const www = await entry("www", undefined, { freshKey: true, deleteTimeout: "5m" });
        const keys: Record<string, string> = { api: api.privateKey, www: www.privateKey };
        stack.write([api, www]);
        expect((await stack.workspace.up()).code).toBe(0);

        await stack.workspace.importStack(toOldShape(await stack.workspace.exportStackText()));
        const imported = await stack.stateCertificates();
        expect(imported).toHaveLength(2);
        for (const resource of imported) {
            // Pulumi encrypts each secret afresh on export, so the two ciphertexts differ.
            expect(resource.outputs.privateKey).toHaveProperty("ciphertext");
            expect(resource.inputs.privateKey).toHaveProperty("ciphertext");
            expect(resource.outputs).not.toHaveProperty("privateKeyFingerprint");
        }
        const writesBefore = writes(stack.emulator).length;

        const preview = await stack.workspace.preview(["--expect-no-changes"]);
        expect(preview.code).toBe(0);
        expect(preview.output).toContain("3 unchanged");

        const refresh = await stack.workspace.refresh();
        expect(refresh.code).toBe(0);
        expect(refresh.output).toContain("3 unchanged");
        expect(refresh.output).not.toMatch(/privateKey/);
        expect(writes(stack.emulator)).toHaveLength(writesBefore);
        for (const resource of await stack.stateCertificates()) {
            const name = resource.urn.split("::").pop()!;
            expect(resource.outputs).not.toHaveProperty("privateKey");
            expect(resource.outputs.privateKeyFingerprint).toBe(keyFingerprint(keys[name]));
            expect(resource.outputs.status).toBe("active");
            expect(resource.inputs.privateKey).toHaveProperty("ciphertext");
        }
        expect((await stack.workspace.preview(["--expect-no-changes"])).code).toBe(0);
        expect(writes(stack.emulator)).toHaveLength(writesBefore);

        expect((await stack.workspace.destroy()).code).toBe(0);
        expect(stack.remaining()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
    }, 600_000);
});
