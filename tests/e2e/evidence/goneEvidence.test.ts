/**
 * Through the real CLI: only Cloudflare's "not found" for a certificate
 * means it is gone. With the base URL missing `/client/v4` (Cloudflare's route error) or pointing at
 * a proxy that answers an HTML 404, `pulumi refresh` and `pulumi destroy` fail with a message naming
 * the URL and the setting, and neither the state nor the zone loses the certificate. Once through the
 * dynamic provider and once through the resource plugin (whose messages name its own config key).
 *
 * The base URL comes from CLOUDFLARE_BASE_URL: refresh and destroy run the providers with the stack
 * config recorded in state at the last `up`, so a `cloudflare:baseUrl` changed since would not reach them.
 */
import type { ServerResponse } from "node:http";
import { startStub, type StubServer } from "../../provider/client/stubServer";
import { CertificateStack, entry, FLAVOURS, settingKey } from "../certificateStack";
import { show } from "../../support/transcript";

describe.each(FLAVOURS)("gone only on Cloudflare's word, %s provider", (flavour) => {
    const baseUrlKey = settingKey(flavour, "baseUrl");
    let stack: CertificateStack;
    let proxy: StubServer;
    beforeAll(async () => {
        stack = await CertificateStack.start({ flavour });
        proxy = await startStub((_r, res: ServerResponse) => {
            res.writeHead(404, { "content-type": "text/html" });
            res.end("<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>");
        });
    });
    afterAll(async () => {
        await proxy?.close();
        await stack?.dispose();
    });

    test.each([
        ["a base URL without /client/v4", () => stack.emulator.url.replace(/\/client\/v4$/, ""), `Cloudflare could not route the request: check ${baseUrlKey} \\(CLOUDFLARE_BASE_URL\\), which ends in /client/v4`],
        [
            "a proxy's HTML 404",
            () => proxy.url,
            `404 from GET http://127\\.0\\.0\\.1:\\d+/client/v4/zones/\\w+/origin_tls_client_auth/hostnames/certificates/[0-9a-f-]{36}: this is not an answer of the Cloudflare API v4 \\(content type text/html\\): check ${baseUrlKey}`,
        ],
    ])("%s: refresh and destroy fail clearly; the certificate stays in state and in the zone", async (what, baseUrl, message) => {
        const ws = stack.workspace;
        if ((await stack.stateCertificates()).length === 0) {
            stack.write([await entry("api")]);
            expect((await ws.up()).code).toBe(0);
        }
        const [certificate] = await stack.stateCertificates();
        const env = { CLOUDFLARE_BASE_URL: baseUrl() };

        const refresh = await ws.refresh([], env);
        expect(refresh.code).not.toBe(0);
        expect(refresh.output).toMatch(new RegExp(message));
        expect((await stack.stateCertificates()).map((r) => r.id)).toEqual([certificate.id]);

        const destroy = await ws.destroy([], env);
        expect(destroy.code).not.toBe(0);
        expect(destroy.output).toContain(`check ${baseUrlKey}`);
        expect((await stack.stateCertificates()).map((r) => r.id)).toEqual([certificate.id]);
        expect(stack.live().map((c) => c.id)).toEqual([certificate.id]);
        show(`CLOUDFLARE_BASE_URL=<${what}> pulumi refresh (${flavour})`, refresh);
        show(`CLOUDFLARE_BASE_URL=<${what}> pulumi destroy (${flavour})`, destroy);
    });

    test("with the base URL fixed, destroy deletes it", async () => {
        const destroy = await stack.workspace.destroy();
        expect(destroy.code).toBe(0);
        expect(stack.live()).toEqual([]);
    });
});
