/**
 * Killing `pulumi up` while certificates are being polled, then recovering the way the README says
 * (section "Interrupted runs"):
 *
 * - SIGINT: the engine cancels, waits for the operations in flight, records them and exits; the
 *   next `pulumi up` finishes the rest.
 * - SIGKILL of `pulumi` alone: the lock and the pending creates stay behind (the plugin processes
 *   see the engine gone and exit: `lifecycle/killedEngine.test.ts`).
 *   `pulumi cancel --yes` removes the lock, `pulumi refresh --clear-pending-creates --yes` drops the
 *   creates that never reported back. The next `pulumi up` does not adopt what they had uploaded on
 *   its own (nothing shows whose it is): it fails naming each certificate, and `pulumi up` with the
 *   recovery switch `CLOUDFLARE_ADOPT_EXISTING=<those ids>` adopts them.
 *
 * Either way the run converges: the API holds exactly the state's certificates, all active, each
 * uploaded once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { CertificateStack, entry, ZONES } from "./certificateStack";
import { descendants, stopAll, until } from "../support/processes";

const CERTIFICATES = 6;
/** Three at a time: the kill finds three certificates polling and three not started. */
const PARALLEL = 3;

interface Running {
    child: ChildProcess;
    output: () => string;
    exited: Promise<number | NodeJS.Signals>;
}

/** Starts `pulumi up` and keeps the handle, so the test can signal it. */
function startUp(stack: CertificateStack): Running {
    const ws = stack.workspace;
    const args = ["up", "--yes", "--skip-preview", "--color=never", "--non-interactive", "--parallel", String(PARALLEL)];
    const child = spawn("pulumi", args, { cwd: ws.programDir, env: ws.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on("close", (code, signal) => resolve(code ?? signal!)));
    return { child, output: () => output, exited };
}

/** Starts `pulumi up` of six certificates that take 5 s to activate; resolves once three are uploaded. */
async function upUntilPolling(stack: CertificateStack): Promise<Running> {
    stack.write(await Promise.all(Array.from({ length: CERTIFICATES }, (_, i) => entry(`kill-${i}`, ZONES[0]))));
    const running = startUp(stack);
    await until(() => stack.held().length >= PARALLEL, "the first certificates are uploaded");
    await until(() => stack.held().every((c) => c.status === "pending_deployment"), "they are being polled");
    return running;
}

/** The end state both scenarios must reach. */
async function expectConverged(stack: CertificateStack): Promise<void> {
    const state = await stack.stateCertificates();
    expect(state).toHaveLength(CERTIFICATES);
    const held = stack.held();
    expect(held.map((c) => c.id).sort()).toEqual(state.map((r) => r.id).sort());
    expect(held.every((c) => c.status === "active")).toBe(true);
    const uploads = stack.emulator.history.filter((e) => e.kind === "certificate" && e.status === "initializing");
    expect(uploads).toHaveLength(CERTIFICATES);
}

async function withStack(run: (stack: CertificateStack) => Promise<void>): Promise<void> {
    const stack = await CertificateStack.start({ emulator: { timings: { activationMs: 5_000 } } });
    try {
        await run(stack);
        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        expect(stack.remaining()).toEqual([]);
    } finally {
        await stack.dispose();
    }
}

test("SIGINT: the engine finishes the creates in flight and records them; the next up creates the rest", async () => {
    await withStack(async (stack) => {
        const running = await upUntilPolling(stack);
        const polling = stack.held().length;
        running.child.kill("SIGINT");
        expect(await running.exited).not.toBe(0);
        expect(running.output()).toMatch(/\^C received; cancelling/);
        expect(running.output()).toMatch(/update canceled/);
        // What was in flight finished and is in state; nothing is pending.
        const exported = JSON.parse(await stack.workspace.exportStackText());
        expect(exported.deployment.pending_operations ?? []).toEqual([]);
        expect((await stack.stateCertificates()).length).toBe(polling);

        const up = await stack.workspace.up();
        expect(up.code).toBe(0);
        expect(up.output).not.toMatch(/adopting/);
        await expectConverged(stack);
    });
}, 180_000);

test("SIGKILL: after pulumi cancel and refresh --clear-pending-creates, up names the uploads and the recovery switch adopts them", async () => {
    await withStack(async (stack) => {
        const running = await upUntilPolling(stack);
        const plugins = descendants(running.child.pid!);
        try {
            running.child.kill("SIGKILL");
            await running.exited;
            const uploaded = stack.held().map((c) => c.id);
            const exported = JSON.parse(await stack.workspace.exportStackText());
            const pending = exported.deployment.pending_operations ?? [];
            expect(pending.map((o: { type: string }) => o.type)).toEqual(uploaded.map(() => "creating"));

            const locked = await stack.workspace.up();
            expect(locked.code).not.toBe(0);
            expect(locked.output).toMatch(/the stack is currently locked/);

            await stack.workspace.mustRun(["cancel", "--yes"]);
            const refresh = await stack.workspace.refresh(["--clear-pending-creates"]);
            expect(refresh.code).toBe(0);
            expect(JSON.parse(await stack.workspace.exportStackText()).deployment.pending_operations ?? []).toEqual([]);

            // Every create runs: a plain up starts no new create after the first failure, so it names
            // only the uploads whose creates it had started by then (which ones depends on timing).
            const up = await stack.workspace.up(["--continue-on-error"]);
            expect(up.code).not.toBe(0);
            const named = new Set([...up.output.matchAll(/already in zone \w+ as ([0-9a-f-]{36})/g)].map((m) => m[1]));
            expect([...named].sort()).toEqual([...uploaded].sort());
            expect(up.output).not.toMatch(/adopting/);

            const recover = await stack.workspace.up([], { CLOUDFLARE_ADOPT_EXISTING: [...named].join(",") });
            expect(recover.code).toBe(0);
            const adopted = new Set([...recover.output.matchAll(/adopting the identical certificate ([0-9a-f-]{36})/g)].map((m) => m[1]));
            expect([...adopted].sort()).toEqual([...uploaded].sort());
            await expectConverged(stack);
        } finally {
            // Should the killed CLI's plugin processes (language host, dynamic provider) outlive it.
            stopAll(plugins);
        }
    });
}, 180_000);
