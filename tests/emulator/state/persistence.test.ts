/**
 * Persistence: a stopped and restarted emulator with the same state file keeps its state.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock, startEmulator } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { call, paths, putHostnames, upload } from "../helpers";

describe("state file", () => {
    let dir: string;
    let file: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
        file = join(dir, "state.json");
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test("certificates, associations and their timelines survive a restart", async () => {
        const start = Date.now();
        const first = await startEmulator({ clock: new ManualClock(start), stateFile: file });
        const made = await makeCertificate();
        const id = (await upload(first, made)).json.result.id as string;
        await putHostnames(first, [{ hostname: "app.example.com", cert_id: id, enabled: true }]);
        await first.close();

        const second = await startEmulator({ clock: new ManualClock(start + 1_000), stateFile: file });
        try {
            expect((await call(second, "GET", paths.certificate(id))).json.result).toMatchObject({ id, status: "active", certificate: made.certificate });
            expect((await call(second, "GET", paths.hostname("app.example.com"))).json.result).toMatchObject({ cert_id: id, status: "active" });
            expect((await upload(second, made)).status).toBe(400); // still a duplicate
            expect(second.history.map((e) => e.status)).toContain("active");
        } finally {
            await second.close();
        }
    });

    test("the file holds no private key and is readable only by its owner", async () => {
        const emulator = await startEmulator({ stateFile: file });
        const made = await makeCertificate();
        await upload(emulator, made);
        await emulator.close();
        const text = readFileSync(file, "utf8");
        expect(text).toContain(made.certificate.split("\n")[1]);
        expect(text).not.toContain("PRIVATE KEY");
        expect(text).not.toContain(made.privateKey.split("\n")[1]);
        expect(statSync(file).mode & 0o777).toBe(0o600);
    });

    test("reset empties the file too", async () => {
        const emulator = await startEmulator({ stateFile: file });
        await upload(emulator, await makeCertificate());
        emulator.reset();
        await emulator.close();
        const again = await startEmulator({ stateFile: file });
        try {
            expect(again.certificates()).toEqual([]);
        } finally {
            await again.close();
        }
    });

    test("a file that is not emulator state is refused", async () => {
        writeFileSync(file, JSON.stringify({ hello: "world" }));
        await expect(startEmulator({ stateFile: file })).rejects.toThrow(/not an emulator state file/);
    });
});
