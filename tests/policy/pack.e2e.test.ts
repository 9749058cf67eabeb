/**
 * The policy pack through the real CLI: `pulumi preview --policy-pack policy/` on a program that
 * declares HostnameCertificates (tests/policy/programs/certificates), offline, with a file backend.
 *
 * - an advisory violation warns and the preview passes;
 * - `--policy-pack-config` moves the thresholds;
 * - a mandatory violation fails the preview and names the policy (expiry, and the zone limit);
 * - after `pulumi up`, the stack policy judges the deployed certificate by its `expiresOn`;
 * - the private key never appears in any output.
 *
 * Time is pinned with the policies' `referenceTime` config, so one certificate with a fixed
 * validity (2030-01-01 to 2031-01-01) is "45 days from expiry" or "10 days from expiry" as needed.
 * The pack runs the compiled dist/policy/pack.js: run `npm run build` (or setup) first.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createWorkspace, type PulumiWorkspace, REPO_ROOT, type RunResult } from "../e2e/harness";
import { type GeneratedCertificate, makeCertificate, pemLines } from "../fixtures/certificates";

const PACK = path.join(REPO_ROOT, "policy");
const PROGRAM = path.join(__dirname, "programs", "certificates");
const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const NOT_AFTER = new Date("2031-01-01T00:00:00Z");
const DAYS_45_LEFT = "2030-11-17T00:00:00Z";
const DAYS_10_LEFT = "2030-12-22T00:00:00Z";

const TIME_DEPENDENT = [
    "cloudflare-hostname-certificate-expiry",
    "cloudflare-hostname-certificate-expiry-warning",
    "cloudflare-hostname-certificate-deployed-expiry",
    "cloudflare-hostname-certificate-deployed-expiry-warning",
    "cloudflare-hostname-certificate-not-yet-valid",
];

/** Fails fast, with the fix, when dist/policy is missing or a policy/*.ts is newer than its compiled .js. */
function assertPackBuilt(): void {
    const compiledAt = (file: string): number => {
        const compiled = path.join(REPO_ROOT, "dist", "policy", file.replace(/\.ts$/, ".js"));
        try {
            return statSync(compiled).mtimeMs;
        } catch {
            throw new Error(`${compiled} is missing: run \`npm run build\` before the policy pack's end-to-end tests`);
        }
    };
    // Per file: the incremental build rewrites only the outputs whose sources changed.
    const sources = readdirSync(PACK).filter((file) => file.endsWith(".ts"));
    const stale = sources.filter((file) => statSync(path.join(PACK, file)).mtimeMs > compiledAt(file));
    if (stale.length > 0) throw new Error(`dist/policy is older than ${stale.join(", ")}: run \`npm run build\``);
}

describe("policy pack through the pulumi CLI", () => {
    let workspace: PulumiWorkspace;
    let certificate: GeneratedCertificate;
    let configDir: string;
    const outputs: RunResult[] = [];

    /** `pulumi preview --policy-pack policy/ --policy-pack-config <file>` with the given config. */
    async function preview(referenceTime: string, config: Record<string, object> = {}): Promise<RunResult> {
        const packConfig: Record<string, object> = Object.fromEntries(TIME_DEPENDENT.map((name) => [name, { referenceTime }]));
        for (const [name, values] of Object.entries(config)) packConfig[name] = { ...packConfig[name], ...values };
        const file = path.join(configDir, `config-${outputs.length}.json`);
        writeFileSync(file, JSON.stringify(packConfig, null, 2));
        const result = await workspace.preview(["--policy-pack", PACK, "--policy-pack-config", file]);
        outputs.push(result);
        return result;
    }

    beforeAll(async () => {
        assertPackBuilt();
        configDir = mkdtempSync(path.join(tmpdir(), "policy-pack-config-"));
        certificate = await makeCertificate({ notBefore: new Date("2030-01-01T00:00:00Z"), notAfter: NOT_AFTER, commonName: "origin.example.com" });
        workspace = await createWorkspace(PROGRAM);
        // `config set-all` takes values as flag arguments: `config set key <value>` (the harness's
        // setConfig) reads a PEM's leading "-----BEGIN" as a flag.
        await workspace.mustRun([
            "config",
            "set-all",
            "--plaintext",
            `zoneId=${ZONE_ID}`,
            "--plaintext",
            `certificate=${certificate.certificate}`,
            "--secret",
            `privateKey=${certificate.privateKey}`,
        ]);
    });

    afterAll(() => {
        workspace?.dispose();
        if (configDir) rmSync(configDir, { recursive: true, force: true });
    });

    test("an advisory violation warns, and the preview passes", async () => {
        const result = await preview(DAYS_45_LEFT);
        expect(result.output).toContain("[advisory]");
        expect(result.output).toContain("cloudflare-hostname-certificate-expiry-warning");
        expect(result.output).toContain("The certificate expires in 45 days, on 2031-01-01T00:00:00Z, within the 60-day warning period");
        expect(result.output).not.toContain("[mandatory]");
        expect(result.code).toBe(0);
    });

    test("--policy-pack-config moves the thresholds", async () => {
        const result = await preview(DAYS_45_LEFT, {
            "cloudflare-hostname-certificate-expiry": { minDaysRemaining: 50 },
            "cloudflare-hostname-certificate-expiry-warning": { warnDaysRemaining: 40 },
        });
        expect(result.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-expiry\s/);
        expect(result.output).toContain("The certificate expires in 45 days, on 2031-01-01T00:00:00Z; at least 50 days must remain");
        expect(result.output).not.toContain("cloudflare-hostname-certificate-expiry-warning");
        expect(result.output).toContain("error: preview failed");
        expect(result.code).not.toBe(0);
    });

    test("a mandatory violation fails the preview and names the policy: expiry, and the zone's eleventh certificate", async () => {
        await workspace.setConfig("count", "11");
        const result = await preview(DAYS_10_LEFT);
        expect(result.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-expiry\s/);
        expect(result.output).toContain("The certificate expires in 10 days, on 2031-01-01T00:00:00Z; at least 30 days must remain");
        expect(result.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-zone-limit/);
        expect(result.output).toContain(`Zone ${ZONE_ID} has 11 hostname certificates in this stack (origin-1, origin-2, origin-3,`);
        expect(result.output).toContain("error: preview failed");
        expect(result.code).not.toBe(0);
    });

    test("after pulumi up, the stack policy judges the deployed certificate by Cloudflare's expiresOn", async () => {
        await workspace.setConfig("count", "1");
        const up = await workspace.up();
        outputs.push(up);
        expect(up.code).toBe(0);

        const result = await preview(DAYS_10_LEFT);
        expect(result.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-deployed-expiry\s/);
        expect(result.output).toMatch(/Deployed certificate [0-9a-f-]{36} \(origin\) expires in 10 days, on 2031-01-01T00:00:00Z by Cloudflare's expiresOn/);
        expect(result.code).not.toBe(0);
    });

    test("no output ever shows the private key", () => {
        expect(outputs.length).toBeGreaterThanOrEqual(5);
        const lines = pemLines(certificate.privateKey);
        expect(lines.length).toBeGreaterThan(5);
        for (const { output } of outputs) {
            expect(output).not.toContain("PRIVATE KEY");
            for (const line of lines) expect(output).not.toContain(line);
        }
    });
});
