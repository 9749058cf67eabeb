/**
 * Through the real CLI: two stacks declaring one hostname in one zone, each with its own certificate
 * (a copy of a stack for another environment, a teammate's stack). The second never takes the
 * hostname: its up fails naming the hostname and the first stack's certificate, before any write,
 * and its destroy leaves the first stack's association alone. Only the recovery switch, named
 * explicitly, moves the hostname; the stack it was taken from then leaves it alone on destroy.
 */
import { startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate, type GeneratedCertificate } from "../../fixtures/certificates";
import { show } from "../../support/transcript";
import { ASSOCIATION_TYPE, CERTIFICATE_TYPE, HostnameStack, ZONE } from "./hostnameStack";
import { stackPool } from "./stackPool";

jest.setTimeout(300_000);

const HOST = "app.example.com";

let emulator: Emulator;
let certificates: GeneratedCertificate[];
const stacks = stackPool((name) => HostnameStack.start(emulator, name));
const stack = stacks.stack;
beforeAll(async () => {
    emulator = await startEmulator();
    certificates = await Promise.all(["a", "b"].map((name) => makeCertificate({ commonName: `${name}.example.com`, keyType: "ec", freshKey: true })));
});
afterAll(async () => {
    stacks.disposeAll();
    await emulator?.close();
});

/** The hostname's association in the emulator, as [certificate id, enabled, status]. */
const association = () => emulator.associations(ZONE).filter((a) => a.hostname === HOST).map((a) => [a.cert_id, a.enabled, a.status]);
/** The hostname PUTs the emulator answered from request `from` on. */
const puts = (from: number) => emulator.requests.slice(from).filter((r) => r.operation === "hostnames.update");

test("a second stack never takes the hostname: its up fails naming it and the first stack's certificate, and its destroy leaves it", async () => {
    const a = await stack("staging");
    const b = await stack("production");
    a.write({ origin: { certificate: certificates[0] } }, [{ name: "app", hostname: HOST, certificate: "origin" }]);
    expect((await a.workspace.up()).code).toBe(0);
    const [aCertificate] = await a.ids(CERTIFICATE_TYPE);
    expect(association()).toEqual([[aCertificate, true, "active"]]);

    b.write({ origin: { certificate: certificates[1] } }, [{ name: "app", hostname: HOST, certificate: "origin" }]);
    const from = emulator.requests.length;
    const up = await b.workspace.up();
    show(`pulumi up --stack production   # its own certificate, the same hostname ${HOST} as stack staging`, up);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain(`Hostname ${HOST} in zone ${ZONE} is already associated with certificate ${aCertificate} (active), the association active and enabled`);
    expect(up.output).toContain("so it was left as it was and nothing was changed");
    expect(up.output).toContain(`CLOUDFLARE_ADOPT_EXISTING=${HOST} pulumi up`);
    expect(puts(from)).toEqual([]);
    expect(association()).toEqual([[aCertificate, true, "active"]]);
    expect(await b.ids(ASSOCIATION_TYPE)).toEqual([]);

    // A keeps its hostname: nothing to change in its preview.
    const preview = await a.workspace.preview(["--expect-no-changes"]);
    expect(preview.code).toBe(0);

    const destroy = await b.workspace.destroy();
    show("pulumi destroy --stack production", destroy);
    expect(destroy.code).toBe(0);
    expect(association()).toEqual([[aCertificate, true, "active"]]);
    expect(emulator.certificates(ZONE).find((c) => c.id === aCertificate)?.status).toBe("active");
});

test("the recovery switch, named explicitly, moves the hostname; the stack it was taken from then leaves it on destroy", async () => {
    const a = await stack("blue");
    const b = await stack("green");
    const hostname = "switch.example.com";
    const [ca, cb] = await Promise.all(["c", "d"].map((name) => makeCertificate({ commonName: `${name}.example.com`, keyType: "ec", freshKey: true })));
    a.write({ origin: { certificate: ca } }, [{ name: "app", hostname, certificate: "origin" }]);
    expect((await a.workspace.up()).code).toBe(0);
    const [aCertificate] = await a.ids(CERTIFICATE_TYPE);
    b.write({ origin: { certificate: cb } }, [{ name: "app", hostname, certificate: "origin" }]);
    expect((await b.workspace.up()).code).not.toBe(0);

    const adopted = await b.workspace.up([], { CLOUDFLARE_ADOPT_EXISTING: hostname });
    show(`CLOUDFLARE_ADOPT_EXISTING=${hostname} pulumi up --stack green`, adopted);
    expect(adopted.code).toBe(0);
    expect(adopted.output).toContain(`adopting the association of hostname ${hostname} with certificate ${aCertificate} (active, enabled: true) already in zone ${ZONE}`);
    const [bCertificate] = await b.ids(CERTIFICATE_TYPE);
    const live = () => emulator.associations(ZONE).filter((x) => x.hostname === hostname).map((x) => [x.cert_id, x.status]);
    expect(live()).toEqual([[bCertificate, "active"]]);
    const [state] = await b.workspace.stateResources(ASSOCIATION_TYPE);
    expect(state.outputs).toMatchObject({ ownership: "adopted", managedCertificateId: bCertificate });

    // Stack blue's association now points elsewhere: its destroy leaves it, says so, and still deletes its certificate.
    const destroyA = await a.workspace.destroy();
    show("pulumi destroy --stack blue   # after green adopted its hostname", destroyA);
    expect(destroyA.code).toBe(0);
    expect(destroyA.output).toContain(`hostname ${hostname} is now associated with certificate ${bCertificate} (active), not with certificate ${aCertificate} as this resource set it`);
    expect(live()).toEqual([[bCertificate, "active"]]);

    expect((await b.workspace.destroy()).code).toBe(0);
    expect(live()).toEqual([]);
});
