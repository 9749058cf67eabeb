/**
 * One token, several pipelines: two `pulumi up` (then `pulumi destroy`) of 30 certificates each at
 * once, on one token whose budget is small (200 requests per 60 s) and shared with a foreign client
 * (1 request/s), against an emulator that blocks the token when it goes over, as Cloudflare does.
 * Paced by the budget every answer reports, neither run is refused once, and the block never strikes.
 */
import { startEmulator } from "../../emulator";
import { CertificateStack, entry } from "./certificateStack";

const PER_STACK = 30;
const LIMIT = { requests: 200, windowMs: 60_000, blockMs: 120_000 };
const FOREIGN_RPS = 1;
/** Three zones per stack, ten certificates each (Cloudflare's limit), none shared between the stacks. */
const zone = (stack: number, i: number) => (stack * 3 + Math.floor(i / 10) + 1).toString(16).padStart(32, "0");

test("two runs of 30 certificates on one token with a small budget and a foreign client: no 429, no block, both succeed", async () => {
    const emulator = await startEmulator({ rateLimit: LIMIT, timings: { activationMs: 2_000, deletionMs: 1_000, tombstoneMs: 10_000 } });
    const stacks = [await CertificateStack.on(emulator), await CertificateStack.on(emulator)];
    try {
        for (const [s, stack] of stacks.entries()) {
            stack.write(await Promise.all(Array.from({ length: PER_STACK }, (_, i) => entry(`cert-${s}-${i}`, zone(s, i)))));
        }
        emulator.setForeignLoad(FOREIGN_RPS);

        const ups = await Promise.all(stacks.map((stack) => stack.workspace.up(["--parallel", String(PER_STACK)])));
        for (const up of ups) expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
        expect(emulator.certificates().filter((c) => c.status === "active")).toHaveLength(2 * PER_STACK);

        const destroys = await Promise.all(stacks.map((stack) => stack.workspace.destroy(["--parallel", String(PER_STACK)])));
        for (const destroy of destroys) expect({ code: destroy.code, output: destroy.code === 0 ? "" : destroy.output }).toEqual({ code: 0, output: "" });
        expect(stacks[0].remaining()).toEqual([]);

        const requests = emulator.requests;
        const foreign = emulator.foreignLoad();
        expect(requests.filter((r) => r.status === 429)).toEqual([]);
        expect(foreign.refused).toBe(0);
        // The budget did bind: together, more requests than one window allows.
        expect(requests.length + foreign.sent).toBeGreaterThan(LIMIT.requests);
        const held = [...ups, ...destroys].flatMap((run) => run.output.split("\n")).filter((line) => line.includes("for Cloudflare's rate budget"));
        process.stdout.write(`shared token: ${requests.length} requests of ours, ${foreign.sent} foreign, no 429; ${held.length} rows told of a wait\n`);
    } finally {
        for (const stack of stacks) await stack.dispose();
    }
}, 900_000);
