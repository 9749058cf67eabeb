/**
 * The resource plugin as users get it: the archive `npm run plugin:build` makes, installed into a
 * workspace's PULUMI_HOME with `pulumi plugin install --file`. The archive is built once per state of
 * the sources (a hash of everything bundled), under `.toolchain/plugin/`, and reused across tests.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, type Emulator } from "../../emulator";
import { PLUGIN_PACKAGE } from "../../provider/contract";
import { REPO_ROOT } from "./process";
import { createWorkspace, type PulumiWorkspace } from "./pulumiWorkspace";

export const PLUGIN_VERSION: string = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith(".ts") ? [file] : [];
    });
}

function sourceHash(): string {
    const files = [...sourceFiles(path.join(REPO_ROOT, "provider")), ...["package-lock.json", "package.json", "scripts/plugin-build.mjs"].map((f) => path.join(REPO_ROOT, f))];
    const hash = createHash("sha256");
    for (const file of files.sort()) hash.update(file).update(readFileSync(file));
    return hash.digest("hex").slice(0, 16);
}

/** The plugin archive for the current sources, built if there is none yet. */
export function pluginArchive(): string {
    const dir = path.join(REPO_ROOT, ".toolchain", "plugin", sourceHash());
    const existing = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".tar.gz")) : undefined;
    if (existing) return path.join(dir, existing);
    // Built beside, then renamed into place: two test files building at once never see half an archive.
    const building = `${dir}.${process.pid}`;
    const node = path.join(REPO_ROOT, ".toolchain", "bin", "node");
    const archive = execFileSync(node, [path.join(REPO_ROOT, "scripts", "plugin-build.mjs")], { env: { ...process.env, PLUGIN_OUT: building }, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    mkdirSync(path.dirname(dir), { recursive: true });
    try {
        renameSync(building, dir);
    } catch {
        rmSync(building, { recursive: true, force: true }); // another worker got there first
    }
    // Archives of earlier sources (42 MB each) go; one still being built elsewhere is named `<hash>.<pid>`.
    for (const name of readdirSync(path.dirname(dir))) {
        if (/^[0-9a-f]{16}$/.test(name) && name !== path.basename(dir)) rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
    }
    return path.join(dir, path.basename(archive));
}

/** `pulumi plugin install resource <package> <version> --file <archive>` into the workspace's PULUMI_HOME. */
export async function installPlugin(workspace: PulumiWorkspace): Promise<void> {
    await workspace.mustRun(["plugin", "install", "resource", PLUGIN_PACKAGE, PLUGIN_VERSION, "--file", pluginArchive()]);
}

/**
 * examples/yaml in a fresh workspace with the plugin installed, pointed at `emulator` with its token,
 * declaring `hostname` in `zoneId`; the program's certificate files are the caller's to make.
 */
export async function openYamlExample(emulator: Emulator, zoneId: string, hostname: string): Promise<PulumiWorkspace> {
    const workspace = await createWorkspace(path.join(REPO_ROOT, "examples", "yaml"), { stack: "dev" });
    await installPlugin(workspace);
    await workspace.setConfig(`${PLUGIN_PACKAGE}:baseUrl`, emulator.url);
    await workspace.setConfig(`${PLUGIN_PACKAGE}:apiToken`, DEFAULT_API_TOKEN, { secret: true });
    await workspace.setConfig("zoneId", zoneId);
    await workspace.setConfig("hostname", hostname);
    return workspace;
}
