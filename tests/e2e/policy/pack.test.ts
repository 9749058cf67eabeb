/**
 * The policy pack through the real CLI: `pulumi preview --policy-pack policy/`, offline, with a
 * file backend.
 *
 * On a program that declares HostnameCertificates with a stand-in provider that calls no API
 * (tests/e2e/programs/policyStandIn), the policies that judge the inputs:
 * - an advisory violation warns and the preview passes;
 * - `--policy-pack-config` moves the thresholds;
 * - a mandatory violation fails the preview and names the policy (expiry, and the zone limit);
 * - the private key never appears in any output.
 * Time is pinned with the policies' `referenceTime` config, so one certificate with a fixed
 * validity (2030-01-01 to 2031-01-01) is "45 days from expiry" or "10 days from expiry" as needed.
 *
 * On the real HostnameCertificate against the emulator:
 * - the stack policy that judges what Cloudflare reports: the deployed certificate's `expiresOn`
 *   changes in the emulator, and after `pulumi refresh` the preview shows the violation;
 * - new certificates for every one of a full zone's ten warn that replacements need free slots.
 *
 * The pack runs the compiled dist/policy/pack.js, which jest's global setup builds.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { createWorkspace, type PulumiWorkspace } from "../../support/pulumiWorkspace";
import { REPO_ROOT, type RunResult } from "../../support/process";
import { type GeneratedCertificate, makeCertificate, pemLines } from "../../fixtures/certificates";
import { CertificateStack, entry } from "../certificateStack";

const PACK = path.join(REPO_ROOT, "policy");
const PROGRAM = path.join(__dirname, "..", "programs", "policyStandIn");
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

/** Lines of the private key's base64 body: none may appear in any output. */
function expectNoKeyIn(outputs: RunResult[], privateKey: string): void {
    const lines = pemLines(privateKey);
    expect(lines.length).toBeGreaterThan(5);
    for (const { output } of outputs) {
        expect(output).not.toContain("PRIVATE KEY");
        for (const line of lines) expect(output).not.toContain(line);
    }
}

let configFiles = 0;

/** `pulumi preview --policy-pack policy/ --policy-pack-config <file>`: every time-dependent policy at `referenceTime`, plus `config`. */
function previewWithPack(workspace: PulumiWorkspace, referenceTime: string, config: Record<string, object> = {}): Promise<RunResult> {
    const packConfig: Record<string, object> = Object.fromEntries(TIME_DEPENDENT.map((name) => [name, { referenceTime }]));
    for (const [name, values] of Object.entries(config)) packConfig[name] = { ...packConfig[name], ...values };
    const file = path.join(workspace.root, `policy-config-${++configFiles}.json`);
    writeFileSync(file, JSON.stringify(packConfig, null, 2));
    return workspace.preview(["--policy-pack", PACK, "--policy-pack-config", file]);
}

describe("policy pack through the pulumi CLI", () => {
    let workspace: PulumiWorkspace;
    let certificate: GeneratedCertificate;
    const outputs: RunResult[] = [];

    async function preview(referenceTime: string, config: Record<string, object> = {}): Promise<RunResult> {
        const result = await previewWithPack(workspace, referenceTime, config);
        outputs.push(result);
        return result;
    }

    beforeAll(async () => {
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

    afterAll(() => workspace?.dispose());

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

    test("no output ever shows the private key", () => {
        expect(outputs).toHaveLength(3);
        expectNoKeyIn(outputs, certificate.privateKey);
    });
});

describe("the deployed-expiry policy on a real HostnameCertificate against the emulator", () => {
    const DAY_MS = 24 * 60 * 60 * 1000;

    test("Cloudflare's expiresOn changes out of band: after pulumi refresh, the preview fails with the violation", async () => {
        const stack = await CertificateStack.start();
        const outputs: RunResult[] = [];
        const run = async (result: Promise<RunResult>) => {
            outputs.push(await result);
            return outputs[outputs.length - 1];
        };
        try {
            const origin = await entry("origin"); // valid for a year from yesterday
            stack.write([origin]);
            expect((await run(stack.workspace.up())).code).toBe(0);
            const [deployed] = stack.held();

            const now = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().replace(".000Z", "Z");
            const expiresOn = new Date(Date.parse(now) + 10 * DAY_MS);
            stack.emulator.setCertificateExpiry(ZONE_ID, deployed.id, expiresOn);
            expect((await run(stack.workspace.refresh())).code).toBe(0);
            const result = await run(previewWithPack(stack.workspace, now));
            expect(result.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-deployed-expiry\s/);
            expect(result.output).toContain(
                `Deployed certificate ${deployed.id} (origin) expires in 10 days, on ${expiresOn.toISOString().replace(".000Z", "Z")} by Cloudflare's expiresOn`,
            );
            expect(result.output).toContain("error: preview failed");
            expect(result.code).not.toBe(0);
            expectNoKeyIn(outputs, origin.privateKey);
        } finally {
            await stack.dispose();
        }
    });
});

describe("a full zone on real HostnameCertificates against the emulator", () => {
    test("a new certificate for every one of the zone's ten warns that replacements need free slots", async () => {
        const stack = await CertificateStack.start();
        try {
            const names = Array.from({ length: 10 }, (_, index) => `origin-${index + 1}`);
            stack.write(await Promise.all(names.map((name) => entry(name, ZONE_ID))));
            expect((await stack.workspace.up()).code).toBe(0);

            const renewed = await Promise.all(names.map((name) => entry(name, ZONE_ID)));
            stack.write(renewed);
            const result = await previewWithPack(stack.workspace, new Date().toISOString());
            expect(result.output).toMatch(/\[advisory\].*cloudflare-hostname-certificate-zone-limit-replacement/);
            expect(result.output).toContain(`Zone ${ZONE_ID}: this stack has 10 hostname certificates in it, and 10 of them change in this update without deleteBeforeReplace`);
            expect(result.output).toContain("the zone needs 20 slots at once");
            expect(result.output).not.toContain("[mandatory]");
            expect(result.code).toBe(0);
            expectNoKeyIn([result], renewed[0].privateKey);
        } finally {
            await stack.dispose();
        }
    });
});
