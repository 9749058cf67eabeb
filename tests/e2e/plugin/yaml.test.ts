/**
 * examples/yaml through the real CLI and Pulumi's YAML language host, the resource plugin installed
 * from its archive with `pulumi plugin install --file`, against the emulator: `up` (status lines on
 * each resource's row), `refresh` of drift made in the emulator, the policy pack judging the plugin's
 * certificate on the refreshed state, a rotation (the new certificate active and the hostname moved
 * to it before the old one is deleted), and `destroy`. The key never shows in any output.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type Emulator, startEmulator } from "../../../emulator";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN } from "../../../provider/contract";
import { pemLines } from "../../fixtures/certificates";
import { makeCert } from "../exampleWorkspace";
import type { PulumiWorkspace } from "../../support/pulumiWorkspace";
import { REPO_ROOT, type RunResult } from "../../support/process";
import { openYamlExample } from "../../support/plugin";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const HOSTNAME = "api.example.com";
const DAY_MS = 24 * 60 * 60 * 1000;

/** The output lines of the row of resource `name` of type `type`. */
function rowLines(output: string, type: string, name: string): string {
    return output
        .split("\n")
        .filter((line) => line.includes(`${type} ${name} `))
        .join("\n");
}

describe("the YAML example through the resource plugin", () => {
    let emulator: Emulator;
    let workspace: PulumiWorkspace;
    const outputs: RunResult[] = [];
    const keys: string[] = [];
    const run = async (result: Promise<RunResult>) => {
        outputs.push(await result);
        return outputs[outputs.length - 1];
    };
    const newCertificate = async () => {
        await makeCert(workspace, "client", HOSTNAME);
        keys.push(readFileSync(path.join(workspace.programDir, "client.key"), "utf8"));
    };

    beforeAll(async () => {
        // Slow enough that status reads happen while the certificate deploys and is deleted.
        emulator = await startEmulator({ timings: { activationMs: 2_000, deletionMs: 1_500 } });
        workspace = await openYamlExample(emulator, ZONE_ID, HOSTNAME);
        await newCertificate();
    });

    afterAll(async () => {
        workspace?.dispose();
        await emulator?.close();
    });

    test("up creates the certificate and its association, each with its status lines on its own row", async () => {
        const up = await run(workspace.up());
        expect(up.code).toBe(0);
        expect(rowLines(up.output, PLUGIN_CERTIFICATE_TOKEN, "origin")).toMatch(/creating \(\d+s\) certificate [0-9a-f]{8}…: pending_deployment \(\d+s elapsed\)/);
        expect(rowLines(up.output, PLUGIN_CERTIFICATE_TOKEN, "origin")).toMatch(/created \(\d+s\)/);
        expect(rowLines(up.output, PLUGIN_ASSOCIATION_TOKEN, "api")).toMatch(/created \(\d+s\)/);
        const [certificate] = emulator.certificates(ZONE_ID);
        expect(certificate.status).toBe("active");
        expect(emulator.associations(ZONE_ID)).toEqual([expect.objectContaining({ hostname: HOSTNAME, cert_id: certificate.id })]);
        expect(await workspace.outputs()).toMatchObject({ certificateId: certificate.id, status: "active", associationStatus: "active" });
    });

    test("refresh takes Cloudflare's expiresOn changed out of band, and the policy pack then fails the preview on it", async () => {
        const [certificate] = emulator.certificates(ZONE_ID);
        const now = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().replace(".000Z", "Z");
        const expiresOn = new Date(Date.parse(now) + 10 * DAY_MS).toISOString().replace(".000Z", "Z");
        emulator.setCertificateExpiry(ZONE_ID, certificate.id, expiresOn);
        const refresh = await run(workspace.refresh());
        expect(refresh.code).toBe(0);
        const [refreshed] = await workspace.stateResources(PLUGIN_CERTIFICATE_TOKEN);
        expect(refreshed.outputs.expiresOn).toBe(expiresOn);

        const packConfig = path.join(workspace.root, "policy-config.json");
        writeFileSync(packConfig, JSON.stringify({ "cloudflare-hostname-certificate-deployed-expiry": { referenceTime: now } }));
        const preview = await run(workspace.preview(["--policy-pack", path.join(REPO_ROOT, "policy"), "--policy-pack-config", packConfig]));
        expect(preview.output).toMatch(/\[mandatory\].*cloudflare-hostname-certificate-deployed-expiry\s/);
        expect(preview.output).toContain(`Deployed certificate ${certificate.id} (origin) expires in 10 days, on ${expiresOn}`);
        expect(preview.code).not.toBe(0);
    });

    test("a rotation creates the new certificate, moves the hostname to it, then deletes the old one", async () => {
        const [old] = emulator.certificates(ZONE_ID);
        await newCertificate();
        const up = await run(workspace.up());
        expect(up.code).toBe(0);
        expect(up.output).toContain("1 replaced");
        const live = emulator.certificates(ZONE_ID).filter((c) => c.status === "active");
        expect(live).toHaveLength(1);
        expect(live[0].id).not.toBe(old.id);
        expect(emulator.certificates(ZONE_ID).find((c) => c.id === old.id)?.status ?? "removed").toMatch(/deleted|removed/);
        expect(emulator.associations(ZONE_ID)).toEqual([expect.objectContaining({ hostname: HOSTNAME, cert_id: live[0].id })]);
        // Created before the old one was deleted, and the hostname moved in between (the engine's order).
        const writes = emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, "<id>")}`);
        expect(writes.slice(-3)).toEqual([expect.stringMatching(/^POST /), expect.stringMatching(/^PUT .*hostnames$/), expect.stringMatching(/^DELETE /)]);
    });

    test("destroy removes the association and the certificate", async () => {
        const destroy = await run(workspace.destroy());
        expect(destroy.code).toBe(0);
        expect(rowLines(destroy.output, PLUGIN_CERTIFICATE_TOKEN, "origin")).toMatch(/deleted \(\d+s\)/);
        expect(emulator.associations(ZONE_ID)).toEqual([]);
        expect(emulator.certificates(ZONE_ID).filter((c) => c.status !== "deleted")).toEqual([]);
    });

    test("no output ever shows a line of a key", () => {
        expect(outputs).toHaveLength(5);
        for (const { output } of outputs) for (const key of keys) for (const line of pemLines(key)) expect(output).not.toContain(line);
    });
});
