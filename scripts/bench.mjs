#!/usr/bin/env node
// The benchmark: for each N, `pulumi up` then `pulumi destroy` of N dynamic resources that do nothing
// (the engine's floor), then of N HostnameCertificates against the local emulator in each timing
// profile (a fast 2 s deployment and a Cloudflare-like 30 s one), then two stacks of certificates at
// once against one emulator that enforces Cloudflare's limit, then K stacks on one token with a
// foreign client spending part of its budget, against Cloudflare's limit and 5-minute block. It
// prints tables of wall times, requests per certificate and per run, 429s, the provider's peak
// memory and the state's size, and fails only when a run itself fails (not on timing).
//
//   npm run bench                                   # N = 10, 50, 100 in both profiles, two stacks of 50, 4 stacks of 100
//   npm run bench -- --sizes 10 --two-stacks 0 --shared-token 2x30 --api-rate-limit 360/300
//   npm run bench -- --sizes 100 --activation-ms 30000 --deletion-ms 10000 --two-stacks 0
//   npm run bench -- --help
//
// Workspaces go under .toolchain/bench/ and are removed afterwards unless --keep is given.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { PER_ZONE, writeCertificates } from "./bench/certificates.mjs";
import { emulatorRateLimit, parallelFor, parseOptions, PROFILES } from "./bench/options.mjs";
import { printSharedToken, printTable, printTwoStacks } from "./bench/report.mjs";
import { stateSizes, Workspace } from "./bench/workspace.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { startEmulator, DEFAULT_API_TOKEN } = require("pulumi-cloudflare-hostname-certificates/emulator");
const PROGRAMS = path.join(root, "tests", "e2e", "programs");
const CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";
const FLOOR_TYPE = "pulumi-nodejs:dynamic/bench:Noop";

const log = (message) => process.stderr.write(`bench: ${message}\n`);

const flagsFor = (options, n) => ["--yes", "--skip-preview", "--color=never", "--parallel", String(parallelFor(options, n))];

/** `pulumi up` then `pulumi destroy` in `workspace`, with timings, peak memory and state sizes. */
async function upAndDestroy(workspace, options, type, n) {
    const up = await workspace.mustRun(["up", ...flagsFor(options, n)]);
    const sizes = await stateSizes(workspace, type);
    const destroy = await workspace.mustRun(["destroy", ...flagsFor(options, n)]);
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

function startProfileEmulator(profile, options) {
    const { activationMs, deletionMs, tombstoneMs } = profile;
    return startEmulator({
        timings: { activationMs, deletionMs, tombstoneMs, latencyMs: options.latencyMs },
        rateLimit: emulatorRateLimit(options.apiRateLimit, options.rateBlockMs),
    });
}

/** A certificates workspace on `emulator` whose spec holds `n` certificates in zones from `firstZone` on. */
async function certificateWorkspace(dir, emulator, n, firstZone = 0) {
    const workspace = new Workspace(dir, path.join(PROGRAMS, "certificates"), {
        CLOUDFLARE_BASE_URL: emulator.url,
        CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN,
        // The one setting taken from the shell (see --help); the workspace inherits nothing else.
        CLOUDFLARE_RATE_LIMIT: process.env.CLOUDFLARE_RATE_LIMIT,
    });
    await workspace.mustRun(["stack", "init", "bench"]);
    await workspace.mustRun(["config", "set", "specFile", writeCertificates(path.join(dir, "certificates"), n, firstZone)]);
    return workspace;
}

/** What the emulator saw: requests, 429s, distinct uploads, certificates not yet deleted. */
function emulatorFigures(emulator) {
    const requests = emulator.requests;
    return {
        requests: requests.length,
        rateLimited: requests.filter((r) => r.status === 429).length,
        uploads: new Set(emulator.history.filter((e) => e.kind === "certificate").map((e) => e.id)).size,
        left: emulator.certificates().filter((c) => c.status !== "deleted").length,
    };
}

async function runCertificates(dir, n, options, profile) {
    const emulator = await startProfileEmulator(profile, options);
    let workspace;
    try {
        workspace = await certificateWorkspace(dir, emulator, n);
        const result = await upAndDestroy(workspace, options, CERTIFICATE_TYPE, n);
        const figures = emulatorFigures(emulator);
        if (result.count !== n || figures.uploads !== n || figures.left !== 0) {
            throw new Error(`certificate run for N=${n}: ${result.count} in state, ${figures.uploads} uploads, ${figures.left} left after destroy`);
        }
        return { ...result, requests: figures.requests, rateLimited: figures.rateLimited };
    } finally {
        await emulator.close();
        if (workspace && !options.keep) workspace.dispose();
    }
}

/**
 * `stacks` stacks of `perStack` certificates each, in separate zones, on one emulator and one token:
 * `pulumi up` of all at once, then `pulumi destroy` of all at once, in the Cloudflare-like profile,
 * as pipelines sharing a token would; a foreign client spends `foreignRps` of the token's budget
 * meanwhile (the dashboard, another tool).
 */
async function runStacks(dir, { stacks, perStack, foreignRps }, options) {
    const emulator = await startProfileEmulator(PROFILES.cloudflare, options);
    const zonesPerStack = Math.ceil(perStack / PER_ZONE);
    const workspaces = [];
    try {
        for (let i = 0; i < stacks; i++) workspaces.push(await certificateWorkspace(path.join(dir, `stack-${i}`), emulator, perStack, i * zonesPerStack));
        if (foreignRps > 0) emulator.setForeignLoad(foreignRps);
        const ups = await Promise.all(workspaces.map((w) => w.run(["up", ...flagsFor(options, perStack)])));
        const destroys = await Promise.all(workspaces.map((w) => w.run(["destroy", ...flagsFor(options, perStack)])));
        const foreign = foreignRps > 0 ? emulator.foreignLoad() : undefined;
        const failed = [...ups, ...destroys].filter((r) => r.code !== 0);
        for (const run of failed) log(`${stacks} stacks: a run failed:\n${run.output.slice(-2000)}`);
        const figures = emulatorFigures(emulator);
        return { stacks, perStack, foreignRps, foreign, ups: ups.map((r) => r.seconds), destroys: destroys.map((r) => r.seconds), failures: failed.length, ...figures };
    } finally {
        await emulator.close();
        if (!options.keep) for (const w of workspaces) w.dispose();
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

/** Runs `run(i)` `options.repeat` times and combines the results. */
async function repeated(options, what, run) {
    const runs = [];
    for (let i = 1; i <= options.repeat; i++) {
        log(`${what}${options.repeat > 1 ? ` (run ${i} of ${options.repeat})` : ""}`);
        runs.push(await run(i));
    }
    return combine(runs);
}

async function main() {
    const argv = process.argv.slice(2);
    const options = parseOptions(argv);
    const runDir = path.join(root, ".toolchain", "bench", new Date().toISOString().replace(/[:.]/g, "-"));
    mkdirSync(runDir, { recursive: true });
    const rows = [];
    for (const n of options.sizes) {
        const floor = await repeated(options, `N=${n}: floor, ${n} resources that do nothing`, (i) => runFloor(path.join(runDir, `floor-${n}-${i}`), n, options));
        for (const [p, profile] of options.profiles.entries()) {
            const certificates = await repeated(options, `N=${n}: ${n} certificates, ${profile.name}`, (i) =>
                runCertificates(path.join(runDir, `certificates-${n}-${p}-${i}`), n, options, profile),
            );
            rows.push({ n, profile, floor, certificates });
            log(`N=${n} ${profile.name}: floor up ${floor.up.toFixed(1)}s, certificates up ${certificates.up.toFixed(1)}s, ${certificates.requests} requests`);
        }
    }
    const twoStacks = options.twoStacks > 0 ? await runStacks(path.join(runDir, "two-stacks"), { stacks: 2, perStack: options.twoStacks, foreignRps: 0 }, options) : undefined;
    const shared = [];
    for (const [i, { stacks, perStack }] of options.sharedToken.entries()) {
        log(`${stacks} stacks of ${perStack} on one token, foreign client ${options.foreignRps}/s`);
        shared.push(await runStacks(path.join(runDir, `shared-token-${i}`), { stacks, perStack, foreignRps: options.foreignRps }, options));
    }
    const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`;
    if (rows.length > 0) printTable(rows, options, versions(), command);
    else console.log(`\`${command}\`\n\n${versions()}.`);
    if (twoStacks) printTwoStacks(twoStacks, options);
    if (shared.length > 0) printSharedToken(shared, options);
    if (options.keep) log(`workspaces kept in ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
    if (twoStacks?.failures || shared.some((r) => r.failures)) process.exitCode = 1;
}

main().catch((error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
});
