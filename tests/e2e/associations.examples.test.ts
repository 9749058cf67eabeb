/**
 * The associations example runs against the emulator exactly as examples/README.md says: one
 * certificate on two hostnames, rotated by changing `generation`, then destroyed in one run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../emulator";
import { makeCertificate } from "../fixtures/certificates";
import { describeHistory, expectRotationOrder, remainingCertificates, settledCertificates } from "./associationStack";
import { createWorkspace, REPO_ROOT, type PulumiWorkspace } from "./harness";

const HOSTS = ["api.example.com", "www.example.com"];

describe("associations example", () => {
    let emulator: Emulator;
    let workspace: PulumiWorkspace | undefined;
    beforeEach(async () => {
        emulator = await startEmulator();
    });
    afterEach(async () => {
        workspace?.dispose();
        await emulator.close();
    });

    /** `make_cert <prefix> <cn>` from the README, with a generated certificate. */
    async function makeCert(prefix: string, commonName: string): Promise<void> {
        const made = await makeCertificate({ commonName, keyType: "ec", freshKey: true });
        mkdirSync(path.dirname(path.join(workspace!.programDir, prefix)), { recursive: true });
        writeFileSync(path.join(workspace!.programDir, `${prefix}.pem`), made.certificate);
        writeFileSync(path.join(workspace!.programDir, `${prefix}.key`), made.privateKey);
    }

    test("a certificate on two hostnames; rotation moves both before the old one is deleted; destroy empties the emulator", async () => {
        const ws = (workspace = await createWorkspace(path.join(REPO_ROOT, "examples", "associations"), { stack: "dev" }));
        await makeCert("certs/2026-q1", "origin.example.com");
        await makeCert("certs/2026-q2", "origin.example.com");
        await ws.mustRun(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
        await ws.mustRun(["config", "set", "cloudflare:baseUrl", emulator.url]);
        await ws.mustRun(["config", "set", "--secret", "cloudflare:apiToken", DEFAULT_API_TOKEN]);
        await ws.mustRun(["config", "set", "generation", "2026-q1"]);
        await ws.mustRun(["up", "--yes"]);
        const first = await ws.outputs();
        expect(first.hostnameStatus).toEqual({ "api.example.com": "active", "www.example.com": "active" });

        await ws.mustRun(["config", "set", "generation", "2026-q2"]);
        const rotate = await ws.mustRun(["up", "--yes"]);
        expect(rotate.output).toContain("+-1 replaced");
        expect(rotate.output).toContain("~ 2 updated");
        const second = await ws.outputs();
        expect(second.certificateId).not.toBe(first.certificateId);
        expect(second.hostnameStatus).toEqual(first.hostnameStatus);
        const [oldId, newId] = [first.certificateId as string, second.certificateId as string];
        expect(remainingCertificates(emulator).map((c) => c.id)).toEqual([newId]);
        const history = emulator.history;
        expectRotationOrder(history, oldId, newId, HOSTS);
        process.stdout.write(`associations example, rotation:\n${describeHistory(history, { [oldId]: "2026-q1", [newId]: "2026-q2" })}\n`);

        const destroy = await ws.mustRun(["destroy", "--yes"]);
        expect(destroy.output).toContain("4 deleted");
        expect(emulator.associations()).toEqual([]);
        expect(await settledCertificates(emulator)).toEqual([]);
    });
});
