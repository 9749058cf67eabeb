/**
 * Through the real CLI: renaming a certificate, or moving it into a
 * component, without an alias. The new resource's create meets Cloudflare's 1406 for the identical
 * certificate and fails, naming it and the ways forward; the old resource is not deleted, so the zone
 * and the state keep the certificate. With the alias Pulumi offers for exactly this, the same change
 * is a no-op for the certificate.
 *
 * Why it fails rather than adopting: the gRPC log of the failed run shows the provider hears nothing
 * of the old resource before the new one's create (the engine deletes resources missing from the
 * program only after the program has finished, and the program cannot finish while that create runs),
 * so at create time nothing can show the certificate is being released. See provider/certificates/README.md.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate, type GeneratedCertificate } from "../../fixtures/certificates";
import { OwnershipStack } from "./ownershipStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

let emulator: Emulator;
let stack: OwnershipStack;
let certificate: GeneratedCertificate;
beforeAll(async () => {
    emulator = await startEmulator();
    stack = await OwnershipStack.start(emulator);
    certificate = await makeCertificate({ commonName: "api.example.com", keyType: "ec", freshKey: true });
});
afterAll(async () => {
    stack?.dispose();
    await emulator?.close();
});

const live = () => emulator.certificates().filter((c) => c.status !== "pending_deletion" && c.status !== "deleted");
const uploads = () => emulator.history.filter((e) => e.kind === "certificate" && e.status === "initializing").length;

/** gRPC calls the engine made to the dynamic provider, in order: method and the URN they concern. */
function providerCalls(logFile: string): Array<{ method: string; urn?: string }> {
    return readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as { method: string; request?: { urn?: string } })
        .filter((entry) => entry.method.startsWith("/pulumirpc.ResourceProvider/"))
        .map((entry) => ({ method: entry.method.replace("/pulumirpc.ResourceProvider/", ""), urn: entry.request?.urn }));
}

test("rename without an alias: the new create fails naming the certificate; nothing is deleted or lost", async () => {
    stack.write([{ name: "api", certificate }]);
    expect((await stack.workspace.up()).code).toBe(0);
    const [original] = await stack.state();
    expect(original.urn).toMatch(/::api$/);

    stack.write([{ name: "api-origin", certificate }]);
    const grpcLog = path.join(stack.workspace.root, "grpc.json");
    const up = await stack.workspace.up([], { PULUMI_DEBUG_GRPC: grpcLog });
    show("pulumi up   # after renaming api to api-origin, no alias", up);
    expect(up.code).not.toBe(0);
    const [existing] = live();
    expect(up.output).toContain(`The identical certificate is already in zone ${existing.zone_id} as ${original.id} (active, uploaded ${existing.uploaded_on})`);
    expect(up.output).toContain('aliases: [{ name: "<old name>" }]');
    expect(await stack.state()).toEqual([original]);
    expect(live().map((c) => [c.id, c.status])).toEqual([[original.id, "active"]]);
    expect(emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);

    // The evidence the design rests on: before the new resource's create, no call concerned the old one.
    const calls = providerCalls(grpcLog);
    const create = calls.findIndex((c) => c.method === "Create" && c.urn?.endsWith("::api-origin"));
    expect(create).toBeGreaterThanOrEqual(0);
    expect(calls.slice(0, create).filter((c) => c.urn === original.urn)).toEqual([]);
    expect(calls.filter((c) => c.method === "Delete")).toEqual([]);
});

test("the same rename with an alias keeps the certificate as the same resource", async () => {
    const [original] = await stack.state();
    stack.write([{ name: "api-origin", certificate, aliases: [{ name: "api" }] }]);
    const up = await stack.workspace.up();
    show('pulumi up   # api-origin with aliases: [{ name: "api" }]', up);
    expect(up.code).toBe(0);
    expect(await stack.state()).toEqual([{ urn: original.urn.replace(/::api$/, "::api-origin"), id: original.id }]);
    expect(live().map((c) => c.id)).toEqual([original.id]);
    expect(uploads()).toBe(1);
});

test("a move into a component: without an alias it fails the same way; with one it is the same resource", async () => {
    const [before] = await stack.state();
    stack.write([{ name: "api-origin", certificate, component: "edge" }]);
    const moved = await stack.workspace.up();
    expect(moved.code).not.toBe(0);
    expect(moved.output).toContain(`as ${before.id} (active`);
    expect(await stack.state()).toEqual([before]);

    stack.write([{ name: "api-origin", certificate, component: "edge", aliases: [{ parent: "root" }] }]);
    const aliased = await stack.workspace.up();
    show("pulumi up   # moved into component edge with aliases: [{ parent: pulumi.rootStackResource }]", aliased);
    expect(aliased.code).toBe(0);
    const [after] = await stack.state();
    expect(after.id).toBe(before.id);
    expect(after.urn).toMatch(/test:index:Origin\$pulumi-nodejs:dynamic\/cloudflare:HostnameCertificate::api-origin$/);
    expect(live().map((c) => c.id)).toEqual([before.id]);
    expect(uploads()).toBe(1);

    expect((await stack.workspace.destroy()).code).toBe(0);
    expect(live()).toEqual([]);
});
