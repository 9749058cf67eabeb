/**
 * Through the real CLI: `pulumi up` killed mid-wait with SIGKILL to its whole process group, as a CI
 * runner cancels a job. The engine starts its plugins in process groups of their own, so the kill
 * does not reach them: each must see by itself that the engine is gone. Afterwards none of the
 * processes the run started (the language host, the program it runs, the dynamic provider) is left,
 * and the emulator gets no further request.
 */
import { spawn } from "node:child_process";
import { CertificateStack, entry } from "../certificateStack";
import { descendants, type ProcessInfo, stillRunning, stopAll, until } from "../../support/processes";

jest.setTimeout(180_000);

/** What each process the CLI started is, by its command line. */
function kind({ command }: ProcessInfo): string {
    if (command.includes("pulumi-language-nodejs")) return "language host";
    if (command.includes("/cmd/dynamic-provider")) return "dynamic provider";
    if (command.includes("/cmd/run")) return "program";
    return command;
}

let stack: CertificateStack;
afterEach(async () => stack?.dispose());

test("SIGKILL of pulumi's process group while a certificate deploys: every process it started exits, and no request follows", async () => {
    // Never active within the test: the create is still waiting when the kill comes.
    stack = await CertificateStack.start({ emulator: { timings: { activationMs: 3_600_000 } } });
    stack.write([await entry("api")]);
    const ws = stack.workspace;
    const args = ["up", "--yes", "--skip-preview", "--color=never", "--non-interactive"];
    const child = spawn("pulumi", args, { cwd: ws.programDir, env: ws.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout!.resume();
    child.stderr!.resume();
    const exited = new Promise((resolve) => child.on("close", resolve));
    const reads = () => stack.emulator.requests.filter((r) => r.method === "GET").length;
    await until(() => stack.held().length === 1 && reads() >= 2, "the certificate is uploaded and its status read");

    const started = descendants(child.pid!);
    try {
        expect(new Set(started.map(kind))).toEqual(new Set(["language host", "program", "dynamic provider"]));
        process.kill(-child.pid!, "SIGKILL");
        await exited;
        await until(() => stillRunning(started).length === 0, "every process the run started has exited", 30_000);
        const seen = stack.emulator.requests.length;
        // A provider still waiting would read the status again within 4 s (the longest poll gap).
        await new Promise((resolve) => setTimeout(resolve, 6_000));
        expect(stack.emulator.requests.length).toBe(seen);
        expect(stillRunning(started)).toEqual([]);
        // Killed while it waited: uploaded once, never deleted, and the engine's state keeps it as a pending create.
        expect(stack.emulator.requests.filter((r) => r.method !== "GET").map((r) => r.method)).toEqual(["POST"]);
        const exported = JSON.parse(await ws.exportStackText());
        expect((exported.deployment.pending_operations ?? []).map((o: { type: string }) => o.type)).toEqual(["creating"]);
    } finally {
        stopAll(started);
    }
});
