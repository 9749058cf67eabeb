/**
 * Through the real CLI: the certificate list answers in the association
 * shape (`cert_id`, `cert_status`, `hostname`, no `id`), as Cloudflare's older docs and the Go SDK's
 * fixtures show it. An upload that Cloudflare stored but answered with a 502 is found by its
 * `cert_id`: kept when it deploys, deleted by that id when it does not. Nothing is sent for an
 * undefined id, and nothing is orphaned.
 */
import { CertificateStack, entry } from "../certificateStack";
import { show } from "../../support/transcript";

let stack: CertificateStack;
beforeAll(async () => {
    stack = await CertificateStack.start({ emulator: { listShape: "association" } });
});
afterAll(async () => stack?.dispose());

const stored502 = () => stack.emulator.injectSequence([502], { match: { method: "POST" }, timing: "after" });
const undefinedIds = () => stack.emulator.requests.filter((r) => r.path.includes("undefined"));

test("a stored-but-502 upload whose deployment fails is deleted by its real id: nothing is left behind", async () => {
    stored502();
    stack.emulator.failNextDeployment();
    stack.write([await entry("api")]);
    const up = await stack.workspace.up();
    show("pulumi up   # POST stored, answered 502; deployment_timed_out", up);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/did not become active: last status deployment_timed_out .* The uploaded certificate was deleted, so nothing was left behind/);
    expect(undefinedIds()).toEqual([]);
    const deletes = stack.emulator.requests.filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => r.status)).toEqual([200]);
    expect(stack.live()).toEqual([]);
    expect(await stack.stateCertificates()).toEqual([]);
});

test("a stored-but-502 upload that deploys is kept under its real id, once", async () => {
    stored502();
    stack.write([await entry("web")]);
    const up = await stack.workspace.up();
    show("pulumi up   # POST stored, answered 502", up);
    expect(up.code).toBe(0);
    const [resource] = await stack.stateCertificates();
    expect(stack.live().map((c) => c.id)).toEqual([resource.id]);
    expect(resource.outputs.status).toBe("active");
    expect(undefinedIds()).toEqual([]);
    expect((await stack.workspace.destroy()).code).toBe(0);
    expect(stack.live()).toEqual([]);
});
