/**
 * Through the real CLI: a deployed certificate that has since expired no
 * longer fails `check`. Previews and ups of the stack go on (with a warning), including the one that
 * replaces it; a new upload of an expired certificate is still refused; and an organisation that wants
 * expiry to block gets that from the policy pack, whose enforcement it configures.
 */
import * as path from "node:path";
import { makeCertificate } from "../../fixtures/certificates";
import { CertificateStack, entry, ZONES } from "../certificateStack";
import { REPO_ROOT } from "../../support/process";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

let stack: CertificateStack;
beforeAll(async () => {
    stack = await CertificateStack.start();
});
afterAll(async () => stack?.dispose());

test("an unchanged certificate that expired after deployment warns; the stack still previews, updates and replaces it", async () => {
    const notAfter = new Date(Date.now() + 30_000);
    const shortLived = await makeCertificate({ commonName: "old.example.com", notBefore: new Date(Date.now() - 86_400_000), notAfter, keyType: "ec", freshKey: true });
    const old = { name: "old", zoneId: ZONES[0], certificate: shortLived.certificate, privateKey: shortLived.privateKey };
    stack.write([old]);
    expect((await stack.workspace.up()).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, notAfter.getTime() - Date.now() + 1_500)));

    const added = await entry("added");
    stack.write([old, added]);
    const up = await stack.workspace.up();
    show("pulumi up   # certificate old expired since its deployment; certificate added is new", up);
    expect(up.code).toBe(0);
    expect(up.output).toMatch(/warning: HostnameCertificate \(CN=old\.example\.com, .*\): certificate expired on .* It is unchanged and stays deployed, so this only warns/);
    expect(up.output).toContain("+ 1 created");

    const policed = await stack.workspace.preview(["--policy-pack", path.join(REPO_ROOT, "policy")]);
    show("pulumi preview --policy-pack policy", policed, 8);
    expect(policed.code).not.toBe(0);
    expect(policed.output).toMatch(/mandatory.*cloudflare-hostname-certificate-expiry/s);

    const expiredUpload = { name: "late", zoneId: ZONES[1], certificate: shortLived.certificate, privateKey: shortLived.privateKey };
    stack.write([old, added, expiredUpload]);
    const refused = await stack.workspace.preview();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/property certificate .*certificate expired on/s);

    const renewed = await entry("old");
    stack.write([renewed, added]);
    const replace = await stack.workspace.up();
    show("pulumi up   # certificate old renewed", replace);
    expect(replace.code).toBe(0);
    expect(replace.output).toContain("+-1 replaced");
    expect((await stack.workspace.destroy()).code).toBe(0);
    expect(stack.live()).toEqual([]);
});
