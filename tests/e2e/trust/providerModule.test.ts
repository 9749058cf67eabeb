/**
 * Situation 9 of issue 12, through the real CLI: `__provider` loads the package as installed.
 *
 * - An npm alias install (`cf-aop@file:<packed tarball>`, as `cf-aop@npm:pulumi-cloudflare-hostname-certificates`
 *   installs it) in a program outside this repository, where the published name resolves to nothing:
 *   up, refresh and destroy work.
 * - The compatibility contract: a stack whose state holds the `__provider` text of the previous
 *   release (pinned in tests/sdk/publishedProviderModules.ts, which the unit tests load for every
 *   release) keeps refreshing and destroying with this one.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { PUBLISHED_PROVIDER_MODULES } from "../../sdk/publishedProviderModules";
import { CertificateStack, entry, ZONES } from "../certificateStack";
import { PulumiWorkspace, REPO_ROOT, runProcess } from "../harness";
import { show } from "./transcript";

jest.setTimeout(600_000);

const TOOLCHAIN_PATH = `${path.join(REPO_ROOT, ".toolchain", "bin")}:${process.env.PATH}`;

/** Runs a command with the project's toolchain on PATH; throws with its output when it fails. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
    const result = await runProcess(command, args, cwd, { ...(process.env as Record<string, string>), PATH: TOOLCHAIN_PATH }, 300_000);
    if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.code}:\n${result.output}`);
    return result.stdout;
}

const ALIAS_PROGRAM = `// A program that installed this package under the alias cf-aop.
const fs = require("node:fs");
const pulumi = require("@pulumi/pulumi");
const { HostnameCertificate } = require("cf-aop");
const config = new pulumi.Config();
const cert = new HostnameCertificate("aliased", {
    zoneId: config.require("zoneId"),
    certificate: fs.readFileSync(config.require("certificateFile"), "utf8"),
    privateKey: fs.readFileSync(config.require("privateKeyFile"), "utf8"),
});
exports.status = cert.status;
`;

describe("an npm alias install, outside this repository", () => {
    let scratch: string;
    let emulator: Emulator;
    let workspace: PulumiWorkspace;

    beforeAll(async () => {
        scratch = mkdtempSync(path.join(tmpdir(), "alias-install-"));
        emulator = await startEmulator();
        const packed = await run("npm", ["pack", "--silent", "--pack-destination", scratch], REPO_ROOT);
        const tarball = path.join(scratch, packed.trim().split("\n").pop()!);
        const program = path.join(scratch, "program");
        mkdirSync(program);
        writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "alias-app", private: true, main: "index.js" }));
        writeFileSync(path.join(program, "Pulumi.yaml"), "name: alias-app\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
        writeFileSync(path.join(program, "index.js"), ALIAS_PROGRAM);
        // The package's own dependencies come from npm (the cache, as setup filled it); @pulumi/* is this repository's copy.
        await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps", `cf-aop@file:${tarball}`], program);
        symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(program, "node_modules", "@pulumi"));
        expect(readdirSync(path.join(program, "node_modules"))).not.toContain("pulumi-cloudflare-hostname-certificates");

        mkdirSync(path.join(scratch, "state"));
        workspace = new PulumiWorkspace(scratch, program, "test", { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN });
        await workspace.mustRun(["stack", "init", "test"]);
        const certificate = await makeCertificate({ commonName: "aliased.example.com", keyType: "ec", freshKey: true });
        writeFileSync(path.join(scratch, "cert.pem"), certificate.certificate);
        writeFileSync(path.join(scratch, "cert.key"), certificate.privateKey);
        await workspace.setConfig("zoneId", ZONES[0]);
        await workspace.setConfig("certificateFile", path.join(scratch, "cert.pem"));
        await workspace.setConfig("privateKeyFile", path.join(scratch, "cert.key"));
    });
    afterAll(async () => {
        rmSync(scratch, { recursive: true, force: true });
        await emulator?.close();
    });

    test("up, refresh and destroy work; the state names the alias", async () => {
        const up = await workspace.up();
        show("pulumi up   # cf-aop@file:<packed package>, no package under the published name", up);
        expect(up.code).toBe(0);
        const [resource] = JSON.parse(await workspace.exportStackText()).deployment.resources.filter((r: { type: string }) => r.type.endsWith(":HostnameCertificate"));
        expect(resource.outputs.__provider).toContain('["cf-aop/provider","."]');
        expect(emulator.certificates().map((c) => c.status)).toEqual(["active"]);
        expect((await workspace.refresh()).code).toBe(0);
        const destroy = await workspace.destroy();
        show("pulumi destroy", destroy);
        expect(destroy.code).toBe(0);
        expect(emulator.certificates().filter((c) => c.status !== "deleted")).toEqual([]);
    });
});

describe("state written by the previous release, after the upgrade", () => {
    let stack: CertificateStack;
    beforeAll(async () => {
        stack = await CertificateStack.start();
    });
    afterAll(async () => stack?.dispose());

    test("keeps refreshing and destroying", async () => {
        stack.write([await entry("api")]);
        expect((await stack.workspace.up()).code).toBe(0);
        const [previous] = PUBLISHED_PROVIDER_MODULES["0.1.0 (first release)"];
        const exported = JSON.parse(await stack.workspace.exportStackText());
        for (const resource of exported.deployment.resources) {
            if (!resource.type.endsWith(":HostnameCertificate")) continue;
            resource.inputs.__provider = previous;
            resource.outputs.__provider = previous;
        }
        await stack.workspace.importStack(JSON.stringify(exported));
        const [imported] = await stack.stateCertificates();
        expect(imported.outputs.__provider).toBe(previous);

        const refresh = await stack.workspace.refresh();
        expect(refresh.code).toBe(0);
        const destroy = await stack.workspace.destroy();
        show("pulumi destroy   # state holds the previous release's __provider", destroy);
        expect(destroy.code).toBe(0);
        expect(stack.live()).toEqual([]);
    });
});
