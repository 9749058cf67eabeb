/**
 * Which Pulumi scripts/setup.sh uses: an installed CLI that is new enough and has its Node.js
 * language host, as it is (even where Go is installed); otherwise, or with PULUMI_CF_BUILD=1, the
 * build from Go modules; without Go, a message saying how to get one. Pulumi's YAML language host
 * likewise: the installed one beside the CLI, else built.
 *
 * Runs the real script in a scratch copy of the project with a PATH of node, npm and the usual
 * tools, a fake `pulumi` (and language host) where a test installs one, and a fake `go` that logs
 * its calls and writes stand-in binaries, so nothing real is built. The cache is scratch too.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT, runProcess } from "../support/process";

const versions = readFileSync(path.join(REPO_ROOT, "toolchain/versions.env"), "utf8");
const MIN_VERSION = /^PULUMI_MIN_VERSION=(\S+)$/m.exec(versions)![1];
const PINNED = /^PULUMI_VERSION=(\S+)$/m.exec(versions)![1];

function writeScript(file: string, body: string): string {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
}

describe("setup picks its Pulumi", () => {
    let root: string;
    /** On PATH before /usr/bin: node 22, and go when a test puts it there. */
    let pathBin: string;
    /** Where a test "installs" Pulumi; on PATH after pathBin. */
    let installed: string;
    let goLog: string;

    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), "setup-"));
        for (const file of ["scripts/setup.sh", "toolchain/versions.env", "toolchain/shims", "toolchain/pulumi", "toolchain/pulumi-yaml", "package-lock.json"]) {
            cpSync(path.join(REPO_ROOT, file), path.join(root, file), { recursive: true });
        }
        // node_modules is current (so no npm ci) and the TypeScript build is a no-op here.
        const lockHash = execFileSync("sh", ["-c", "sha256sum | cut -c1-16"], { input: readFileSync(path.join(root, "package-lock.json")) });
        mkdirSync(path.join(root, "node_modules/typescript/bin"), { recursive: true });
        writeFileSync(path.join(root, "node_modules/.setup-lock-hash"), lockHash);
        writeFileSync(path.join(root, "node_modules/typescript/bin/tsc"), "process.exit(0);\n");
        pathBin = path.join(root, "path-bin");
        installed = path.join(root, "installed/bin");
        mkdirSync(pathBin);
        mkdirSync(installed, { recursive: true });
        // Node 22 (this one), so setup does not fetch it into the scratch cache.
        symlinkSync(process.execPath, path.join(pathBin, "node"));
        goLog = path.join(root, "go-calls.log");
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function installPulumi(version: string, options: { languageHost?: boolean } = {}): string {
        if (options.languageHost ?? true) {
            writeScript(path.join(installed, "pulumi-language-nodejs"), "exit 0");
            writeScript(path.join(installed, "pulumi-language-yaml"), "exit 0");
        }
        return writeScript(path.join(installed, "pulumi"), `[ "$1" = version ] && echo ${version}`);
    }

    /** A `go` that logs each call and, for `go build -o FILE`, writes a `pulumi` stand-in that prints the pinned version. */
    function installGo(): void {
        writeScript(
            path.join(pathBin, "go"),
            [
                `echo "go $*" >> '${goLog}'`,
                "out=; while [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done",
                '[ -n "$out" ] || exit 0',
                'mkdir -p "$(dirname "$out")"',
                `printf '#!/bin/sh\\necho v${PINNED}\\n' > "$out" && chmod +x "$out"`,
            ].join("\n"),
        );
    }

    const goCalls = (): string[] => (existsSync(goLog) ? readFileSync(goLog, "utf8").trim().split("\n") : []);
    const linkOf = (tool: string) => readlinkSync(path.join(root, ".toolchain/bin", tool));

    const setup = (env: Record<string, string> = {}) =>
        runProcess(
            "bash",
            [path.join(root, "scripts/setup.sh")],
            root,
            { HOME: process.env.HOME!, PATH: `${pathBin}:${installed}:/usr/bin:/bin`, PULUMI_CF_CACHE: path.join(root, "cache"), ...env },
            60_000,
        );

    test("with no pulumi and no Go it stops and says how to get one", async () => {
        const result = await setup();
        expect(result.stderr).toContain("not using an installed Pulumi: no pulumi on PATH");
        expect(result.stderr).toContain("no Pulumi CLI: install Go 1.26+");
        expect(result.stderr).toContain(`a Pulumi CLI v${MIN_VERSION} or newer with its Node.js language host`);
        expect(result.code).not.toBe(0);
    });

    test("an older pulumi is refused with its version", async () => {
        installPulumi("v3.100.0");
        const result = await setup();
        expect(result.stderr).toContain(`version 'v3.100.0' is older than v${MIN_VERSION}`);
        expect(result.code).not.toBe(0);
    });

    test.each([
        ["Go on PATH", true],
        ["no Go", false],
    ])("an installed pulumi with its language host is used as it is (%s)", async (_, withGo) => {
        if (withGo) installGo();
        const pulumi = installPulumi("v3.250.0");
        const result = await setup();
        expect(result.stderr).toContain(`using the installed Pulumi CLI ${pulumi} (v3.250.0) and its language host ${installed}/pulumi-language-nodejs`);
        expect(result.stderr).toContain("ready: ");
        expect(result.stderr).toContain("pulumi v3.250.0");
        expect(result.code).toBe(0);
        expect(goCalls()).toEqual([]);
        expect(linkOf("pulumi")).toBe(pulumi);
        expect(linkOf("pulumi-language-nodejs")).toBe(path.join(installed, "pulumi-language-nodejs"));
        expect(linkOf("pulumi-language-yaml")).toBe(path.join(installed, "pulumi-language-yaml"));
        expect(readFileSync(path.join(root, ".toolchain/bin/pulumi-resource-pulumi-nodejs"), "utf8")).toContain("dynamic-provider");
    });

    test("the language host is found beside the CLI a link on PATH points to", async () => {
        const pulumi = installPulumi("v3.250.0");
        const elsewhere = path.join(root, "links");
        mkdirSync(elsewhere);
        symlinkSync(pulumi, path.join(elsewhere, "pulumi"));
        const result = await setup({ PATH: `${pathBin}:${elsewhere}:/usr/bin:/bin` });
        expect(result.code).toBe(0);
        expect(linkOf("pulumi-language-nodejs")).toBe(path.join(installed, "pulumi-language-nodejs"));
    });

    test("PULUMI_CF_BUILD=1 builds from Go modules even with an installed pulumi; without it, the next setup goes back", async () => {
        installGo();
        const pulumi = installPulumi("v3.250.0");
        const built = await setup({ PULUMI_CF_BUILD: "1" });
        expect(built.stderr).toContain(`using Pulumi v${PINNED} built from Go modules`);
        expect(built.stderr).toContain(`pulumi v${PINNED}`);
        expect(built.code).toBe(0);
        expect(goCalls().map((call) => call.match(/-o \S+\/(\S+) /)?.[1])).toEqual(["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml"]);
        expect(linkOf("pulumi")).toMatch(new RegExp(`/cache/pulumi-v${PINNED.replace(/\./g, "\\.")}-[0-9a-f]+/bin/pulumi$`));
        expect(linkOf("pulumi-resource-pulumi-nodejs")).toContain("/cache/");

        // The YAML host sits beside the built CLI, where the CLI looks first.
        expect(linkOf("pulumi-language-yaml")).toMatch(new RegExp(`/cache/pulumi-v${PINNED.replace(/\./g, "\\.")}-[0-9a-f]+/bin/pulumi-language-yaml$`));

        const again = await setup();
        expect(again.code).toBe(0);
        expect(goCalls()).toHaveLength(3);
        expect(linkOf("pulumi")).toBe(pulumi);
        expect(linkOf("pulumi-language-yaml")).toBe(path.join(installed, "pulumi-language-yaml"));
        // The shim is our own file again, not the link into the cache.
        expect(lstatSync(path.join(root, ".toolchain/bin/pulumi-resource-pulumi-nodejs")).isFile()).toBe(true);
    });

    test("a change to the language host's sources rebuilds the host only; the CLI built before is linked beside it", async () => {
        installGo();
        expect((await setup()).code).toBe(0);
        const firstDir = path.dirname(linkOf("pulumi"));
        writeFileSync(path.join(root, "toolchain/pulumi/cmd/pulumi-language-nodejs/extra.go"), "package main\n");
        const again = await setup();
        expect(again.code).toBe(0);
        expect(again.stderr).toContain("building the Node.js language host");
        expect(again.stderr).not.toContain("building Pulumi CLI");
        expect(goCalls().map((call) => call.match(/-o \S+\/(\S+) /)?.[1])).toEqual(["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-language-nodejs"]);
        const secondDir = path.dirname(linkOf("pulumi"));
        expect(secondDir).not.toBe(firstDir);
        // The same CLI (one inode), beside each host: the CLI takes the host next to its own executable.
        expect(lstatSync(path.join(secondDir, "pulumi")).ino).toBe(lstatSync(path.join(firstDir, "pulumi")).ino);
        expect(path.dirname(linkOf("pulumi-language-nodejs"))).toBe(secondDir);
        // The YAML language host, built once, is beside the new one too.
        expect(existsSync(path.join(secondDir, "pulumi-language-yaml"))).toBe(true);
    });

    test("an installed pulumi without its language host: built from Go modules when Go is there", async () => {
        installGo();
        installPulumi("v3.250.0", { languageHost: false });
        const result = await setup();
        expect(result.stderr).toContain("(v3.250.0) has no Node.js language host (pulumi-language-nodejs) beside it or on PATH");
        expect(result.stderr).toContain(`using Pulumi v${PINNED} built from Go modules`);
        expect(result.code).toBe(0);
        expect(goCalls()).toHaveLength(3);
    });

    test("an installed pulumi without its language host and no Go: it stops, naming what is missing", async () => {
        installPulumi("v3.250.0", { languageHost: false });
        const result = await setup();
        expect(result.stderr).toContain("has no Node.js language host (pulumi-language-nodejs)");
        expect(result.stderr).toContain("no Pulumi CLI: install Go 1.26+");
        expect(result.code).not.toBe(0);
    });

    test("PULUMI_CF_BUILD=1 without Go stops and says why", async () => {
        installPulumi("v3.250.0");
        const result = await setup({ PULUMI_CF_BUILD: "1" });
        expect(result.stderr).toContain("PULUMI_CF_BUILD=1 asks for a build of Pulumi from Go modules, but Go is not on PATH");
        expect(result.code).not.toBe(0);
    });
});
