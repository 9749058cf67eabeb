#!/usr/bin/env node
// The provider's memory while it waits: `pulumi up` of certificates that never deploy, with
// createTimeout equal to the wait, against the local emulator. Every 30 s it prints the
// dynamic-provider process's resident set (VmRSS) and peak (VmHWM) from /proc, then the peak over
// the whole wait, the requests the emulator saw and the up's wall time. The up ends as a partial
// create (the certificates stay in state); the workspace is removed afterwards. Figures, not checks:
// docs/benchmark.md records them.
//
//   npm run bench:wait                        # one certificate, a 5-minute wait
//   npm run bench:wait -- --minutes 1 --certificates 10
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeCertificates } from "./bench/certificates.mjs";
import { Workspace } from "./bench/workspace.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { startEmulator, DEFAULT_API_TOKEN } = require("pulumi-cloudflare-hostname-certificates/emulator");
const SAMPLE_EVERY_MS = 30_000;
const log = (message) => process.stderr.write(`bench:wait: ${message}\n`);

const { values } = parseArgs({ options: { minutes: { type: "string", default: "5" }, certificates: { type: "string", default: "1" } } });
const minutes = Number(values.minutes);
const count = Number(values.certificates);

/** VmRSS and VmHWM (kB) of the dynamic-provider processes running in `dir`, from /proc. */
function providerMemory(dir) {
    const found = [];
    for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
        try {
            if (!readFileSync(`/proc/${name}/cmdline`, "utf8").includes("dynamic-provider")) continue;
            if (!readlinkSync(`/proc/${name}/cwd`).startsWith(dir)) continue;
            const status = readFileSync(`/proc/${name}/status`, "utf8");
            const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
            found.push({ pid: Number(name), rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") });
        } catch {
            // ended while we looked
        }
    }
    return found;
}

async function main() {
    const emulator = await startEmulator({ timings: { activationMs: (minutes + 10) * 60_000 } });
    const dir = path.join(root, ".toolchain", "bench", `wait-${process.pid}`);
    const workspace = new Workspace(dir, path.join(root, "tests", "e2e", "programs", "certificates"), {
        CLOUDFLARE_BASE_URL: emulator.url,
        CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN,
    });
    try {
        await workspace.mustRun(["stack", "init", "bench"]);
        const specFile = writeCertificates(path.join(dir, "certificates"), count);
        const spec = JSON.parse(readFileSync(specFile, "utf8")).map((entry) => ({ ...entry, createTimeout: `${minutes}m` }));
        writeFileSync(specFile, JSON.stringify(spec, null, 2));
        await workspace.mustRun(["config", "set", "specFile", specFile]);
        log(`pulumi up of ${count} certificate(s) that never deploy, createTimeout ${minutes}m`);
        const started = performance.now();
        const sampler = setInterval(() => {
            const at = Math.round((performance.now() - started) / 1000);
            for (const p of providerMemory(dir)) log(`${at}s: provider ${p.pid} VmRSS ${p.rssKb} kB, VmHWM ${p.hwmKb} kB`);
        }, SAMPLE_EVERY_MS);
        const up = await workspace.run(["up", "--yes", "--skip-preview", "--color=never"]);
        clearInterval(sampler);
        log(`up exited ${up.code} after ${up.seconds.toFixed(1)} s; provider peak RSS (VmHWM) ${up.providerPeakKb} kB; ${emulator.requests.length} API requests`);
        log(`its last lines:\n${up.output.trim().split("\n").slice(-12).join("\n")}`);
    } finally {
        await emulator.close();
        workspace.dispose();
    }
}

main().catch((error) => {
    log(error.stack ?? String(error));
    process.exit(1);
});
