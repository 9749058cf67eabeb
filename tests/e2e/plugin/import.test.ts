/**
 * `pulumi import` through the resource plugin and the real CLI: a certificate and its hostname's
 * association made outside Pulumi (straight through the API) are imported by `<zoneId>/<certificateId>`
 * and `<zoneId>/<hostname>`. Importing only reads: nothing is uploaded or changed. The next `up` of
 * examples/yaml, which declares the same certificate with its key, replaces nothing and writes nothing.
 * An ID that is malformed or names no certificate fails, saying so.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, type Emulator, startEmulator } from "../../../emulator";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN } from "../../../provider/contract";
import { keyFingerprint } from "../../../provider/core/pem";
import { makeCert } from "../exampleWorkspace";
import type { PulumiWorkspace } from "../../support/pulumiWorkspace";
import { openYamlExample } from "../../support/plugin";
import { show } from "../../support/transcript";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const HOSTNAME = "api.example.com";

/** A call to the emulator's Cloudflare API, as another tool on the same account would make it. */
async function api(emulator: Emulator, method: string, route: string, body: unknown): Promise<{ result: { id?: string } }> {
    const response = await fetch(`${emulator.url}/zones/${ZONE_ID}/origin_tls_client_auth/hostnames${route}`, {
        method,
        headers: { authorization: `Bearer ${DEFAULT_API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json() as Promise<{ result: { id?: string } }>;
}

/** Requests that change something, from `from` on. */
const writesSince = (emulator: Emulator, from: number) => emulator.requests.slice(from).filter((r) => r.method !== "GET");

describe("pulumi import through the resource plugin", () => {
    let emulator: Emulator;
    let workspace: PulumiWorkspace;
    let certificateId: string;
    let privateKey: string;

    beforeAll(async () => {
        emulator = await startEmulator({ timings: { activationMs: 500 } });
        workspace = await openYamlExample(emulator, ZONE_ID, HOSTNAME);
        // The program's files hold the certificate and key that were uploaded without Pulumi.
        await makeCert(workspace, "client", HOSTNAME);
        const certificate = readFileSync(path.join(workspace.programDir, "client.pem"), "utf8");
        privateKey = readFileSync(path.join(workspace.programDir, "client.key"), "utf8");
        certificateId = (await api(emulator, "POST", "/certificates", { certificate, private_key: privateKey })).result.id!;
        await api(emulator, "PUT", "", { config: [{ hostname: HOSTNAME, cert_id: certificateId, enabled: true }] });
    });

    afterAll(async () => {
        workspace?.dispose();
        await emulator?.close();
    });

    test("imports the certificate by <zoneId>/<certificateId> and the association by <zoneId>/<hostname>, reading only", async () => {
        const from = emulator.requests.length;
        const certificate = await workspace.run(["import", PLUGIN_CERTIFICATE_TOKEN, "origin", `${ZONE_ID}/${certificateId}`, "--yes", "--color=never"]);
        show(`pulumi import ${PLUGIN_CERTIFICATE_TOKEN} origin ${ZONE_ID}/${certificateId} --yes`, certificate, 30);
        expect(certificate.code).toBe(0);
        expect(certificate.output).toContain("imported without its private key, which Cloudflare never returns: add privateKey (a secret) to the program");
        expect(certificate.output).not.toContain("failed to validate");
        const association = await workspace.run(["import", PLUGIN_ASSOCIATION_TOKEN, "api", `${ZONE_ID}/${HOSTNAME}`, "--yes", "--color=never"]);
        show(`pulumi import ${PLUGIN_ASSOCIATION_TOKEN} api ${ZONE_ID}/${HOSTNAME} --yes`, association, 30);
        expect(association.code).toBe(0);
        expect(writesSince(emulator, from)).toEqual([]);

        const [origin] = await workspace.stateResources(PLUGIN_CERTIFICATE_TOKEN);
        expect(origin.id).toBe(certificateId);
        expect(origin.outputs).toMatchObject({ zoneId: ZONE_ID, certificateId, status: "active", privateKeyFingerprint: keyFingerprint(privateKey) });
        const [api] = await workspace.stateResources(PLUGIN_ASSOCIATION_TOKEN);
        expect(api.id).toBe(`${ZONE_ID}/${HOSTNAME}`);
        expect(api.outputs).toMatchObject({ hostname: HOSTNAME, certificateId, enabled: true, status: "active", ownership: "imported", managedCertificateId: certificateId });
    });

    test("the next up, with the key declared, replaces nothing and writes nothing", async () => {
        const from = emulator.requests.length;
        const up = await workspace.up();
        show("pulumi up --yes --skip-preview", up, 12);
        expect(up.code).toBe(0);
        expect(up.output).not.toMatch(/replace/);
        expect(writesSince(emulator, from)).toEqual([]);
        // The key is now in state, encrypted, and never among the outputs.
        const [origin] = await workspace.stateResources(PLUGIN_CERTIFICATE_TOKEN);
        expect(origin.inputs.privateKey).toHaveProperty("ciphertext");
        expect(origin.outputs).not.toHaveProperty("privateKey");
    });

    test.each([
        ["not <zoneId>/<certificateId>", certificateIdOnly, /import ID "[0-9a-f-]{36}" is not <zoneId>\/<certificateId>/],
        ["no such certificate", () => `${ZONE_ID}/2458ce5a-0c35-4c7f-82c7-8e9487d3ff60`, /zone 023e105f4ecef8ad9ca31a8372d0c353 has no certificate 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60/],
    ])("an import ID with %s fails, saying what is wrong", async (_what, id, message) => {
        const from = emulator.requests.length;
        const result = await workspace.run(["import", PLUGIN_CERTIFICATE_TOKEN, "other", id(), "--yes", "--color=never"]);
        show(`pulumi import ${PLUGIN_CERTIFICATE_TOKEN} other ${id()} --yes`, result, 6);
        expect(result.code).not.toBe(0);
        expect(result.output).toMatch(message);
        expect(writesSince(emulator, from)).toEqual([]);
    });

    function certificateIdOnly(): string {
        return certificateId;
    }
});
