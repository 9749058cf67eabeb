/**
 * The package as users get it, with each @pulumi/pulumi we claim to support: `npm pack`, then a user
 * program outside this repository (under the OS temp dir, so nothing resolves from the repository's
 * node_modules) installs the tarball next to one @pulumi/pulumi version from the registry, compiles
 * its index.ts against that SDK's typings, and runs `pulumi up` of a HostnameCertificate on one
 * hostname (HostnameAssociation) against the emulator, `refresh` after drift, a preview that must
 * show the drift, and `destroy`.
 *
 * The versions: the oldest the peer range allows (so the range cannot claim more than is tested),
 * 3.248.0 (the newest that supports Node 20, still common in pipelines) and the one we develop with.
 * npm runs with --strict-peer-deps: an install that would need --legacy-peer-deps fails the test.
 * Installs share the user's npm cache, so only the first run downloads.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { CloudflareClient } from "../../../provider/client/http";
import { updateHostnameAssociations } from "../../../provider/client/hostnameCertificates";
import { makeCertificate } from "../../fixtures/certificates";
import { ZONES } from "../certificateStack";
import { openWorkspace, PROGRAMS, type PulumiWorkspace } from "../../support/pulumiWorkspace";
import { explain, npmEnv, REPO_ROOT, runProcess } from "../../support/process";
import { packPackage } from "../../support/packedPackage";

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
const peerRange: string = manifest.peerDependencies["@pulumi/pulumi"];
const OLDEST = /^\^(\d+\.\d+\.\d+)$/.exec(peerRange)?.[1];
const NODE_20_LAST = "3.248.0";
const NEWEST: string = manifest.devDependencies["@pulumi/pulumi"];
const ZONE = ZONES[0];
const HOSTNAME = "api.example.com";
const VERSIONS = [...new Set([OLDEST ?? `(peer range ${peerRange} is not ^x.y.z)`, NODE_20_LAST, NEWEST])];

/**
 * A user program in `root`/program with the tarball and @pulumi/pulumi `version` installed, its
 * index.ts compiled against them. Resolves to an error rather than rejecting: it runs ahead of its test.
 */
async function prepareProgram(root: string, tarball: string, version: string): Promise<{ program: string } | { error: Error }> {
    const program = path.join(root, "program");
    mkdirSync(root);
    cpSync(path.join(PROGRAMS, "compatibility"), program, { recursive: true });
    writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "compatibility", private: true, main: "index.js" }, null, 2));
    const install = await runProcess(
        "npm",
        ["install", "--no-audit", "--no-fund", "--strict-peer-deps", "--legacy-peer-deps=false", "--prefer-offline", tarball, `@pulumi/pulumi@${version}`],
        program,
        npmEnv(),
        300_000,
    );
    if (install.code !== 0) return { error: new Error(explain(`npm install ${path.basename(tarball)} @pulumi/pulumi@${version}`, install)) };
    // Type-checks the user's code against this SDK's typings and ours, as a TypeScript user's build would.
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const compile = await runProcess(
        process.execPath,
        [tsc, "--strict", "--skipLibCheck", "--target", "es2022", "--module", "commonjs", "--moduleResolution", "node", "index.ts"],
        program,
        npmEnv(),
        120_000,
    );
    if (compile.code !== 0) return { error: new Error(explain(`tsc against @pulumi/pulumi ${version}`, compile)) };
    return { program };
}

describe("the packed package in a user program, per @pulumi/pulumi version", () => {
    let scratch: string;
    let emulator: Emulator | undefined;
    /** Per version, started together in beforeAll (installs are mostly waiting on the network and disk). */
    const programs = new Map<string, Promise<{ program: string } | { error: Error }>>();

    beforeAll(async () => {
        scratch = mkdtempSync(path.join(tmpdir(), "compatibility-"));
        // Packs what `files` lists, dist/ included: setup built it.
        const tarball = await packPackage(scratch);
        for (const version of VERSIONS) programs.set(version, prepareProgram(path.join(scratch, `sdk-${version}`), tarball, version));
    });

    afterEach(async () => {
        await emulator?.close();
        emulator = undefined;
    });
    afterAll(async () => {
        await Promise.all(programs.values());
        if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    test("the peer range is ^<the oldest version tested>", () => {
        expect(peerRange).toBe(`^${OLDEST}`);
        expect(VERSIONS).toContain(OLDEST);
    });

    test.each(VERSIONS)("@pulumi/pulumi %s: npm install without --legacy-peer-deps, then up, refresh after drift and destroy", async (version) => {
        const prepared = await programs.get(version)!;
        if ("error" in prepared) throw prepared.error;
        const { program } = prepared;
        expect(JSON.parse(readFileSync(path.join(program, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version).toBe(version);

        const certificate = await makeCertificate({ commonName: `sdk-${version}.example.com` });
        const api = (emulator = await startEmulator());
        const workspace: PulumiWorkspace = await openWorkspace(path.dirname(program), program, {
            env: { CLOUDFLARE_BASE_URL: api.url, CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN },
        });
        await workspace.setConfig("zoneId", ZONE);
        await workspace.setConfig("certificate", certificate.certificate);
        await workspace.setConfig("privateKey", certificate.privateKey, { secret: true });

        const up = await workspace.up();
        if (up.code !== 0) throw new Error(explain(`pulumi up (@pulumi/pulumi ${version})`, up));
        const outputs = (await workspace.outputs()) as { certificateId: string; status: string; associationStatus: string };
        expect(outputs).toMatchObject({ status: "active", associationStatus: "active" });
        expect(api.associations(ZONE).map((a) => [a.hostname, a.cert_id, a.enabled])).toEqual([[HOSTNAME, outputs.certificateId, true]]);

        // Drift: someone disables the hostname. Refresh reads it back with its inputs
        // (ReadResult.inputs, the reason for the oldest version), so the preview shows the live value.
        const client = new CloudflareClient({ baseUrl: api.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN } });
        await updateHostnameAssociations(client, ZONE, [{ hostname: HOSTNAME, cert_id: outputs.certificateId, enabled: false }]);
        const refresh = await workspace.refresh();
        if (refresh.code !== 0) throw new Error(explain(`pulumi refresh (@pulumi/pulumi ${version})`, refresh));
        const preview = await workspace.preview(["--expect-no-changes"]);
        expect(preview.output).toMatch(/~ enabled +: false => true/);
        expect(preview.code).not.toBe(0);

        const destroy = await workspace.destroy();
        if (destroy.code !== 0) throw new Error(explain(`pulumi destroy (@pulumi/pulumi ${version})`, destroy));
        expect(api.associations()).toEqual([]);
        expect(api.certificates().filter((c) => c.status !== "deleted")).toEqual([]);
    }, 600_000);
});
