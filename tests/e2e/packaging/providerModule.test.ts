/**
 * Through the real CLI: `__provider` loads the package as installed.
 *
 * - An npm alias install (`cf-aop@file:<packed tarball>`, as `cf-aop@npm:pulumi-cloudflare-hostname-certificates`
 *   installs it, next to @pulumi/pulumi) in a program outside this repository, where the published name
 *   resolves to nothing: up, refresh and destroy work.
 * - The compatibility contract: a stack whose state holds the `__provider` text of the previous
 *   release (pinned in tests/sdk/publishedProviderModules.ts, which the unit tests load for every
 *   release) keeps refreshing and destroying with this one.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { PUBLISHED_PROVIDER_MODULES } from "../../sdk/publishedProviderModules";
import { CertificateStack, entry, ZONES } from "../certificateStack";
import { openWorkspace, type PulumiWorkspace } from "../../support/pulumiWorkspace";
import { explain, npmEnv, REPO_ROOT, runProcess } from "../../support/process";
import { packPackage } from "../../support/packedPackage";
import { show } from "../../support/transcript";

jest.setTimeout(600_000);

/** The @pulumi/pulumi this repository develops with: in npm's cache since setup, so the install stays offline. */
const PULUMI_VERSION: string = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];

const ALIAS_PROGRAM = `// A program that installed this package under the alias cf-aop.
const pulumi = require("@pulumi/pulumi");
const { HostnameCertificate } = require("cf-aop");
const config = new pulumi.Config();
const cert = new HostnameCertificate("aliased", {
    zoneId: config.require("zoneId"),
    certificate: config.require("certificate"),
    privateKey: config.requireSecret("privateKey"),
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
        const tarball = await packPackage(scratch);
        const program = path.join(scratch, "program");
        mkdirSync(program);
        writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "alias-app", private: true, main: "index.js" }));
        writeFileSync(path.join(program, "Pulumi.yaml"), "name: alias-app\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
        writeFileSync(path.join(program, "index.js"), ALIAS_PROGRAM);
        const install = await runProcess(
            "npm",
            ["install", "--no-audit", "--no-fund", "--strict-peer-deps", "--prefer-offline", `cf-aop@file:${tarball}`, `@pulumi/pulumi@${PULUMI_VERSION}`],
            program,
            npmEnv(),
            300_000,
        );
        if (install.code !== 0) throw new Error(explain("npm install cf-aop@file:<tarball>", install));
        expect(readdirSync(path.join(program, "node_modules"))).not.toContain("pulumi-cloudflare-hostname-certificates");

        workspace = await openWorkspace(scratch, program, { env: { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN } });
        const certificate = await makeCertificate({ commonName: "aliased.example.com", keyType: "ec", freshKey: true });
        await workspace.setConfig("zoneId", ZONES[0]);
        await workspace.setConfig("certificate", certificate.certificate);
        await workspace.setConfig("privateKey", certificate.privateKey, { secret: true });
    });
    afterAll(async () => {
        rmSync(scratch, { recursive: true, force: true });
        await emulator?.close();
    });

    test("up, refresh and destroy work; the state names the alias", async () => {
        const up = await workspace.up();
        show("pulumi up   # cf-aop@file:<packed package>, no package under the published name", up);
        expect(up.code).toBe(0);
        const [resource] = await workspace.stateResources("pulumi-nodejs:dynamic/cloudflare:HostnameCertificate");
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
