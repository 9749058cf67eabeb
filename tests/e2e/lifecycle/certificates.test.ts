/**
 * HostnameCertificate through the real engine: create, no-op, formatting-only changes, replacement
 * (create before delete), timeout-only updates, refresh after an out-of-band delete, and destroy;
 * once through the dynamic provider and once through the resource plugin.
 */
import { expectRotationOrder } from "../associationStack";
import { CertificateStack, entry, FLAVOURS, writes } from "../certificateStack";

describe.each(FLAVOURS)("certificate lifecycle with the real CLI, %s provider", (flavour) => {
    let stack: CertificateStack;
    beforeEach(async () => {
        stack = await CertificateStack.start({ flavour });
    });
    afterEach(async () => stack?.dispose());

    test("up makes certificates active; a second up and a preview change nothing; destroy empties the emulator", async () => {
        const api = await entry("api");
        const www = await entry("www");
        stack.write([api, www]);

        const up = await stack.workspace.up();
        expect(up.code).toBe(0);
        expect(up.output).toContain("3 created");
        expect(stack.held().map((c) => c.status)).toEqual(["active", "active"]);
        const outputs = (await stack.workspace.outputs()) as { certificates: Record<string, { status: string; certificateId: string }> };
        expect(outputs.certificates.api.status).toBe("active");
        expect(stack.held().map((c) => c.id).sort()).toEqual(
            [outputs.certificates.api.certificateId, outputs.certificates.www.certificateId].sort(),
        );

        const requestsBefore = stack.emulator.requests.length;
        const again = await stack.workspace.up();
        expect(again.code).toBe(0);
        expect(again.output).toContain("3 unchanged");
        const preview = await stack.workspace.preview(["--expect-no-changes"]);
        expect(preview.code).toBe(0);
        expect(stack.emulator.requests.length).toBe(requestsBefore);

        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        expect(stack.remaining()).toEqual([]);
        expect(await stack.stateCertificates()).toEqual([]);
    });

    test("reformatting the PEM changes nothing; a new certificate replaces the old one, created before the old is deleted", async () => {
        const api = await entry("api");
        stack.write([api]);
        expect((await stack.workspace.up()).code).toBe(0);
        const [original] = stack.held();

        // CRLF line endings, trailing whitespace and an extra newline: the same certificate.
        stack.write([{ ...api, certificate: api.certificate.replace(/\n/g, "\r\n") + "\r\n\n", privateKey: api.privateKey + "\n" }]);
        const reformatted = await stack.workspace.preview(["--expect-no-changes"]);
        expect(reformatted.code).toBe(0);

        const renewed = await entry("api");
        stack.write([renewed]);
        const replace = await stack.workspace.up();
        expect(replace.code).toBe(0);
        expect(replace.output).toContain("1 replaced");
        // The old certificate may still show as a `deleted` tombstone for a moment.
        const remaining = stack.remaining();
        expect(remaining).toHaveLength(1);
        const [current] = remaining;
        expect(current.id).not.toBe(original.id);
        expect(current.status).toBe("active");

        // In time order: the new certificate active, then the old one deleting.
        expectRotationOrder(stack.emulator.history, original.id, current.id, []);
    });

    test("changing only a timeout is an update that makes no API call", async () => {
        const api = await entry("api", undefined, { createTimeout: "2m" });
        stack.write([api]);
        expect((await stack.workspace.up()).code).toBe(0);
        const before = stack.emulator.requests.length;

        stack.write([{ ...api, createTimeout: "3m", deleteTimeout: "90s" }]);
        const update = await stack.workspace.up();
        expect(update.code).toBe(0);
        expect(update.output).toContain("1 updated");
        expect(stack.emulator.requests.length).toBe(before);
        expect(writes(stack.emulator).filter((r) => r.method === "POST")).toHaveLength(1);
    });

    test("refresh after an out-of-band delete drops the certificate; the next up recreates it", async () => {
        const api = await entry("api");
        stack.write([api]);
        expect((await stack.workspace.up()).code).toBe(0);
        const [original] = stack.held();
        stack.emulator.deleteCertificateOutOfBand(original.zone_id, original.id);

        const refresh = await stack.workspace.refresh();
        expect(refresh.code).toBe(0);
        expect(refresh.output).toContain("1 deleted");
        expect(await stack.stateCertificates()).toEqual([]);

        const up = await stack.workspace.up();
        expect(up.code).toBe(0);
        expect(up.output).toContain("1 created");
        const held = stack.held();
        expect(held).toHaveLength(1);
        expect(held[0].status).toBe("active");
        expect((await stack.stateCertificates())[0].id).toBe(held[0].id);
    });
});
