/**
 * Through the real CLI: two stacks, or two resources of one stack, declaring
 * the same certificate. The second never adopts it silently: its create fails naming the certificate's
 * id and upload time, so destroying either side can never delete what the other relies on.
 */
import { startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate, type GeneratedCertificate } from "../../fixtures/certificates";
import { OwnershipStack } from "./ownershipStack";
import { show } from "../../support/transcript";
import { stackPool } from "./stackPool";

jest.setTimeout(300_000);

let emulator: Emulator;
let certificate: GeneratedCertificate;
const stacks = stackPool((name) => OwnershipStack.start(emulator, name));
const stack = stacks.stack;
beforeAll(async () => {
    emulator = await startEmulator();
    certificate = await makeCertificate({ commonName: "shared.example.com", keyType: "ec", freshKey: true });
});
afterAll(async () => {
    stacks.disposeAll();
    await emulator?.close();
});

const live = () => emulator.certificates().filter((c) => c.status !== "pending_deletion" && c.status !== "deleted");

test("two stacks: the second fails naming the first's certificate; destroying it leaves the certificate alone", async () => {
    const staging = await stack("staging");
    const production = await stack("production");
    staging.write([{ name: "origin", certificate }]);
    expect((await staging.workspace.up()).code).toBe(0);
    const [owned] = await staging.state();
    const [existing] = live();

    production.write([{ name: "origin", certificate }]);
    const up = await production.workspace.up();
    show("pulumi up --stack production   # the same certificate as stack staging", up);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(`already in zone ${existing.zone_id} as ${owned.id} (active, uploaded ${existing.uploaded_on})`);
    expect(up.output).toContain("If another stack manages it, use a different certificate here");
    expect(await production.state()).toEqual([]);

    const destroy = await production.workspace.destroy();
    expect(destroy.code).toBe(0);
    expect(live().map((c) => [c.id, c.status])).toEqual([[owned.id, "active"]]);
    expect(await staging.state()).toEqual([owned]);
    expect(emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);

    expect((await staging.workspace.destroy()).code).toBe(0);
    expect(live()).toEqual([]);
});

test("two resources of one stack: one manages the certificate, the other fails; destroy deletes it once", async () => {
    const both = await stack("both");
    const from = emulator.requests.length;
    both.write([{ name: "first", certificate }, { name: "second", certificate }]);
    const up = await both.workspace.up();
    show("pulumi up   # two resources, one certificate", up);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/The identical certificate is already in zone \w+ as [0-9a-f-]{36} \((initializing|pending_deployment|active), uploaded /);
    const state = await both.state();
    expect(state).toHaveLength(1);
    expect(live().map((c) => c.id)).toEqual([state[0].id]);

    expect((await both.workspace.destroy()).code).toBe(0);
    expect(live()).toEqual([]);
    expect(emulator.requests.slice(from).filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([200]);
});
