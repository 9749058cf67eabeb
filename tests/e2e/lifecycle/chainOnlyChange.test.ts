/**
 * Through the real CLI: changing only the chain of a certificate that a
 * HostnameAssociation uses. The leaf is the same, so the old certificate would have to be deleted
 * first, which Cloudflare refuses while the hostname uses it (1433): before the fix, `up` failed there
 * and every later `up` did the same until someone voided the association by hand.
 *
 * Now the preview refuses it, saying why and what to do; `up` refuses it before changing anything;
 * the stack is not stuck (the previous chain is a no-op again); and the advice works: a new leaf for
 * the new chain rotates in one `up` with no hostname ever without an active certificate.
 */
import { makeChain, makeCertificate, type GeneratedCertificate } from "../../fixtures/certificates";
import { AssociationStack, expectRotationOrder, remainingCertificates, ZONE } from "../associationStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

const HOSTS = ["api.example.com", "www.example.com"];
const associations = HOSTS.map((hostname) => ({ name: hostname.split(".")[0], hostname, certificate: "origin" }));

let stack: AssociationStack;
beforeAll(async () => {
    stack = await AssociationStack.start();
});
afterAll(async () => stack?.dispose());

/** The same leaf (and key) followed by another chain. */
function withChain(leaf: GeneratedCertificate, chain: string): GeneratedCertificate {
    return { ...leaf, certificate: leaf.certificate + chain } as GeneratedCertificate;
}

test("a chain-only change under associations is refused at preview and at up, changes nothing, and leaves the stack usable", async () => {
    const { ca, leaf } = await makeChain({ commonName: "origin.example.com", keyType: "ec", freshKey: true });
    stack.write({ origin: withChain(leaf, ca.certificate) }, associations);
    expect((await stack.workspace.up()).code).toBe(0);
    const [original] = stack.emulator.certificates();
    const otherCa = await makeCertificate({ isCA: true, commonName: "Fixture CA (reissued)", keyType: "ec", freshKey: true });
    const writes = () => stack.emulator.requests.filter((r) => r.method !== "GET").length;
    const before = writes();

    stack.write({ origin: withChain(leaf, otherCa.certificate) }, associations);
    const preview = await stack.workspace.preview();
    show("pulumi preview   # only the certificate's chain changed; two hostnames use it", preview);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/HostnameAssociation (api|www)\.example\.com: its certificate [0-9a-f-]{36} is being replaced by one with the same leaf certificate \(only the chain changed\)/);
    expect(preview.output).toContain("issue a new leaf certificate for it");

    const up = await stack.workspace.up();
    show("pulumi up   # the same change", up);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain("is being replaced by one with the same leaf certificate");
    expect(writes()).toBe(before);
    expect(remainingCertificates(stack.emulator).map((c) => [c.id, c.status])).toEqual([[original.id, "active"]]);
    expect(stack.emulator.associations(ZONE).map((a) => [a.cert_id, a.status])).toEqual(HOSTS.map(() => [original.id, "active"]));

    // Not stuck: with the previous chain back, there is nothing to do.
    stack.write({ origin: withChain(leaf, ca.certificate) }, associations);
    expect((await stack.workspace.preview(["--expect-no-changes"])).code).toBe(0);
});

test("following the advice, a new leaf with the new chain rotates in one up without a gap", async () => {
    const [original] = remainingCertificates(stack.emulator);
    const { ca, leaf } = await makeChain({ commonName: "origin.example.com", keyType: "ec", freshKey: true });
    stack.write({ origin: withChain(leaf, ca.certificate) }, associations);
    const up = await stack.workspace.up();
    show("pulumi up   # a new leaf certificate for the new chain", up);
    expect(up.code).toBe(0);
    const [rotated] = remainingCertificates(stack.emulator).filter((c) => c.id !== original.id);
    expectRotationOrder(stack.emulator.history, original.id, rotated.id, HOSTS);
    expect((await stack.workspace.destroy()).code).toBe(0);
});
