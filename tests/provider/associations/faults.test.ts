/** The HostnameAssociation provider when the wire misbehaves: storms of 429, 5xx and resets; failing status reads. */
import { type AssociationHarness, associationInputs, startAssociationHarness, stored, ZONE } from "./harness";
import { DEFAULT_RETRY_OPTIONS } from "../../../provider/client/retry";

let h: AssociationHarness;
afterEach(async () => {
    await h?.emulator.close();
});

test.each([1, 7, 42])("create, move, read and delete still succeed through a storm, and the certificates then delete (seed %i)", async (seed) => {
    h = await startAssociationHarness();
    const [a, b] = [await h.certificate(), await h.certificate()];
    h.emulator.injectFaults({ rate: 0.5, kinds: [429, 500, 502, 503, "reset"], seed, retryAfterSeconds: 2 });
    const { id, outs } = await h.associations.create(associationInputs(a.id));
    const moved = await h.associations.update(id, stored(outs), associationInputs(b.id));
    expect((await h.associations.read(id, stored(moved.outs))).props).toMatchObject({ certificateId: b.id, status: "active" });
    await h.associations.delete(id, stored(moved.outs));
    h.emulator.clearFaults();
    expect(h.emulator.associations()).toEqual([]);
    await h.provider.delete(a.id, a.outs);
    await h.provider.delete(b.id, b.outs);
    process.stdout.write(`association storm (seed ${seed}): ${h.requestCount()} requests in all\n`);
});

test("a status read that fails even after the client's retries is skipped, and the wait goes on", async () => {
    h = await startAssociationHarness({ timings: { associationMs: 5_000 } });
    const cert = await h.certificate();
    // The look before the PUT gets through; the first status read after it fails every attempt.
    h.emulator.injectSequence(["ok", ...Array<503>(DEFAULT_RETRY_OPTIONS.maxAttempts).fill(503)], { match: { method: "GET", path: "/hostnames/api.example.com" } });
    const { outs } = await h.associations.create(associationInputs(cert.id));
    expect(outs?.status).toBe("active");
    expect(h.lines.some((l) => l === "HostnameAssociation api.example.com: reading its status failed (InternalServerError); trying again")).toBe(true);
    expect(h.emulator.associations(ZONE)).toHaveLength(1);
});
