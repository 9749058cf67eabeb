/**
 * Each example runs against the emulator exactly as examples/README.md says: the same config
 * commands (stdin for the secret key, --path for structured config), then up and destroy.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../emulator";
import { expectRotationOrder } from "./associationStack";
import { makeCert, openExample } from "./exampleWorkspace";
import type { PulumiWorkspace } from "../support/pulumiWorkspace";

const SECOND_ZONE = "0123456789abcdef0123456789abcdef";

describe("examples", () => {
    let emulator: Emulator;
    let workspace: PulumiWorkspace | undefined;
    beforeEach(async () => {
        emulator = await startEmulator();
    });
    afterEach(async () => {
        workspace?.dispose();
        await emulator.close();
    });

    async function example(name: string): Promise<PulumiWorkspace> {
        return (workspace = await openExample(name, emulator));
    }

    const live = () => emulator.certificates().filter((c) => c.status !== "deleted");

    test("basic", async () => {
        const ws = await example("basic");
        await makeCert(ws, "client", "api.example.com");
        await ws.mustRun(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
        await ws.mustRun(["config", "set", "--secret", "clientKey"], { input: readFileSync(path.join(ws.programDir, "client.key"), "utf8") });
        await ws.mustRun(["up", "--yes"]);
        expect(await ws.outputs()).toMatchObject({ status: "active" });
        expect(live()).toHaveLength(1);
        await ws.mustRun(["destroy", "--yes"]);
        expect(live()).toEqual([]);
    });

    test("many", async () => {
        const ws = await example("many");
        await makeCert(ws, "certs/api", "api.example.com");
        await makeCert(ws, "certs/shop", "shop.example.com");
        const entries = [
            ["api", EXAMPLE_ZONE_ID],
            ["shop", SECOND_ZONE],
        ];
        for (const [i, [name, zoneId]] of entries.entries()) {
            await ws.mustRun(["config", "set", "--path", `certificates[${i}].name`, name]);
            await ws.mustRun(["config", "set", "--path", `certificates[${i}].zoneId`, zoneId]);
            await ws.mustRun(["config", "set", "--path", `certificates[${i}].certificateFile`, `certs/${name}.pem`]);
            await ws.mustRun(["config", "set", "--path", `certificates[${i}].keyFile`, `certs/${name}.key`]);
        }
        await ws.mustRun(["up", "--yes"]);
        const { deployed } = (await ws.outputs()) as { deployed: Array<{ zoneId: string; status: string }> };
        expect(deployed.map((d) => [d.zoneId, d.status])).toEqual([
            [EXAMPLE_ZONE_ID, "active"],
            [SECOND_ZONE, "active"],
        ]);
        expect(live().map((c) => c.zone_id).sort()).toEqual([EXAMPLE_ZONE_ID, SECOND_ZONE].sort());
        await ws.mustRun(["destroy", "--yes"]);
        expect(live()).toEqual([]);
    });

    test("rotation: the new certificate is active before the old one is deleted", async () => {
        const ws = await example("rotation");
        await makeCert(ws, "certs/2026-q1", "api.example.com");
        await makeCert(ws, "certs/2026-q2", "api.example.com");
        await ws.mustRun(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
        await ws.mustRun(["config", "set", "generation", "2026-q1"]);
        await ws.mustRun(["up", "--yes"]);
        const first = (await ws.outputs()).certificateId as string;

        await ws.mustRun(["config", "set", "generation", "2026-q2"]);
        const rotate = await ws.mustRun(["up", "--yes"]);
        expect(rotate.output).toContain("1 replaced");
        const second = (await ws.outputs()).certificateId as string;
        expect(second).not.toBe(first);

        // In time order: the new certificate active, then the old one deleting.
        expectRotationOrder(emulator.history, first, second, []);
        expect(live().map((c) => c.id)).toEqual([second]);

        await ws.mustRun(["destroy", "--yes"]);
        expect(live()).toEqual([]);
    });
});
