/**
 * HostnameAssociation through the real engine: a certificate on two hostnames, rotation in one `up`
 * (new certificate active → associations moved → old certificate deleted, proven from the
 * emulator's history), drift shown after a refresh, removing only an association, and destroy of
 * everything in one run.
 */
import { updateHostnameAssociations } from "../../provider/client/hostnameCertificates";
import type { HistoryEvent } from "../../emulator";
import { AssociationStack, certificate, describeHistory, expectRotationOrder, remainingCertificates, serviceGaps, settledCertificates, ZONE } from "./associationStack";

const HOSTS = ["api.example.com", "www.example.com"];
const associations = HOSTS.map((hostname) => ({ name: hostname.split(".")[0], hostname, certificate: "origin" }));

describe("hostname associations with the real CLI", () => {
    let stack: AssociationStack;
    beforeEach(async () => {
        stack = await AssociationStack.start();
    });
    afterEach(async () => stack?.dispose());

    test("rotation in one up keeps both hostnames on an active certificate; destroy removes everything in one run", async () => {
        stack.write({ origin: await certificate() }, associations);
        const up = await stack.workspace.up();
        expect(up.code).toBe(0);
        expect(up.output).toContain("4 created");
        const [first] = stack.emulator.certificates();
        const byHostname = () => stack.emulator.associations(ZONE).sort((x, y) => x.hostname.localeCompare(y.hostname));
        expect(byHostname().map((a) => [a.hostname, a.cert_id, a.status])).toEqual(HOSTS.map((h) => [h, first.id, "active"]));
        const outputs = (await stack.workspace.outputs()) as { associations: Record<string, { id: string; status: string; certStatus: string }> };
        expect(outputs.associations.api).toMatchObject({ id: `${ZONE}/api.example.com`, status: "active", certStatus: "active" });
        expect((await stack.workspace.preview(["--expect-no-changes"])).code).toBe(0);

        stack.write({ origin: await certificate() }, associations);
        const rotate = await stack.workspace.up();
        expect(rotate.code).toBe(0);
        expect(rotate.output).toContain("1 replaced");
        expect(rotate.output).toContain("2 updated");
        const second = remainingCertificates(stack.emulator).find((c) => c.id !== first.id)!;
        expect(remainingCertificates(stack.emulator).map((c) => c.id)).toEqual([second.id]);
        expect(stack.emulator.associations(ZONE).map((a) => [a.cert_id, a.status])).toEqual(HOSTS.map(() => [second.id, "active"]));
        const history = stack.emulator.history;
        const order = expectRotationOrder(history, first.id, second.id, HOSTS);
        process.stdout.write(`rotation order (history positions): ${JSON.stringify(order)}\n${describeHistory(history, { [first.id]: "old", [second.id]: "new" })}\n`);

        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        expect(destroy.output).toContain("4 deleted");
        expect(stack.emulator.associations()).toEqual([]);
        expect(await settledCertificates(stack.emulator)).toEqual([]);
    });

    test("drift shows after a refresh; removing only an association voids it and keeps the certificate, which then deletes", async () => {
        const origin = await certificate();
        stack.write({ origin }, associations);
        expect((await stack.workspace.up()).code).toBe(0);
        const [cert] = stack.emulator.certificates();

        // Someone disables api.example.com in the dashboard.
        await updateHostnameAssociations(stack.client(), ZONE, [{ hostname: "api.example.com", cert_id: cert.id, enabled: false }]);
        expect((await stack.workspace.refresh()).code).toBe(0);
        const preview = await stack.workspace.preview(["--expect-no-changes"]);
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain("~ pulumi-nodejs:dynamic/cloudflare:HostnameAssociation: (update)");
        expect(preview.output).toContain("HostnameAssociation::api]");
        expect(preview.output).toMatch(/~ enabled +: false => true/);
        expect(preview.output).toContain("1 to update");

        stack.write({ origin }, associations.slice(1));
        const remove = await stack.workspace.up();
        expect(remove.code).toBe(0);
        expect(remove.output).toContain("1 deleted");
        expect(stack.emulator.associations(ZONE).map((a) => a.hostname)).toEqual(["www.example.com"]);
        expect(remainingCertificates(stack.emulator).map((c) => [c.id, c.status])).toEqual([[cert.id, "active"]]);

        stack.write({ origin }, []);
        expect((await stack.workspace.up()).code).toBe(0);
        expect(stack.emulator.associations()).toEqual([]);
        stack.write({}, []);
        expect((await stack.workspace.up()).code).toBe(0);
        expect(await settledCertificates(stack.emulator)).toEqual([]);
    });

    test("the history replay is not vacuous: it reports a move onto a certificate that is not active yet, and a delete before the move", () => {
        let seq = 0;
        const at = (time: number) => ({ at: new Date(time).toISOString(), time, seq: ++seq, zone_id: ZONE });
        const cert = (time: number, id: string, status: string) => ({ kind: "certificate", ...at(time), id, status }) as HistoryEvent;
        const assoc = (time: number, cert_id: string, status: string) =>
            ({ kind: "association", ...at(time), hostname: "api.example.com", cert_id, enabled: true, status }) as HistoryEvent;
        const start = [cert(0, "old", "active"), assoc(1, "old", "pending_deployment"), assoc(2, "old", "active"), cert(3, "new", "pending_deployment")];
        const tooEarly = [...start, assoc(4, "new", "pending_deployment"), cert(5, "new", "active"), assoc(6, "new", "active"), cert(7, "old", "pending_deletion")];
        expect(serviceGaps(tooEarly, ["api.example.com"])).toEqual([expect.stringMatching(/^seq 5 .*api\.example\.com is pending_deployment with new \(pending_deployment\)$/)]);
        const deletedFirst = [...start, cert(4, "new", "active"), cert(5, "old", "pending_deletion"), assoc(6, "new", "pending_deployment"), assoc(7, "new", "active")];
        expect(serviceGaps(deletedFirst, ["api.example.com"])[0]).toMatch(/api\.example\.com is active with old \(pending_deletion\)$/);
        const right = [...start, cert(4, "new", "active"), assoc(5, "new", "pending_deployment"), assoc(6, "new", "active"), cert(7, "old", "pending_deletion")];
        expect(serviceGaps(right, ["api.example.com"])).toEqual([]);
    });
});

describe("a partial create of an association through the real engine", () => {
    test("not active by createTimeout: up fails and keeps the association in state; the next up, with no change, waits again until it is active", async () => {
        // Time on the emulator moves only when the test says so: the association stays pending.
        const stack = await AssociationStack.start({ clock: "manual", timings: { activationMs: 0, associationMs: 60_000, deletionMs: 0, tombstoneMs: 0 } });
        try {
            stack.write({ origin: await certificate() }, [{ ...associations[0], createTimeout: "2s" }]);
            const up = await stack.workspace.up();
            expect(up.code).not.toBe(0);
            expect(up.output).toMatch(/did not become active: last status pending_deployment after 2s \(createTimeout 2s\)\. Pulumi keeps it in the stack's state/);
            const recorded = () => stack.workspace.stateResources("pulumi-nodejs:dynamic/cloudflare:HostnameAssociation");
            expect((await recorded()).map((r) => [r.id, r.outputs.status])).toEqual([[`${ZONE}/api.example.com`, "pending_deployment"]]);

            stack.emulator.advance(60_000);
            const resumed = await stack.workspace.up();
            expect(resumed.code).toBe(0);
            expect(resumed.output).toContain("1 updated");
            expect((await recorded()).map((r) => [r.id, r.outputs.status])).toEqual([[`${ZONE}/api.example.com`, "active"]]);
            expect(stack.emulator.associations(ZONE).map((a) => [a.hostname, a.status])).toEqual([["api.example.com", "active"]]);

            expect((await stack.workspace.destroy()).code).toBe(0);
            expect(stack.emulator.associations()).toEqual([]);
            expect(stack.emulator.certificates()).toEqual([]);
        } finally {
            await stack.dispose();
        }
    });
});
