/**
 * Fault soak through the real CLI: one response in five fails (429, 500, 502, 503 or a reset),
 * and `pulumi up` then `pulumi destroy` of 30 certificates still succeed, with the emulator and
 * the state agreeing at the end: nothing orphaned, nothing uploaded twice. The failures strike
 * after the emulator handled the request (`timing: "after"`; a 429 is always a refusal): uploads
 * are stored and deletes start although the provider sees a failure, which is where a blind retry
 * would upload twice or an adoption would take over a certificate.
 */
import { CertificateStack, entry, ZONES } from "./certificateStack";

const CERTIFICATES = 30;
// The seed makes every kind of failure strike within the first 20 requests of the up (and of the
// destroy, with seed + 1), so the soak bites the same way however many requests the provider makes.
const FAULTS = { rate: 0.2, kinds: [429, 500, 502, 503, "reset"] as const, seed: 20261279, timing: "after" as const };

/** How many times a certificate was uploaded (each upload starts at `initializing`). */
function uploads(stack: CertificateStack): number {
    return stack.emulator.history.filter((e) => e.kind === "certificate" && e.status === "initializing").length;
}

/** No upload met "already exists" (1406), which a second POST of a stored certificate gets, and nothing was adopted. */
function expectNothingUploadedTwice(stack: CertificateStack, output: string): void {
    expect(stack.emulator.requests.filter((r) => r.error_codes.includes(1406))).toEqual([]);
    expect(output).not.toContain("adopting it");
}

test("up and destroy of 30 certificates succeed with 20% of responses failing, and state matches the API", async () => {
    const stack = await CertificateStack.start();
    try {
        stack.write(await Promise.all(Array.from({ length: CERTIFICATES }, (_, i) => entry(`soak-${i}`, ZONES[i % ZONES.length]))));
        stack.emulator.injectFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });

        const up = await stack.workspace.up(["--parallel", "10"]);
        expect(up.output).toMatch(/\+ 31 created/);
        expect(up.code).toBe(0);
        const faults = stack.emulator.requests.filter((r) => r.fault !== null);
        // The soak did bite: every kind of failure happened, and uploads were stored behind failures.
        expect(new Set(faults.map((r) => r.fault))).toEqual(new Set(FAULTS.kinds));
        expect(faults.filter((r) => r.method === "POST" && r.fault_timing === "after").length).toBeGreaterThan(0);
        expectNothingUploadedTwice(stack, up.output);

        stack.emulator.clearFaults();
        const state = await stack.stateCertificates();
        expect(state).toHaveLength(CERTIFICATES);
        const live = stack.live();
        // Every certificate in state exists and is active; the API holds nothing else.
        expect(live.map((c) => c.id).sort()).toEqual(state.map((r) => r.id).sort());
        expect(live.every((c) => c.status === "active")).toBe(true);
        expect(uploads(stack)).toBe(CERTIFICATES);
        process.stdout.write(`soak up: ${stack.emulator.requests.length} requests, ${faults.length} failed on purpose\n`);

        stack.emulator.injectFaults({ ...FAULTS, kinds: [...FAULTS.kinds], seed: FAULTS.seed + 1 });
        const before = stack.emulator.requests.length;
        const destroy = await stack.workspace.destroy(["--parallel", "10"]);
        expect(destroy.code).toBe(0);
        stack.emulator.clearFaults();
        expect(stack.remaining()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
        expect(uploads(stack)).toBe(CERTIFICATES);
        expectNothingUploadedTwice(stack, destroy.output);
        const destroyRequests = stack.emulator.requests.slice(before);
        process.stdout.write(`soak destroy: ${destroyRequests.length} requests, ${destroyRequests.filter((r) => r.fault !== null).length} failed on purpose\n`);
    } finally {
        await stack.dispose();
    }
}, 180_000);
