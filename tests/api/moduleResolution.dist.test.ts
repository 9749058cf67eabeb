/**
 * Every entry point type-checks in a user's TypeScript program under each `moduleResolution` a
 * Pulumi project may use: `node` (node10, Pulumi's own template, which does not read `exports`, so
 * package.json's `typesVersions` maps the subpaths there), `node16`, `nodenext` and `bundler`.
 * The package is the one users get (`npm pack`, unpacked into the program's node_modules, outside
 * this repository so nothing resolves from its sources); its dependencies are linked from ours.
 * Each import must be the library's own types: a type that resolved to `any`, or `/policy`
 * resolving to the policy pack's entry, fails the compile.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { packPackage } from "../support/packedPackage";
import { explain, REPO_ROOT, runProcess } from "../support/process";

const PACKAGE = "pulumi-cloudflare-hostname-certificates";

/** A user's program importing from each entry point; `NotAny` makes a type that resolved to `any` an error. */
const PROGRAM = `
import { HostnameCertificate, type HostnameCertificateArgs } from "${PACKAGE}";
import { hostnameCertificateProvider, type HostnameCertificateOutputs } from "${PACKAGE}/provider";
import { startEmulator, type Emulator } from "${PACKAGE}/emulator";
import { createExpiryPolicy } from "${PACKAGE}/policy";

type NotAny<T> = 0 extends 1 & T ? never : T;

export const resource: NotAny<typeof HostnameCertificate> = HostnameCertificate;
export const args: NotAny<HostnameCertificateArgs["zoneId"]> = "023e105f4ecef8ad9ca31a8372d0c353";
export const provider: NotAny<typeof hostnameCertificateProvider> = hostnameCertificateProvider;
export const certificateId: NotAny<HostnameCertificateOutputs["certificateId"]> = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
export const emulator: NotAny<typeof startEmulator> = startEmulator;
export type Started = NotAny<Emulator>;
export const policy: NotAny<typeof createExpiryPolicy> = createExpiryPolicy;
`;

/** The settings, as a user's tsconfig.json would pair `module` with each `moduleResolution`. */
const SETTINGS = [
    ["node", { module: "commonjs", moduleResolution: "node" }],
    ["node16", { module: "node16", moduleResolution: "node16" }],
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
] as const;

let root: string;
/** What `tsc -b` said while building each setting's project, by setting. */
const said = new Map<string, string>();

beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "module-resolution-"));
    const app = path.join(root, "app");
    const installed = path.join(app, "node_modules", PACKAGE);
    mkdirSync(installed, { recursive: true });
    const tarball = await packPackage(root);
    const unpack = await runProcess("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], root, { PATH: process.env.PATH ?? "" }, 60_000);
    if (unpack.code !== 0) throw new Error(explain("tar -xzf", unpack));
    for (const dependency of ["@pulumi", "undici", "@types"]) {
        symlinkSync(path.join(REPO_ROOT, "node_modules", dependency), path.join(app, "node_modules", dependency));
    }
    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "user-program", private: true }));
    writeFileSync(path.join(app, "index.ts"), PROGRAM);
    for (const [name, options] of SETTINGS) {
        // skipLibCheck: the libraries' own declarations are not ours to check (@pulumi/policy's fail under node16).
        const compilerOptions = { ...options, target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] };
        writeFileSync(path.join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 2));
    }
    // One build of the four projects: they share the parsed declarations, so it costs about one compile.
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const configs = SETTINGS.map(([name]) => `tsconfig.${name}.json`);
    const build = await runProcess(process.execPath, [tsc, "-b", "--verbose", "--pretty", "false", ...configs], app, { PATH: process.env.PATH ?? "" }, 120_000);
    for (const part of build.output.split(/^.* - Building project '/m).slice(1)) {
        const name = /tsconfig\.(\w+)\.json'/.exec(part)?.[1];
        if (name) said.set(name, part);
    }
    if (said.size === 0) throw new Error(explain("tsc -b", build));
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

test.each(SETTINGS.map(([name]) => name))("every entry point type-checks under moduleResolution %s", (name) => {
    expect(said.has(name)).toBe(true);
    expect(said.get(name)!.split("\n").filter((line) => /error TS\d+/.test(line))).toEqual([]);
});
