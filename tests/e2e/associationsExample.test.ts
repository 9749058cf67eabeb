/**
 * The associations example runs against the emulator exactly as examples/README.md says: one
 * certificate on two hostnames, rotated by changing `generation`, then destroyed in one run.
 */
import { EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../emulator";
import { describeHistory, expectRotationOrder, remainingCertificates, settledCertificates } from "./associationStack";
import { makeCert, openExample } from "./exampleWorkspace";
import type { PulumiWorkspace } from "../support/pulumiWorkspace";

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

    test("a certificate on two hostnames; rotation moves both before the old one is deleted; destroy empties the emulator", async () => {
        const ws = (workspace = await openExample("associations", emulator));
        await makeCert(ws, "certs/2026-q1", "origin.example.com");
        await makeCert(ws, "certs/2026-q2", "origin.example.com");
        await ws.mustRun(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
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
