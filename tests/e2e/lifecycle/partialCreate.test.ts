/**
 * Through the real CLI: after a partial create (the deployment does not
 * finish in time, or it fails and so does the cleanup delete, so the engine keeps the certificate as unhealthy), the next
 * `pulumi up` used to "finish initialising" with an update that made no API call, and state said the
 * certificate was fine for good. Now that update reads it again: it waits while it deploys and records
 * `active` only when Cloudflare says so, and otherwise fails with what to do, also after a refresh.
 */
import { CertificateStack, entry } from "../certificateStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

let stack: CertificateStack;
afterEach(async () => stack?.dispose());

async function stateStatus(): Promise<string | undefined> {
    const [resource] = await stack.stateCertificates();
    return resource?.outputs.status as string | undefined;
}

test("still deploying when the create gave up: the next up waits and records active once Cloudflare reports it", async () => {
    stack = await CertificateStack.start({ emulator: { timings: { activationMs: 6_000 } } });
    stack.write([await entry("api", undefined, { createTimeout: "2s", deleteTimeout: "2s" })]);
    const first = await stack.workspace.up();
    show("pulumi up   # not active within createTimeout 2s: kept in state, not deleted while it deploys", first);
    expect(first.code).not.toBe(0);
    expect(first.output).toMatch(/did not become active: last status pending_deployment .* Pulumi keeps it in the stack's state/);
    expect(await stateStatus()).toBe("pending_deployment");

    const preview = await stack.workspace.preview();
    expect(preview.output).toMatch(/~ +pulumi-nodejs:dynamic\/cloudflare:HostnameCertificate/);

    const second = await stack.workspace.up();
    show("pulumi up   # again, nothing changed", second);
    expect(second.code).toBe(0);
    expect(await stateStatus()).toBe("active");
    expect(stack.live().map((c) => c.status)).toEqual(["active"]);
    expect((await stack.workspace.destroy()).code).toBe(0);
});

test("a deployment that failed: every later up fails clearly, refresh or not; never recorded active", async () => {
    stack = await CertificateStack.start();
    stack.emulator.failNextDeployment();
    stack.emulator.failNextDeletion();
    stack.write([await entry("api")]);
    const first = await stack.workspace.up();
    expect(first.code).not.toBe(0);
    expect(first.output).toMatch(/Deleting it failed too .* so Pulumi keeps it in the stack's state/);
    const [partial] = await stack.stateCertificates();

    const second = await stack.workspace.up();
    show("pulumi up   # again, after the partial create", second);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain(`HostnameCertificate ${partial.id} is deletion_timed_out (an earlier delete of it failed), and it will not become active by itself.`);
    expect(second.output).toMatch(/pulumi destroy --target 'urn:pulumi:test::certificates::pulumi-nodejs:dynamic\/cloudflare:HostnameCertificate::api'/);
    expect(await stateStatus()).toBe("deletion_timed_out");

    expect((await stack.workspace.refresh()).code).toBe(0);
    const afterRefresh = await stack.workspace.up();
    show("pulumi refresh; pulumi up", afterRefresh);
    expect(afterRefresh.code).not.toBe(0);
    expect(afterRefresh.output).toContain("will not become active by itself");
    expect(await stateStatus()).not.toBe("active");

    // The advice works.
    const urn = "urn:pulumi:test::certificates::pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::api";
    expect((await stack.workspace.destroy(["--target", urn])).code).toBe(0);
    const recovered = await stack.workspace.up();
    expect(recovered.code).toBe(0);
    expect(await stateStatus()).toBe("active");
    expect(stack.live().map((c) => c.status)).toEqual(["active"]);
    expect((await stack.workspace.destroy()).code).toBe(0);
});
