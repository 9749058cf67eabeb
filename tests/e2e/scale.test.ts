/**
 * Many certificates at once through the real engine: 30 across 3 zones (Cloudflare allows 10 per
 * zone), with `--parallel 10` (in waves) and with `--parallel 30` (all at once), up and destroy;
 * and what they cost, counted from the emulator's request log: the certificates of a zone share
 * their status reads, one request per zone per round.
 */
import type { RequestLogEntry } from "../../emulator";
import { CertificateStack, entry, ZONES } from "./certificateStack";

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

test("an up and a destroy of 30 certificates read each zone's statuses once per round: fewer reads than certificates", async () => {
    // Deleted certificates stay listed for a while, as on Cloudflare, so the list can say they are gone.
    const stack = await CertificateStack.start({ emulator: { timings: { activationMs: 2_000, deletionMs: 1_000, tombstoneMs: 10_000 } } });
    try {
        await thirtyCertificates(stack);
        const up = await stack.workspace.up(["--parallel", String(CERTIFICATES)]);
        expect(up.code).toBe(0);
        const upRequests = stack.emulator.requests;
        expect(upRequests.filter((r) => r.operation === "hostnameCertificates.create")).toHaveLength(CERTIFICATES);
        const destroy = await stack.workspace.destroy(["--parallel", String(CERTIFICATES)]);
        expect(destroy.code).toBe(0);
        expect(stack.remaining().filter((c) => c.status !== "deleted")).toEqual([]);
        const destroyRequests = stack.emulator.requests.slice(upRequests.length);
        expect(destroyRequests.filter((r) => r.operation === "hostnameCertificates.delete")).toHaveLength(CERTIFICATES);

        for (const [phase, requests] of [["up", upRequests], ["destroy", destroyRequests]] as const) {
            const byZone = statusReadsByZone(requests);
            const reads = [...byZone.values()].flat();
            process.stdout.write(`${phase}: ${requests.length} requests, ${reads.length} status reads for ${CERTIFICATES} certificates in ${byZone.size} zones\n`);
            // Waiting on its own, every certificate would read its status at least once (twice at these timings).
            expect(reads.length).toBeLessThan(CERTIFICATES / 2);
            expect(reads.every((r) => r.status === 200)).toBe(true);
            // Each zone shares its own reads: fewer than it has certificates. (That its rounds come a
            // tick apart is pinned on simulated time, tests/provider/certificates/sharedStatusReads.test.ts.)
            expect(byZone.size).toBe(ZONES.length);
            for (const zoneReads of byZone.values()) expect(zoneReads.length).toBeLessThan(CERTIFICATES / ZONES.length);
        }
        // Nothing else was sent: an upload and a delete per certificate, and the shared reads.
        const reads = stack.emulator.requests.filter((r) => r.method === "GET").length;
        expect(stack.emulator.requests.length).toBe(2 * CERTIFICATES + reads);
        process.stdout.write(`up and destroy: ${(stack.emulator.requests.length / CERTIFICATES).toFixed(2)} requests per certificate\n`);
    } finally {
        await stack.dispose();
    }
});
