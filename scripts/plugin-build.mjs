#!/usr/bin/env node
// Builds the resource plugin archive pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz, which
// `pulumi plugin install resource <name> <version> --file <archive>` accepts. The plugin is one
// executable that needs no Node.js: provider/plugin/main.ts bundled by esbuild into one script, made a
// Node.js single-executable application (the running Node 22 with the script injected by postject).
//
//   npm run plugin:build                 # -> dist/plugin/<archive>, path printed on stdout
//   PLUGIN_OUT=/some/dir npm run plugin:build
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { inject } from "postject";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NAME = "cloudflare-hostname-certificates";
const BINARY = `pulumi-resource-${NAME}`;
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const OS = { linux: "linux", darwin: "darwin", win32: "windows" }[process.platform];
const ARCH = { x64: "amd64", arm64: "arm64" }[process.arch];
// The fuse Node.js checks for an injected application (Node's single-executable applications docs).
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

if (!OS || !ARCH) throw new Error(`plugin-build: no Pulumi plugin name for ${process.platform}-${process.arch}`);
if (Number(process.versions.node.split(".")[0]) < 22) throw new Error(`plugin-build: needs Node.js 22 (this is ${process.version}); run it through npm run plugin:build`);

const out = path.resolve(process.env.PLUGIN_OUT ?? path.join(ROOT, "dist", "plugin"));
const work = path.join(out, "work");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

// 1. One CommonJS script: a single-executable application can require only Node's built-in modules.
const script = path.join(work, "plugin.js");
await esbuild.build({
    entryPoints: [path.join(ROOT, "provider", "plugin", "main.ts")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    outfile: script,
    define: { PLUGIN_VERSION: JSON.stringify(version) },
    minify: true,
    keepNames: true,
    legalComments: "none",
    logLevel: "error",
});

// 2. The application blob, then a copy of this Node.js with the blob injected.
const blob = path.join(work, "sea-prep.blob");
const seaConfig = path.join(work, "sea-config.json");
fs.writeFileSync(seaConfig, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], { stdio: ["ignore", "ignore", "inherit"] });
const executable = path.join(work, OS === "windows" ? `${BINARY}.exe` : BINARY);
fs.copyFileSync(process.execPath, executable);
fs.chmodSync(executable, 0o755);
await inject(executable, "NODE_SEA_BLOB", fs.readFileSync(blob), { sentinelFuse: SEA_FUSE, machoSegmentName: OS === "darwin" ? "NODE_SEA" : undefined });

// 3. The archive: the executable at its root, as Pulumi's plugin archives have it.
const archive = path.join(out, `${BINARY}-v${version}-${OS}-${ARCH}.tar.gz`);
execFileSync("tar", ["-czf", archive, "-C", work, path.basename(executable)]);
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(`${archive}\n`);
