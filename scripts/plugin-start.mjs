#!/usr/bin/env node
// How long the resource plugin takes to start: from spawning the executable to the port it prints
// (the engine waits for exactly that), over a few runs. A measurement for docs/benchmark.md, not a test.
//
//   node scripts/plugin-start.mjs <path to pulumi-resource-cloudflare-hostname-certificates> [runs=5]
import { spawn } from "node:child_process";

const [executable, runs = "5"] = process.argv.slice(2);
if (!executable) throw new Error("usage: node scripts/plugin-start.mjs <plugin executable> [runs]");

function startOnce() {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        // The engine address is never dialled before a request comes, so any address will do.
        const child = spawn(executable, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
        child.stdout.once("data", (port) => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            child.kill();
            resolve({ ms, port: String(port).trim() });
        });
        child.once("error", reject);
    });
}

const times = [];
for (let i = 0; i < Number(runs); i++) times.push((await startOnce()).ms);
const sorted = [...times].sort((a, b) => a - b);
console.log(`plugin start: ${times.map((t) => t.toFixed(0)).join(", ")} ms; median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`);
