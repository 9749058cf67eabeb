// A throwaway Pulumi workspace for the benchmark (local file backend, passphrase secrets, offline),
// and `pulumi` runs that sample the dynamic-provider process's peak memory while they last.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";

const PASSPHRASE = "bench passphrase, not a secret";
/** How often /proc is read for the provider's memory. */
const SAMPLE_MS = 100;

export class Workspace {
    /** Copies `programDir` to `root/program` and prepares an isolated Pulumi home and backend. */
    constructor(root, programDir, extraEnv = {}) {
        this.root = root;
        this.programDir = path.join(root, "program");
        mkdirSync(path.join(root, "state"), { recursive: true });
        cpSync(programDir, this.programDir, { recursive: true });
        // Only PATH and HOME come from the shell: a developer's CLOUDFLARE_* or PULUMI_* settings
        // must not change what is measured.
        this.env = {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            PULUMI_HOME: path.join(root, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            ...extraEnv,
        };
    }

    /** Runs `pulumi <args>`; resolves to the exit code, output, stdout, wall time and the provider's peak RSS (kB). */
    run(args) {
        return new Promise((resolve, reject) => {
            const started = performance.now();
            const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: this.programDir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
            let output = "";
            let stdout = "";
            child.stdout.on("data", (chunk) => {
                output += chunk;
                stdout += chunk;
            });
            child.stderr.on("data", (chunk) => (output += chunk));
            const peaks = new Map();
            const sampler = setInterval(() => sampleProviders(child.pid, peaks), SAMPLE_MS);
            child.on("error", reject);
            child.on("close", (code) => {
                clearInterval(sampler);
                const seconds = (performance.now() - started) / 1000;
                resolve({ code, output, stdout, seconds, providerPeakKb: Math.max(0, ...peaks.values()) });
            });
        });
    }

    async mustRun(args) {
        const result = await this.run(args);
        if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output.slice(-4000)}`);
        return result;
    }

    dispose() {
        rmSync(this.root, { recursive: true, force: true });
    }
}

/** Records VmHWM (peak resident set, kB) of every dynamic-provider process below `rootPid`. */
function sampleProviders(rootPid, peaks) {
    for (const pid of descendants(rootPid)) {
        try {
            if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) continue;
            const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
            if (match) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(match[1])));
        } catch {
            // the process ended between listing and reading
        }
    }
}

/** Process ids below `rootPid`, from /proc. */
function descendants(rootPid) {
    const children = new Map();
    for (const name of readdirSync("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        try {
            const stat = readFileSync(`/proc/${name}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            if (!children.has(ppid)) children.set(ppid, []);
            children.get(ppid).push(Number(name));
        } catch {
            // gone already
        }
    }
    const found = [];
    const walk = (pid) => {
        for (const child of children.get(pid) ?? []) {
            found.push(child);
            walk(child);
        }
    };
    walk(rootPid);
    return found;
}

/** What each resource of `type` costs in the exported state: its `__provider` and its whole entry. */
export async function stateSizes(workspace, type) {
    const exported = JSON.parse((await workspace.mustRun(["stack", "export"])).stdout);
    const resources = (exported.deployment.resources ?? []).filter((r) => r.type === type);
    const average = (values) => (values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length));
    return {
        count: resources.length,
        providerBytes: average(resources.map((r) => Buffer.byteLength(JSON.stringify(r.outputs?.__provider ?? "")))),
        resourceBytes: average(resources.map((r) => Buffer.byteLength(JSON.stringify(r)))),
    };
}
