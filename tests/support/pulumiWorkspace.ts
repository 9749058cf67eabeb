/**
 * Drives the real `pulumi` CLI out of process, the way users and CI do: each workspace has its own
 * PULUMI_HOME, a `file://` backend, a passphrase secrets provider and a copy of the program, and
 * nothing reaches for the internet. Commands get an environment of their own (PATH, HOME, Pulumi's
 * settings and what the test sets), so the developer's shell cannot change what a test does.
 *
 * Programs are copied under `.toolchain/e2e/` inside the repository, so node resolves
 * `@pulumi/pulumi` and this package (linked into node_modules by setup) by walking up, exactly as
 * an installed user program would.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { definedEnv, REPO_ROOT, type RunResult, runProcess, TOOLCHAIN_BIN } from "./process";

const WORK_ROOT = path.join(REPO_ROOT, ".toolchain", "e2e");
export const PROGRAMS = path.join(__dirname, "..", "e2e", "programs");
export const TEST_PASSPHRASE = "e2e passphrase, not a secret";

export interface RunOptions {
    env?: Record<string, string | undefined>;
    timeoutMs?: number;
    /** Written to the command's standard input (e.g. a secret for `pulumi config set`). */
    input?: string;
}

/** A resource as `pulumi stack export` shows it. */
export interface StateResource {
    urn: string;
    id: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

export interface WorkspaceOptions {
    /** Stack name. @default "test" */
    stack?: string;
    /** The test's environment for every command (e.g. CLOUDFLARE_BASE_URL), on top of the isolated one. */
    env?: Record<string, string | undefined>;
}

export class PulumiWorkspace {
    readonly env: Record<string, string>;

    constructor(
        readonly root: string,
        readonly programDir: string,
        readonly stack: string,
        env: Record<string, string | undefined>,
    ) {
        this.env = definedEnv({ ...isolatedEnv(root), ...env });
    }

    /** Runs `pulumi <args>` in the program directory; never throws on a non-zero exit. */
    run(args: string[], options: RunOptions = {}): Promise<RunResult> {
        const env = definedEnv({ ...this.env, ...options.env });
        return runProcess("pulumi", ["--non-interactive", ...args], this.programDir, env, options.timeoutMs ?? 300_000, options.input);
    }

    /** Runs `pulumi <args>` and throws with the whole output when it fails. */
    async mustRun(args: string[], options: RunOptions = {}): Promise<RunResult> {
        const result = await this.run(args, options);
        if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output}`);
        }
        return result;
    }

    up(extra: string[] = [], env?: Record<string, string | undefined>) {
        return this.run(["up", "--yes", "--skip-preview", "--color=never", ...extra], { env });
    }
    preview(extra: string[] = [], env?: Record<string, string | undefined>) {
        return this.run(["preview", "--color=never", "--diff", ...extra], { env });
    }
    refresh(extra: string[] = [], env?: Record<string, string | undefined>) {
        return this.run(["refresh", "--yes", "--skip-preview", "--color=never", ...extra], { env });
    }
    destroy(extra: string[] = [], env?: Record<string, string | undefined>) {
        return this.run(["destroy", "--yes", "--skip-preview", "--color=never", ...extra], { env });
    }

    async setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
        // "--" ends the flags, so a value such as a PEM ("-----BEGIN …") is not read as one.
        await this.mustRun(["config", "set", key, ...(options.secret ? ["--secret"] : ["--plaintext"]), "--", value]);
    }

    /** The stack's outputs, secrets revealed only when asked. */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const result = await this.mustRun(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
        return JSON.parse(result.stdout);
    }

    /** `pulumi stack export` as text: what a user or an attacker with the state file would see. */
    async exportStackText(): Promise<string> {
        return (await this.mustRun(["stack", "export"])).stdout;
    }

    /** `pulumi stack import` of `text`, e.g. an edited {@link exportStackText}. */
    async importStack(text: string): Promise<void> {
        const file = path.join(this.root, "import.json");
        writeFileSync(file, text);
        await this.mustRun(["stack", "import", "--file", file]);
    }

    /** Resources of `type` in the exported state, with their URNs, IDs, inputs and outputs. */
    async stateResources(type: string): Promise<StateResource[]> {
        const state = JSON.parse(await this.exportStackText());
        return (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === type);
    }

    /** The raw state file of the file backend. */
    stateFileText(project: string): string {
        return readFileSync(path.join(this.root, "state", ".pulumi", "stacks", project, `${this.stack}.json`), "utf8");
    }

    dispose(): void {
        rmSync(this.root, { recursive: true, force: true });
    }
}

/** Copies `programs/<name>` (or an absolute path) into a fresh workspace and initializes its stack. */
export async function createWorkspace(program: string, options: WorkspaceOptions = {}): Promise<PulumiWorkspace> {
    mkdirSync(WORK_ROOT, { recursive: true });
    const root = mkdtempSync(path.join(WORK_ROOT, `${path.basename(program)}-`));
    const programDir = path.join(root, "program");
    cpSync(path.isAbsolute(program) ? program : path.join(PROGRAMS, program), programDir, { recursive: true });
    return openWorkspace(root, programDir, options);
}

/**
 * A workspace on a program already in place, e.g. one installed outside the repository so nothing
 * resolves from the repository's node_modules; `root` holds the state and PULUMI_HOME.
 */
export async function openWorkspace(root: string, programDir: string, options: WorkspaceOptions = {}): Promise<PulumiWorkspace> {
    mkdirSync(path.join(root, "state"), { recursive: true });
    const workspace = new PulumiWorkspace(root, programDir, options.stack ?? "test", options.env ?? {});
    await workspace.mustRun(["stack", "init", workspace.stack]);
    return workspace;
}

/**
 * The whole environment of a command, before what the test adds: PATH (the toolchain first) and
 * HOME from the machine, and Pulumi kept to this workspace and offline. Nothing else is inherited,
 * so a developer's CLOUDFLARE_* credentials or PULUMI_* settings cannot reach a test's commands.
 */
function isolatedEnv(root: string): Record<string, string | undefined> {
    return {
        PATH: `${TOOLCHAIN_BIN}:${process.env.PATH ?? ""}`,
        HOME: process.env.HOME,
        PULUMI_HOME: path.join(root, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        // Type-checking is the compiler's job (tsc in setup); skip it on every run.
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
}
