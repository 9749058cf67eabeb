/**
 * scripts/setup.sh on a machine without Go (a user's laptop): it uses a `pulumi` found on PATH when
 * it is new enough, and otherwise stops with a message saying how to get one. Runs the real script
 * in a scratch copy of the project, with a PATH that has node and npm but no Go.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT, runProcess } from "../e2e/harness";

const MIN_VERSION = /^PULUMI_MIN_VERSION=(\S+)$/m.exec(readFileSync(path.join(REPO_ROOT, "toolchain/versions.env"), "utf8"))![1];

describe("setup without Go", () => {
    let root: string;
    let bin: string;

    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), "setup-"));
        for (const file of ["scripts/setup.sh", "toolchain/versions.env", "toolchain/shims", "package-lock.json"]) {
            cpSync(path.join(REPO_ROOT, file), path.join(root, file), { recursive: true });
        }
        // node_modules is current (so no npm ci) and the TypeScript build is a no-op here.
        const lockHash = execFileSync("sh", ["-c", "sha256sum | cut -c1-16"], { input: readFileSync(path.join(root, "package-lock.json")) });
        mkdirSync(path.join(root, "node_modules/typescript/bin"), { recursive: true });
        writeFileSync(path.join(root, "node_modules/.setup-lock-hash"), lockHash);
        writeFileSync(path.join(root, "node_modules/typescript/bin/tsc"), "process.exit(0);\n");
        // A PATH with node, npm and the usual tools, but no Go and no pulumi.
        bin = path.join(root, "path-bin");
        mkdirSync(bin);
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function fakePulumi(version: string): string {
        const file = path.join(bin, "pulumi");
        writeFileSync(file, `#!/bin/sh\n[ "$1" = version ] && echo ${version}\n`);
        chmodSync(file, 0o755);
        return file;
    }

    const setup = () =>
        runProcess("bash", [path.join(root, "scripts/setup.sh")], root, { HOME: process.env.HOME!, PATH: `${bin}:/usr/bin:/bin` }, 60_000);

    test("with no pulumi on PATH it stops and says how to install one", async () => {
        const result = await setup();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain("no Pulumi CLI: install Go 1.26+");
        expect(result.stderr).toContain(`a Pulumi CLI v${MIN_VERSION} or newer`);
    });

    test("an older pulumi on PATH is refused with its version", async () => {
        fakePulumi("v3.100.0");
        const result = await setup();
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain(`version 'v3.100.0' is older than v${MIN_VERSION}`);
    });

    test("a new enough pulumi on PATH is used", async () => {
        const fake = fakePulumi("v3.250.0");
        const result = await setup();
        expect(result.stderr).toContain("pulumi v3.250.0");
        expect(result.code).toBe(0);
        expect(readlinkSync(path.join(root, ".toolchain/bin/pulumi"))).toBe(fake);
        expect(readFileSync(path.join(root, ".toolchain/bin/pulumi-resource-pulumi-nodejs"), "utf8")).toContain("dynamic-provider");
    });
});
