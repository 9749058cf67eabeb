/**
 * Debug logs are safe to share: at `-v=9 --logtostderr --logflow --debug`, `pulumi preview`, `up`
 * (with its preview), `refresh`, a key rotation, a failed create and `destroy` print no line of any
 * private key and never the API token, anywhere in what they print: the CLI's own log, the SDK's
 * debug messages (each resource's outputs among them), and the stderr of the language host and of
 * the provider (which --logflow runs at the same level): the dynamic provider and the resource plugin alike.
 *
 * Regression guarded: earlier versions (up to commit 8074628) returned `privateKey` among the outputs, and Pulumi's Node.js SDK logs
 * every RegisterResource response at debug level, secrets in plaintext; a preview also echoes a
 * dynamic resource's inputs as its outputs. With two certificates, `pulumi up -v=9 --logtostderr`
 * printed every line of both keys: 8 log lines, 208 matches (half in the preview, half in the update).
 */
import { keyFingerprint } from "../../provider/core/pem";
import { pemLines } from "../fixtures/certificates";
import { CertificateStack, entry, type CertificateEntry, FLAVOURS, settingKey } from "./certificateStack";
import type { RunResult } from "../support/process";

const TOKEN = "e2e-debug-token-0123456789abcdef0123456789";
const VERBOSE = ["-v=9", "--logtostderr", "--logflow", "--debug", "--color=never"];

describe("debug logs", () => {
    let stack: CertificateStack | undefined;
    afterEach(async () => stack?.dispose());

    test.each(FLAVOURS)("%s provider: preview, up, refresh, a rotation, a failed create and destroy at -v=9 print no key line and no token", async (flavour) => {
        stack = await CertificateStack.start({ emulator: { tokens: [TOKEN] }, env: { CLOUDFLARE_API_TOKEN: undefined }, flavour });
        await stack.workspace.setConfig(settingKey(flavour, "apiToken"), TOKEN, { secret: true });
        const workspace = stack.workspace;
        const keys: string[] = [];
        const runs: Array<[string, RunResult]> = [];
        const run = async (label: string, args: string[], entries: CertificateEntry[]) => {
            stack!.write(entries);
            for (const e of entries) if (!keys.includes(e.privateKey)) keys.push(e.privateKey);
            const result = await workspace.run([...args, ...VERBOSE], { timeoutMs: 300_000 });
            runs.push([label, result]);
            return result;
        };

        const api = await entry("api", undefined, { freshKey: true });
        const www = await entry("www", undefined, { freshKey: true });
        expect((await run("preview", ["preview"], [api, www])).code).toBe(0);
        const up = await run("up", ["up", "--yes"], [api, www]);
        expect(up.code).toBe(0);
        expect((await run("refresh", ["refresh", "--yes"], [api, www])).code).toBe(0);

        // The key lives in state's inputs, encrypted; the outputs hold its fingerprint.
        for (const resource of await stack.stateCertificates()) {
            const key = resource.urn.endsWith("::api") ? api.privateKey : www.privateKey;
            expect(resource.inputs.privateKey).toHaveProperty("ciphertext");
            expect(resource.outputs).not.toHaveProperty("privateKey");
            expect(resource.outputs.privateKeyFingerprint).toBe(keyFingerprint(key));
        }

        const rotated = await entry("www", undefined, { freshKey: true });
        const rotation = await run("up (new certificate and key)", ["up", "--yes"], [api, rotated]);
        expect(rotation.code).toBe(0);
        expect(rotation.output).toContain("1 replaced");

        // Two uploads that never deploy: one cleanup fails too (a partial create, kept in state), one succeeds.
        stack.emulator.failNextDeployment("deployment_timed_out", { count: 2 });
        stack.emulator.failNextDeletion("deletion_timed_out");
        const failing = [await entry("failed-a", undefined, { freshKey: true }), await entry("failed-b", undefined, { freshKey: true })];
        const failed = await run("up (failed creates)", ["up", "--yes"], [api, rotated, ...failing]);
        expect(failed.code).not.toBe(0);
        expect(failed.output).toMatch(/deployment_timed_out/);
        const kept = (await stack.stateCertificates()).filter((r) => r.urn.includes("::failed-"));
        expect(kept).toHaveLength(1);
        expect(kept[0].inputs.privateKey).toHaveProperty("ciphertext");
        expect(kept[0].outputs).not.toHaveProperty("privateKey");

        expect((await run("destroy", ["destroy", "--yes"], [api, rotated, ...failing])).code).toBe(0);
        expect(stack.remaining()).toEqual([]);

        // The logs are verbose enough to hold a key: each resource's outputs are there, the certificate among them.
        expect(up.output).toContain("RegisterResource RPC finished");
        expect(up.output).toContain(pemLines(api.certificate)[3]);
        expect(keys).toHaveLength(5);
        for (const [label, result] of runs) {
            const lines = result.output.split("\n");
            const leaking = lines.filter((line) => keys.some((key) => pemLines(key).some((k) => line.includes(k))));
            process.stdout.write(`pulumi ${label} at -v=9: ${lines.length} lines, ${leaking.length} with a line of a key\n`);
            expect({ label, leaking }).toEqual({ label, leaking: [] });
            expect(result.output).not.toContain(TOKEN);
        }
    }, 900_000);
});
