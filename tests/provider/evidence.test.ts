/**
 * "Gone" needs Cloudflare's word for that object: refresh and delete of both resources, against a
 * base URL without /client/v4 (Cloudflare's route error) and a proxy's HTML 404, never report a
 * certificate or an association gone, and the error names the URL and the setting to fix.
 */
import type { ServerResponse } from "node:http";
import { DEFAULT_API_TOKEN } from "../../emulator";
import { createHostnameAssociationProvider } from "../../provider/associations/provider";
import { createHostnameCertificateProvider } from "../../provider/certificates/provider";
import { memoryReporter } from "../../provider/runtime/progress";
import { startStub, type StubServer } from "./client/stubServer";
import { startAssociationHarness, stored, associationInputs, type AssociationHarness } from "./associations/harness";
import { rejection, ZONE } from "./emulatorHarness";

let h: AssociationHarness;
let proxy: StubServer | undefined;
afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await h?.emulator.close();
});

const htmlNotFound = (_r: unknown, res: ServerResponse) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<html><body><h1>404 Not Found</h1></body></html>");
};

/** Providers whose every request goes to `baseUrl`. */
function providersAt(baseUrl: string) {
    const options = { env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: baseUrl }, progress: memoryReporter(), retry: { sleep: async () => undefined } };
    return { certificates: createHostnameCertificateProvider(options), associations: createHostnameAssociationProvider(options) };
}

describe.each([
    ["a base URL without /client/v4", async () => h.emulator.url.replace(/\/client\/v4$/, ""), /Cloudflare error 7003 .* on (GET|DELETE|PUT) http:\/\/127\.0\.0\.1:\d+\/zones\/.*: Cloudflare could not route the request: check cloudflare:baseUrl/],
    ["a proxy answering with an HTML 404", async () => (proxy = await startStub(htmlNotFound)).url, /^404 from (GET|DELETE|PUT) http:\/\/127\.0\.0\.1:\d+\/client\/v4\/zones\/.*: this is not an answer of the Cloudflare API v4 \(content type text\/html\): check cloudflare:baseUrl/],
])("%s", (_what, baseUrl, message) => {
    test("certificate: refresh fails instead of reporting it gone; delete fails instead of reporting it done", async () => {
        h = await startAssociationHarness();
        const { id, outs } = await h.certificate();
        const { certificates } = providersAt(await baseUrl());
        expect((await rejection(certificates.read(id, outs))).message).toMatch(message);
        expect((await rejection(certificates.delete(id, outs))).message).toMatch(message);
        expect(h.emulator.certificates(ZONE).map((c) => [c.id, c.status])).toEqual([[id, "active"]]);
    });

    test("association: refresh fails instead of reporting it gone; delete fails instead of reporting it done", async () => {
        h = await startAssociationHarness();
        const certificate = await h.certificate();
        const { id, outs } = await h.associations.create(associationInputs(certificate.id));
        const { associations } = providersAt(await baseUrl());
        expect((await rejection(associations.read(id, stored(outs)))).message).toMatch(message);
        expect((await rejection(associations.delete(id, stored(outs)))).message).toMatch(message);
        expect(h.emulator.associations(ZONE).map((a) => [a.hostname, a.status])).toEqual([["api.example.com", "active"]]);
    });
});
