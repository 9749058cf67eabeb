/**
 * Many certificates at once through the real engine: 30 across 3 zones (Cloudflare allows 10 per
 * zone) with `--parallel 10`, up and destroy.
 */
import { CertificateStack, entry, ZONES } from "./certificateStack";

test("30 certificates across 3 zones with --parallel 10 are created active and destroyed", async () => {
    const stack = await CertificateStack.start();
    try {
        const entries = await Promise.all(
            Array.from({ length: 30 }, (_, i) => entry(`cert-${i}`, ZONES[i % ZONES.length])),
        );
        stack.write(entries);
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
