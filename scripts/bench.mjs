#!/usr/bin/env node
// The benchmark: for each N, `pulumi up` then `pulumi destroy` of N dynamic resources that do nothing
// (the engine's floor), then of N HostnameCertificates against the local emulator with realistic
// timings, and a table of wall times, requests per certificate, the provider's peak memory and the
// state's size. It prints figures and fails only when a run itself fails (not on timing).
//
//   npm run bench                                   # N = 10, 50, 100; 2 s activation, 50 ms per request, --parallel N
//   npm run bench -- --sizes 10 --activation-ms 1000 --latency-ms 0 --parallel 8
//   npm run bench -- --help
//
// Workspaces go under .toolchain/bench/ and are removed afterwards unless --keep is given.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { writeCertificates } from "./bench/certificates.mjs";
import { emulatorRateLimit, parallelFor, parseOptions } from "./bench/options.mjs";
import { printTable } from "./bench/report.mjs";
import { stateSizes, Workspace } from "./bench/workspace.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { startEmulator, DEFAULT_API_TOKEN } = require("pulumi-cloudflare-hostname-certificates/emulator");
const PROGRAMS = path.join(root, "tests", "e2e", "programs");
const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";
const FLOOR_TYPE = "pulumi-nodejs:dynamic/bench:Noop";

const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** `pulumi up` then `pulumi destroy` in `workspace`, with timings, peak memory and state sizes. */
async function upAndDestroy(workspace, options, type, n) {
    const flags = ["--yes", "--skip-preview", "--color=never", "--parallel", String(parallelFor(options, n))];
    const up = await workspace.mustRun(["up", ...flags]);
    const sizes = await stateSizes(workspace, type);
    const destroy = await workspace.mustRun(["destroy", ...flags]);
    return { up: up.seconds, destroy: destroy.seconds, peakKb: Math.max(up.providerPeakKb, destroy.providerPeakKb), ...sizes };
}

async function runFloor(dir, n, options) {
    const workspace = new Workspace(dir, path.join(PROGRAMS, "floor"));
    try {
        await workspace.mustRun(["stack", "init", "bench"]);
        await workspace.mustRun(["config", "set", "count", String(n)]);
        const result = await upAndDestroy(workspace, options, FLOOR_TYPE, n);
        if (result.count !== n) throw new Error(`the floor run created ${result.count} resources, not ${n}`);
        return result;
    } finally {
        if (!options.keep) workspace.dispose();
    }
}

async function runCertificates(dir, n, options) {
    const emulator = await startEmulator({
        timings: { activationMs: options.activationMs, deletionMs: options.deletionMs, latencyMs: options.latencyMs },
        rateLimit: emulatorRateLimit(options.apiRateLimit),
    });
    const workspace = new Workspace(dir, path.join(PROGRAMS, "certificates"), {
        CLOUDFLARE_BASE_URL: emulator.url,
        CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN,
        // The one setting taken from the shell (see --help); the workspace inherits nothing else.
        CLOUDFLARE_RATE_LIMIT: process.env.CLOUDFLARE_RATE_LIMIT,
    });
    try {
        await workspace.mustRun(["stack", "init", "bench"]);
        await workspace.mustRun(["config", "set", "specFile", writeCertificates(path.join(dir, "certificates"), n)]);
        const result = await upAndDestroy(workspace, options, CERTIFICATE_TYPE, n);
        const uploads = new Set(emulator.history.filter((e) => e.kind === "certificate").map((e) => e.id)).size;
        const left = emulator.certificates().filter((c) => c.status !== "deleted").length;
        if (result.count !== n || uploads !== n || left !== 0) {
            throw new Error(`certificate run for N=${n}: ${result.count} in state, ${uploads} uploads, ${left} left after destroy`);
        }
        const requests = emulator.requests;
        return { ...result, requests: requests.length, rateLimited: requests.filter((r) => r.status === 429).length };
    } finally {
        await emulator.close();
        if (!options.keep) workspace.dispose();
    }
}

function versions() {
    const pulumi = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
    return `node ${process.version}, pulumi ${pulumi}, ${os.cpus().length} CPUs`;
}

/** Several runs as one: median wall times, mean requests, the highest peak memory and state sizes. */
function combine(runs) {
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const most = (key) => Math.max(...runs.map((r) => r[key] ?? 0));
    return {
        up: median(runs.map((r) => r.up)),
        destroy: median(runs.map((r) => r.destroy)),
        requests: mean(runs.map((r) => r.requests ?? 0)),
        rateLimited: most("rateLimited"),
        peakKb: most("peakKb"),
        providerBytes: most("providerBytes"),
        resourceBytes: most("resourceBytes"),
    };
}

async function main() {
    const options = parseOptions(process.argv.slice(2));
    const runDir = path.join(root, ".toolchain", "bench", new Date().toISOString().replace(/[:.]/g, "-"));
    mkdirSync(runDir, { recursive: true });
    const rows = [];
    for (const n of options.sizes) {
        const floors = [];
        const certificateRuns = [];
        for (let i = 1; i <= options.repeat; i++) {
            const run = options.repeat > 1 ? ` (run ${i} of ${options.repeat})` : "";
            log(`N=${n}: floor, ${n} resources that do nothing${run}`);
            floors.push(await runFloor(path.join(runDir, `floor-${n}-${i}`), n, options));
            log(`N=${n}: ${n} certificates${run}`);
            certificateRuns.push(await runCertificates(path.join(runDir, `certificates-${n}-${i}`), n, options));
        }
        const [floor, certificates] = [combine(floors), combine(certificateRuns)];
        rows.push({ n, floor, certificates });
        log(`N=${n}: floor ${(floor.up + floor.destroy).toFixed(1)}s, certificates ${(certificates.up + certificates.destroy).toFixed(1)}s`);
    }
    printTable(rows, options, versions());
    if (options.keep) log(`workspaces kept in ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
}

main().catch((error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
});
