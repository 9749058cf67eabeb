/**
 * Each example runs against the emulator exactly as examples/README.md says: the same config
 * commands (stdin for the secret key, --path for structured config), then up and destroy.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator } from "../../emulator";
import { makeCertificate } from "../fixtures/certificates";
import { createWorkspace, REPO_ROOT, type PulumiWorkspace } from "./harness";

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

    /** `make_cert <prefix> <cn>` from the README, with a generated certificate. */
    async function makeCert(prefix: string, commonName: string): Promise<void> {
        const made = await makeCertificate({ commonName, keyType: "ec", freshKey: true });
        mkdirSync(path.dirname(path.join(workspace!.programDir, prefix)), { recursive: true });
        writeFileSync(path.join(workspace!.programDir, `${prefix}.pem`), made.certificate);
        writeFileSync(path.join(workspace!.programDir, `${prefix}.key`), made.privateKey);
    }

    async function example(name: string): Promise<PulumiWorkspace> {
        workspace = await createWorkspace(path.join(REPO_ROOT, "examples", name), { stack: "dev" });
        await workspace.mustRun(["config", "set", "cloudflare:baseUrl", emulator.url]);
        await workspace.mustRun(["config", "set", "--secret", "cloudflare:apiToken", DEFAULT_API_TOKEN]);
        return workspace;
    }

    const live = () => emulator.certificates().filter((c) => c.status !== "deleted");

    test("basic", async () => {
        const ws = await example("basic");
        await makeCert("client", "api.example.com");
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
        await makeCert("certs/api", "api.example.com");
        await makeCert("certs/shop", "shop.example.com");
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
        await makeCert("certs/2026-q1", "api.example.com");
        await makeCert("certs/2026-q2", "api.example.com");
        await ws.mustRun(["config", "set", "zoneId", EXAMPLE_ZONE_ID]);
        await ws.mustRun(["config", "set", "generation", "2026-q1"]);
        await ws.mustRun(["up", "--yes"]);
        const first = (await ws.outputs()).certificateId as string;

        await ws.mustRun(["config", "set", "generation", "2026-q2"]);
        const rotate = await ws.mustRun(["up", "--yes"]);
        expect(rotate.output).toContain("1 replaced");
        const second = (await ws.outputs()).certificateId as string;
        expect(second).not.toBe(first);

        const seqOf = (id: string, status: string) =>
            emulator.history.find((e) => e.kind === "certificate" && e.id === id && e.status === status)!.seq;
        expect(seqOf(first, "pending_deletion")).toBeGreaterThan(seqOf(second, "active"));
        expect(live().map((c) => c.id)).toEqual([second]);

        await ws.mustRun(["destroy", "--yes"]);
        expect(live()).toEqual([]);
    });
});
