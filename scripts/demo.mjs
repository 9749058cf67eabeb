#!/usr/bin/env node
// The demo: deploys the root Pulumi project (demo/index.ts) to the local Cloudflare API emulator with
// the real Pulumi CLI and a local file backend, shows the certificates active, refreshes (expecting no
// changes), destroys, and checks the emulator is empty. Exits non-zero on any failure.
//
//   npm run demo                 # up, show, refresh, destroy
//   npm run demo -- --keep       # leave the stack (and the emulator's saved state) in place
//   DEMO_KEEP=1 npm run demo     # the same
//
// State lives in .toolchain/demo/ (emulator state, Pulumi home and backend); delete it to start over.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { startEmulator, DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID } = require("pulumi-cloudflare-hostname-certificates/emulator");

const keep = process.argv.includes("--keep") || process.env.DEMO_KEEP === "1";
const work = path.join(root, ".toolchain", "demo");
const certificateDir = path.join(work, "certificates");
const names = ["api", "www"];
const stack = "demo";

const say = (message) => console.log(`\n\x1b[1mdemo:\x1b[0m ${message}`);

const env = {
    ...process.env,
    PULUMI_HOME: path.join(work, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    // The local demo's state is encrypted with this passphrase; use a real secrets provider for real stacks.
    PULUMI_CONFIG_PASSPHRASE: "demo passphrase (local only)",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // demo/ is type-checked with the rest of the repository (tsconfig.test.json); skip it per run.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
};
const configFile = path.join(work, `Pulumi.${stack}.yaml`);

function pulumi(args, { capture = false, allowFailure = false } = {}) {
    return new Promise((resolve, reject) => {
        // Keep the stack's config with the rest of the demo's state instead of beside Pulumi.yaml.
        const configArgs = ["config", "up", "preview", "refresh", "destroy"].includes(args[0]) ? ["--config-file", configFile] : [];
        const child = spawn("pulumi", [...args, "--non-interactive", "--stack", stack, ...configArgs], {
            cwd: root,
            env,
            stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
        });
        let stdout = "";
        child.stdout?.on("data", (chunk) => (stdout += chunk));
        child.on("error", reject);
        child.on("close", (code) =>
            code === 0 || allowFailure ? resolve({ code, stdout }) : reject(new Error(`pulumi ${args[0]} failed (exit ${code})`)),
        );
    });
}

/** Client certificates for the demo, made with openssl: a P-256 leaf (CA:FALSE) valid for 90 days. */
function makeCertificates() {
    mkdirSync(certificateDir, { recursive: true });
    for (const name of names) {
        const cert = path.join(certificateDir, `${name}.pem`);
        if (existsSync(cert)) continue;
        execFileSync("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "90",
            "-subj", `/CN=${name}.example.com/O=Demo`, "-addext", "basicConstraints=critical,CA:FALSE",
            "-keyout", path.join(certificateDir, `${name}.key`), "-out", cert,
        ], { stdio: "ignore" });
    }
}

async function main() {
    mkdirSync(path.join(work, "state"), { recursive: true });
    const emulator = await startEmulator({
        stateFile: path.join(work, "emulator-state.json"),
        // Like the real API: a certificate takes a couple of seconds to deploy.
        timings: { activationMs: 2000, deletionMs: 1000 },
    });
    try {
        say(`Cloudflare API emulator listening at ${emulator.url}`);
        say(`making client certificates for ${names.join(", ")} in ${path.relative(root, certificateDir)} (openssl)`);
        makeCertificates();

        say(`stack '${stack}' on the local backend ${path.relative(root, path.join(work, "state"))}; API token stored as a secret`);
        await pulumi(["stack", "select", "--create"]);
        await pulumi(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
        await pulumi(["config", "set", "certificateDir", certificateDir]);
        await pulumi(["config", "set", "cloudflare:baseUrl", emulator.url]);
        await pulumi(["config", "set", "--secret", "cloudflare:apiToken", DEFAULT_API_TOKEN]);

        say("pulumi preview with the policy pack: expiry, validity, key strength and the per-zone limit, checked before anything is sent");
        await pulumi(["preview", "--policy-pack", path.join(root, "policy")]);

        say("pulumi up: uploads each certificate, waits until Cloudflare reports it active, then puts it on its hostname");
        await pulumi(["up", "--yes", "--skip-preview"]);

        const { stdout } = await pulumi(["stack", "output", "deployed", "--json"], { capture: true });
        say("deployed certificates:");
        for (const c of JSON.parse(stdout)) {
            console.log(`  ${c.hostname}: certificate ${c.certificateId} ${c.status}, expires ${c.expiresOn} (issuer ${c.issuer}); hostname ${c.hostnameStatus}`);
        }
        if (!JSON.parse(stdout).every((c) => c.status === "active" && c.hostnameStatus === "active")) {
            throw new Error("a certificate or an association is not active");
        }

        say("pulumi refresh, then a preview that must report no changes");
        await pulumi(["refresh", "--yes", "--skip-preview"]);
        await pulumi(["preview", "--expect-no-changes"]);

        if (keep) {
            say("--keep: leaving the stack up; run `npm run demo` again to converge and destroy it");
            return;
        }
        say("pulumi destroy: voids each association, then deletes each certificate and waits until it is gone");
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        // A deleted certificate stays readable as `deleted` for a moment (as on Cloudflare), then vanishes.
        const left = emulator.certificates().filter((c) => c.status !== "deleted").length + emulator.associations().length;
        if (left !== 0) throw new Error(`${left} certificate(s) or association(s) left in the emulator after destroy`);
        say("done: every association is voided and every certificate deleted");
    } finally {
        await emulator.close();
    }
}

main().catch((error) => {
    console.error(`\ndemo: FAILED: ${error.message}`);
    process.exit(1);
});
