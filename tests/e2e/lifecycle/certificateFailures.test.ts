/**
 * What goes wrong, through the real engine: bad input is refused at preview, naming the property,
 * before any request; a deployment that times out fails `up` clearly and leaves nothing behind,
 * also when the answer to its upload was lost; and when even the cleanup fails, the engine keeps
 * the certificate in state (a partial create) until a destroy deletes it.
 */
import { makeCertificate } from "../../fixtures/certificates";
import { CertificateStack, entry } from "../certificateStack";

describe("certificate failures with the real CLI", () => {
    let stack: CertificateStack;
    beforeEach(async () => {
        stack = await CertificateStack.start();
    });
    afterEach(async () => stack?.dispose());

    test.each([
        ["a key that does not match the certificate", "privateKey", async () => {
            const good = await entry("api");
            const other = await makeCertificate({ keyType: "ec", freshKey: true });
            return { ...good, privateKey: other.privateKey };
        }],
        ["an expired certificate", "certificate", () => entry("api", undefined, { notBefore: new Date(Date.now() - 20 * 86400000), daysUntilExpiry: -2 })],
        ["a malformed PEM", "certificate", async () => {
            const good = await entry("api");
            return { ...good, certificate: good.certificate.replace(/[A-Za-z0-9+/]{20}\n/, "not base64 at all!\n") };
        }],
    ])("%s fails at preview naming %s, and no request reaches the emulator", async (_what, property, make) => {
        const bad = await make();
        stack.write([bad]);
        const preview = await stack.workspace.preview();
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain(`property ${property}`);
        expect(stack.emulator.requests).toEqual([]);
        expect(preview.output).not.toContain(bad.privateKey.split("\n")[1]);
    });

    test("a deployment that times out fails up clearly, orphans nothing and records nothing", async () => {
        stack.emulator.failNextDeployment("deployment_timed_out");
        stack.write([await entry("api")]);
        const up = await stack.workspace.up();
        expect(up.code).not.toBe(0);
        expect(up.output).toMatch(/deployment_timed_out/);
        expect(up.output).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // names the certificate id
        // The upload was deleted again: at most a tombstone Cloudflare is still clearing remains.
        expect(stack.emulator.requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
        expect(stack.live()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
        expect(up.output).toMatch(/deleted|removed/i);
    });

    test("a lost answer to the upload, then a failed deployment: the upload is found as ours and deleted, nothing adopted or left", async () => {
        stack.emulator.injectSequence([502], { match: { method: "POST" }, timing: "after" });
        stack.emulator.failNextDeployment("deployment_timed_out");
        stack.write([await entry("api")]);
        const up = await stack.workspace.up();
        expect(up.code).not.toBe(0);
        expect(up.output).toContain("The uploaded certificate was deleted, so nothing was left behind");
        expect(up.output).not.toContain("adopting it");
        expect(stack.emulator.requests.filter((r) => r.method === "POST").map((r) => [r.fault, r.fault_timing])).toEqual([[502, "after"]]);
        expect(stack.emulator.requests.filter((r) => r.error_codes.includes(1406))).toEqual([]);
        expect(stack.live()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
    });

    test("a failed deployment whose cleanup fails too: up fails, state keeps the certificate, and destroy deletes it once the API recovers", async () => {
        stack.emulator.failNextDeployment("deployment_timed_out");
        stack.emulator.injectFaults({ rate: 1, kinds: [503], match: { method: "DELETE" } });
        stack.write([await entry("api", undefined, { deleteTimeout: "3s" })]);
        const up = await stack.workspace.up();
        expect(up.code).not.toBe(0);
        expect(up.output).toMatch(/Deleting it failed too \(503 .*\), so Pulumi keeps it in the stack's state/);
        const held = stack.held();
        expect(held.map((c) => c.status)).toEqual(["deployment_timed_out"]);
        const state = await stack.stateCertificates();
        expect(state.map((r) => [r.id, r.outputs.certificateId, r.outputs.status])).toEqual([[held[0].id, held[0].id, "deployment_timed_out"]]);

        stack.emulator.clearFaults();
        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        expect(stack.remaining()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
    });
});
