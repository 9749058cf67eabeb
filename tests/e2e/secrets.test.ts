/**
 * Secrets through the real engine: neither the private key nor the API token is readable in the
 * exported stack or the raw state file, whether the token comes from secret stack config or from the
 * environment; the key is kept only among the inputs, encrypted; and since no token is captured in
 * state, rotating it between up and destroy works. Debug logs: `debugLogs.test.ts`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { keyFingerprint } from "../../provider/core/pem";
import { CertificateStack, entry, FLAVOURS, type Flavour, settingKey } from "./certificateStack";

const TOKEN_A = "e2e-token-a-0123456789abcdef0123456789ab";
const TOKEN_B = "e2e-token-b-0123456789abcdef0123456789ab";

function keyBody(privateKey: string): string[] {
    // Every base64 line of the key: none may appear anywhere in state.
    return privateKey.split("\n").filter((line) => line && !line.startsWith("-----"));
}

describe("secrets in state", () => {
    let stack: CertificateStack | undefined;
    afterEach(async () => stack?.dispose());

    test.each<[Flavour, string, boolean]>([
        ["dynamic", "secret stack config", true],
        ["dynamic", "the environment", false],
        ["plugin", "secret stack config", true],
    ])("%s provider: with the token from %s, state holds neither the key nor the token in plaintext", async (flavour, _from, viaConfig) => {
        stack = await CertificateStack.start({
            emulator: { tokens: [TOKEN_A] },
            env: { CLOUDFLARE_API_TOKEN: viaConfig ? undefined : TOKEN_A },
            flavour,
        });
        if (viaConfig) await stack.workspace.setConfig(settingKey(flavour, "apiToken"), TOKEN_A, { secret: true });
        const api = await entry("api");
        stack.write([api]);
        const up = await stack.workspace.up();
        expect(up.code).toBe(0);

        const exported = await stack.workspace.exportStackText();
        const raw = stack.workspace.stateFileText("certificates");
        for (const text of [exported, raw, up.output]) {
            expect(text).not.toContain(TOKEN_A);
            for (const line of keyBody(api.privateKey)) expect(text).not.toContain(line);
        }
        // The key lives only in the inputs, encrypted; the outputs hold its fingerprint.
        const [resource] = await stack.stateCertificates();
        expect(resource.inputs.privateKey).toHaveProperty("ciphertext");
        expect(resource.outputs).not.toHaveProperty("privateKey");
        expect(resource.outputs.privateKeyFingerprint).toBe(keyFingerprint(api.privateKey));
        expect(resource.outputs.status).toBe("active");

        // Refresh rewrites the outputs and keeps the inputs: the key must stay there, encrypted.
        expect((await stack.workspace.refresh()).code).toBe(0);
        const refreshed = stack.workspace.stateFileText("certificates");
        for (const line of keyBody(api.privateKey)) expect(refreshed).not.toContain(line);
        expect(refreshed).not.toContain(TOKEN_A);
        const [after] = await stack.stateCertificates();
        expect(after.inputs.privateKey).toHaveProperty("ciphertext");
        expect(after.outputs).not.toHaveProperty("privateKey");
    });

    test.each(FLAVOURS)("%s provider: rotating the API token between up and destroy works", async (flavour) => {
        const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "emulator-")), "state.json");
        stack = await CertificateStack.start({ emulator: { tokens: [TOKEN_A], stateFile }, env: { CLOUDFLARE_API_TOKEN: TOKEN_A }, flavour });
        stack.write([await entry("api")]);
        expect((await stack.workspace.up()).code).toBe(0);

        // The old token is revoked: a new emulator over the same state accepts only the new one.
        await stack.emulator.close();
        const rotated = await startEmulator({ tokens: [TOKEN_B], stateFile });
        try {
            const env = { CLOUDFLARE_API_TOKEN: TOKEN_B, CLOUDFLARE_BASE_URL: rotated.url };
            const destroy = await stack.workspace.destroy([], env);
            expect(destroy.code).toBe(0);
            expect(rotated.certificates().filter((c) => c.status !== "deleted")).toEqual([]);
            expect(rotated.requests.every((r) => r.status !== 403)).toBe(true);
        } finally {
            await rotated.close();
        }
    });
});
