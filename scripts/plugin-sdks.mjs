#!/usr/bin/env node
// Generates the resource plugin's SDKs from its schema (provider/plugin/schema.ts, via dist/): Go,
// Python and Node.js, into <out>/<language>, with <out>/schema.json beside them.
//
// `pulumi package gen-sdk` of the pinned CLI hands code generation to each language's host
// (pulumi-language-go, -python, -nodejs, -dotnet), which this toolchain does not have and the Go module
// proxy does not serve. toolchain/pulumi-sdkgen runs the same generators from Pulumi's pkg/codegen;
// .NET's generator ships only with Pulumi's .NET language host, so C# is not generated here.
//
//   npm run plugin:sdks                      # -> dist/plugin/sdk/{go,python,nodejs}
//   PLUGIN_SDK_OUT=/some/dir npm run plugin:sdks
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LANGUAGES = ["go", "python", "nodejs"];
const require = createRequire(import.meta.url);
const { packageSchema } = require(path.join(ROOT, "dist", "provider", "plugin", "schema.js"));
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** toolchain/pulumi-sdkgen, built once per state of its module, in setup's cache. */
function sdkgen() {
    const dir = path.join(ROOT, "toolchain", "pulumi-sdkgen");
    const hash = createHash("sha256");
    for (const file of ["go.mod", "go.sum", "main.go"]) hash.update(fs.readFileSync(path.join(dir, file)));
    const cache = process.env.PULUMI_CF_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-cloudflare-hostname-certificates");
    const binary = path.join(cache, `pulumi-sdkgen-${hash.digest("hex").slice(0, 16)}`, "pulumi-sdkgen");
    if (!fs.existsSync(binary)) {
        process.stderr.write("plugin-sdks: building toolchain/pulumi-sdkgen from Go modules (first time only; ~1-4 min)\n");
        const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -buildvcs=false" };
        execFileSync("go", ["build", "-trimpath", "-ldflags", "-s -w", "-o", `${binary}.tmp`, "."], { cwd: dir, env, stdio: "inherit" });
        fs.renameSync(`${binary}.tmp`, binary);
    }
    return binary;
}

const out = path.resolve(process.env.PLUGIN_SDK_OUT ?? path.join(ROOT, "dist", "plugin", "sdk"));
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const schema = packageSchema(version);
const schemaFile = path.join(out, "schema.json");
fs.writeFileSync(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
const generator = sdkgen();
for (const language of LANGUAGES) execFileSync(generator, [schemaFile, language, path.join(out, language)], { stdio: "inherit" });

// The Go generator writes packages, not a module: the module is the import path's parent, at <out>/go.
const goPackage = schema.language.go.importBasePath;
fs.writeFileSync(path.join(out, "go", "go.mod"), `module ${path.posix.dirname(goPackage)}\n\ngo 1.26.6\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n`);
process.stdout.write(`${out}\n`);
