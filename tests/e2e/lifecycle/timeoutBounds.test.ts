/**
 * Through the real CLI: createTimeout and deleteTimeout are bounds, whatever state the certificate is
 * stuck in. A create whose certificate never deploys stops at its deadline without the cleanup delete
 * Cloudflare would refuse (1434) and without waiting out that deployment, and keeps the certificate in
 * state as a partial create; a destroy of a certificate that went back to deploying stops at its
 * deadline and keeps it. Either way the next destroy deletes it once Cloudflare has deployed it.
 * Bounds are checked by the requests each run made (order and count, from the emulator's log), never
 * by elapsed time; the never-deploying up's wall time is printed for the record.
 */
import { DEFAULT_POLL_OPTIONS, pollDelayMs } from "../../../provider/runtime/polling";
import { CertificateStack, entry, ZONES } from "../certificateStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

/** The most status reads one wait makes within `ms`: its schedule without jitter, plus the read at the deadline. */
function readsWithin(ms: number): number {
    const options = { ...DEFAULT_POLL_OPTIONS, jitter: 0 };
    let reads = 0;
    for (let at = pollDelayMs(0, options); at < ms; at += pollDelayMs(reads, options)) reads++;
    return reads + 1;
}

let stack: CertificateStack;
afterEach(async () => stack?.dispose());

test("a certificate that never deploys: up with createTimeout 5s stops at its deadline and keeps it in state; destroy deletes it once deployed", async () => {
    stack = await CertificateStack.start({ emulator: { timings: { activationMs: 3_600_000 } } });
    stack.write([await entry("api", undefined, { createTimeout: "5s" })]);
    const started = Date.now();
    const up = await stack.workspace.up();
    const wallMs = Date.now() - started;
    show("pulumi up   # createTimeout 5s, the certificate never deploys", up);
    process.stdout.write(`never-deploying pulumi up with createTimeout 5s: ${wallMs} ms wall time\n`);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/did not become active: last status pending_deployment after \d+s \(createTimeout 5s\)\. Cloudflare is still deploying it/);
    expect(up.output).toMatch(/Pulumi keeps it in the stack's state instead of leaving it behind: `pulumi up` goes on waiting until it is active .* `pulumi destroy` deletes it/);

    const [held] = stack.held();
    const [kept] = await stack.stateCertificates();
    expect(kept.id).toBe(held.id);
    expect(kept.outputs.status).toBe("pending_deployment");
    // One upload, then only the wait's reads: no DELETE that Cloudflare would refuse, no wait for the deployment.
    const methods = stack.emulator.requests.map((r) => r.method);
    expect(methods[0]).toBe("POST");
    expect(methods.slice(1).every((m) => m === "GET")).toBe(true);
    expect(methods.length - 1).toBeLessThanOrEqual(readsWithin(5_000));
    const afterUp = stack.emulator.requests.length;

    stack.emulator.setCertificateStatus(ZONES[0], held.id, "active");
    const destroy = await stack.workspace.destroy();
    show("pulumi destroy   # once Cloudflare has deployed it", destroy);
    expect(destroy.code).toBe(0);
    expect(stack.live()).toEqual([]);
    expect(await stack.stateCertificates()).toEqual([]);
    expect(stack.emulator.requests.slice(afterUp).filter((r) => r.method === "DELETE")).toHaveLength(1);
});

test("a certificate that went back to deploying: destroy with deleteTimeout 5s stops at its deadline and keeps it; the next destroy deletes it", async () => {
    stack = await CertificateStack.start();
    stack.write([await entry("api", undefined, { deleteTimeout: "5s" })]);
    expect((await stack.workspace.up()).code).toBe(0);
    const [held] = stack.held();
    stack.emulator.setCertificateStatus(ZONES[0], held.id, "pending_deployment");
    const before = stack.emulator.requests.length;

    const destroy = await stack.workspace.destroy();
    show("pulumi destroy   # deleteTimeout 5s, the certificate is deploying again", destroy);
    expect(destroy.code).not.toBe(0);
    expect(destroy.output).toContain(`HostnameCertificate ${held.id} is still pending_deployment after`);
    expect(destroy.output).toMatch(/\(deleteTimeout 5s\), and Cloudflare refuses to delete a certificate until it is deployed \(error 1434\), so it was not deleted and stays in the stack's state/);
    // One DELETE, refused; then reads until the deadline, and no second DELETE that would be refused too.
    const during = stack.emulator.requests.slice(before);
    expect(during.filter((r) => r.method !== "GET").map((r) => [r.method, r.error_codes])).toEqual([["DELETE", [1434]]]);
    expect(during.filter((r) => r.method === "GET").length).toBeLessThanOrEqual(readsWithin(5_000));
    expect((await stack.stateCertificates()).map((r) => r.id)).toEqual([held.id]);

    stack.emulator.setCertificateStatus(ZONES[0], held.id, "active");
    const again = await stack.workspace.destroy();
    show("pulumi destroy   # again, once it is deployed", again);
    expect(again.code).toBe(0);
    expect(stack.live()).toEqual([]);
});
