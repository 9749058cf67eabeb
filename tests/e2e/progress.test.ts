/**
 * Progress in `pulumi up` and `pulumi destroy` through the real CLI: while a certificate deploys or
 * is deleted, its status changes show on its own row (the engine's ephemeral status, sent with the
 * resource's URN), named by the resource the user wrote, not on the stack's row or in its diagnostics.
 */
import { CertificateStack, entry } from "./certificateStack";

const ROW = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";

/** The output lines of `name`'s row. */
function rowLines(output: string, name: string): string[] {
    return output.split("\n").filter((line) => line.includes(`${ROW} ${name} `));
}

describe("progress on each resource's row", () => {
    let stack: CertificateStack;
    beforeAll(async () => {
        // Slow enough that several status reads happen while each certificate deploys and is deleted.
        stack = await CertificateStack.start({ emulator: { timings: { activationMs: 3_000, deletionMs: 2_000 } } });
    });
    afterAll(async () => stack?.dispose());

    test("up shows each certificate's status on its own row until it is active", async () => {
        stack.write([await entry("api"), await entry("www")]);
        const up = await stack.workspace.up();
        expect(up.code).toBe(0);
        for (const name of ["api", "www"]) {
            const rows = rowLines(up.output, name);
            expect(rows.join("\n")).toMatch(/creating \(\d+s\) certificate [0-9a-f]{8}…: pending_deployment \(\d+s elapsed\)/);
            expect(rows.join("\n")).toMatch(/created \(\d+s\) certificate [0-9a-f]{8}…: active \(\d+s elapsed\)/);
        }
        // Nothing about certificates on the stack's row, and no stack diagnostics.
        expect(up.output.split("\n").filter((l) => l.includes("pulumi:pulumi:Stack") && /certificate [0-9a-f]{8}/.test(l))).toEqual([]);
        expect(up.output).not.toContain("Diagnostics:");
    });

    test("destroy shows the deletion states on each certificate's row", async () => {
        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        for (const name of ["api", "www"]) {
            const rows = rowLines(destroy.output, name);
            expect(rows.join("\n")).toMatch(/deleting \(\d+s\) certificate [0-9a-f]{8}…: pending_deletion \(\d+s elapsed\)/);
            expect(rows.join("\n")).toMatch(/deleted \(\d+s\) certificate [0-9a-f]{8}…: (deleted|removed) \(\d+s elapsed\)/);
        }
        expect(destroy.output).not.toContain("Diagnostics:");
        expect(stack.remaining()).toEqual([]);
    });
});
