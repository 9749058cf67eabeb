/**
 * Many certificates at once through the real engine: 30 across 3 zones (Cloudflare allows 10 per
 * zone), with `--parallel 10` (in waves) and with `--parallel 30` (all at once), up and destroy;
 * and what they cost, counted from the emulator's request log: the certificates of a zone share
 * their status reads, one request per zone per round, through the dynamic provider and the resource plugin alike.
 */
import type { OperationName, RequestLogEntry } from "../../emulator";
import type { RunResult } from "../support/process";
import { CertificateStack, entry, FLAVOURS, ZONES } from "./certificateStack";

const CERTIFICATES = 30;

async function thirtyCertificates(stack: CertificateStack) {
    stack.write(await Promise.all(Array.from({ length: CERTIFICATES }, (_, i) => entry(`cert-${i}`, ZONES[i % ZONES.length]))));
}

/** Status reads (lists and single GETs) in `requests`, grouped by zone. */
function statusReadsByZone(requests: RequestLogEntry[]): Map<string, RequestLogEntry[]> {
    const byZone = new Map<string, RequestLogEntry[]>();
    for (const r of requests.filter((r) => r.method === "GET")) byZone.set(r.zone_id!, [...(byZone.get(r.zone_id!) ?? []), r]);
    return byZone;
}

test("30 certificates across 3 zones with --parallel 10 are created active and destroyed", async () => {
    const stack = await CertificateStack.start();
    try {
        await thirtyCertificates(stack);
        const up = await stack.workspace.up(["--parallel", "10"]);
        expect(up.code).toBe(0);
        const held = stack.held();
        expect(held).toHaveLength(30);
        expect(held.every((c) => c.status === "active")).toBe(true);
        for (const zone of ZONES) expect(held.filter((c) => c.zone_id === zone)).toHaveLength(10);
        expect(await stack.stateCertificates()).toHaveLength(30);

        const destroy = await stack.workspace.destroy(["--parallel", "10"]);
        expect(destroy.code).toBe(0);
        expect(stack.remaining()).toEqual([]);
    } finally {
        await stack.dispose();
    }
});

/** Polls (real time) until `condition` holds. */
async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/**
 * Runs `command` (an up or a destroy of every certificate at once) against an emulator on its manual
 * clock, so nothing changes status until the test says: once every certificate's `operation` (upload,
 * delete) is in and each zone has been listed twice since (every wait has joined its zone's board),
 * the clock moves `advanceMs` and every status changes at once. Returns the requests the command
 * made, and those made after the change.
 */
async function allAtOnce(stack: CertificateStack, command: Promise<RunResult>, operation: OperationName, advanceMs: number) {
    const from = stack.emulator.requests.length;
    const since = () => stack.emulator.requests.slice(from);
    await until(() => since().filter((r) => r.operation === operation).length === CERTIFICATES, `every ${operation} is in`);
    const last = since().map((r) => r.operation).lastIndexOf(operation);
    const listedTwice = () => ZONES.every((zone) => since().slice(last).filter((r) => r.zone_id === zone && r.operation === "hostnameCertificates.list").length >= 2);
    await until(listedTwice, "each zone is listed twice after the last one");
    const changedAt = stack.emulator.requests.length;
    stack.emulator.advance(advanceMs);
    const result = await command;
    expect(result.code).toBe(0);
    return { requests: since(), afterChange: stack.emulator.requests.slice(changedAt) };
}

test.each(FLAVOURS)("%s provider: an up and a destroy of 30 certificates read each zone's statuses once per round: once they change, one list per zone settles all ten", async (flavour) => {
    // On the emulator's manual clock; deleted certificates stay listed as on Cloudflare, so the list can say they are gone.
    const timings = { initializingMs: 250, activationMs: 2_000, deletionMs: 1_000, tombstoneMs: 10_000 };
    const stack = await CertificateStack.start({ emulator: { clock: "manual", timings }, flavour });
    try {
        await thirtyCertificates(stack);
        const up = await allAtOnce(stack, stack.workspace.up(["--parallel", String(CERTIFICATES)]), "hostnameCertificates.create", timings.initializingMs + timings.activationMs);
        expect(stack.held().map((c) => c.status)).toEqual(Array(CERTIFICATES).fill("active"));
        const destroy = await allAtOnce(stack, stack.workspace.destroy(["--parallel", String(CERTIFICATES)]), "hostnameCertificates.delete", timings.deletionMs);
        expect(stack.remaining()).toEqual([]);

        for (const [phase, { requests, afterChange }] of [["up", up], ["destroy", destroy]] as const) {
            const byZone = statusReadsByZone(requests);
            const reads = [...byZone.values()].flat();
            process.stdout.write(`${phase}: ${requests.length} requests, ${reads.length} status reads for ${CERTIFICATES} certificates in ${byZone.size} zones\n`);
            expect(reads.every((r) => r.status === 200)).toBe(true);
            expect(byZone.size).toBe(ZONES.length);
            // Waiting on its own, each certificate would read its new status itself: ten reads per zone.
            // (How many rounds come before depends on how fast the CLI uploads; that they come a tick
            // apart is pinned on simulated time, tests/provider/certificates/sharedStatusReads.test.ts.)
            expect(afterChange.map((r) => [r.zone_id, r.operation]).sort()).toEqual(ZONES.map((zone) => [zone, "hostnameCertificates.list"]));
        }
        // Nothing else was sent: an upload and a delete per certificate, and the shared reads.
        const reads = stack.emulator.requests.filter((r) => r.method === "GET").length;
        expect(stack.emulator.requests.length).toBe(2 * CERTIFICATES + reads);
        process.stdout.write(`up and destroy: ${(stack.emulator.requests.length / CERTIFICATES).toFixed(2)} requests per certificate\n`);
    } finally {
        await stack.dispose();
    }
});
