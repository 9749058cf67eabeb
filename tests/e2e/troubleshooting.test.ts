/**
 * What users see when the setup is wrong, through the real CLI: the messages the README's
 * Troubleshooting section quotes. Missing credentials stop before any request; a token Cloudflare
 * does not accept names what to check; a base URL that misses `/client/v4` makes refresh and destroy
 * fail and say so, instead of taking every certificate for deleted and forgetting it.
 */
import { parseEnvelope } from "../../provider/client/http";
import { isCertificateNotFound, isMisroutedError } from "../../provider/client/errors";
import { CertificateStack, entry, ZONES } from "./certificateStack";

const CERTIFICATE_PATH = `/zones/${ZONES[0]}/origin_tls_client_auth/hostnames/certificates/2458ce5a-0c35-4c7f-82c7-8e9487d3ff60`;

/** The error the client makes of a raw answer. */
function errorOf(status: number, text: string): unknown {
    try {
        parseEnvelope({ status, headers: {}, text, method: "GET", path: CERTIFICATE_PATH, now: 0 });
    } catch (error) {
        return error;
    }
    throw new Error("parseEnvelope accepted the answer");
}

describe("the client's messages", () => {
    test("a Global API key Cloudflare does not know names the key and the email", () => {
        const error = errorOf(403, JSON.stringify({ success: false, errors: [{ code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" }] }));
        expect((error as Error).message).toContain("403 Cloudflare error 9103 (Unknown X-Auth-Key or X-Auth-Email) on GET");
        expect((error as Error).message).toContain("check cloudflare:apiKey and cloudflare:email (CLOUDFLARE_API_KEY, CLOUDFLARE_EMAIL)");
    });

    test("a page that is not the API names the base URL and never means 'gone'", () => {
        const html = errorOf(404, "<html><body>Not Found</body></html>");
        expect((html as Error).message).toBe(
            `404 from GET ${CERTIFICATE_PATH}: this is not an answer of the Cloudflare API v4 (content type none): ` +
                "check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), default https://api.cloudflare.com/client/v4, and any proxy in between",
        );
        expect(isMisroutedError(html)).toBe(true);
        expect(isCertificateNotFound(html)).toBe(false);
    });

    test("Cloudflare's 'no route' names the base URL and never means 'gone'; its 'not found' does", () => {
        const noRoute = errorOf(404, JSON.stringify({ success: false, errors: [{ code: 7003, message: "Could not route to …" }, { code: 7000, message: "No route for that URI" }] }));
        expect((noRoute as Error).message).toContain("check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4");
        expect(isMisroutedError(noRoute)).toBe(true);
        expect(isCertificateNotFound(noRoute)).toBe(false);
        const gone = errorOf(404, JSON.stringify({ success: false, errors: [{ code: 1552, message: "Hostname certificate not found." }] }));
        expect(isCertificateNotFound(gone)).toBe(true);
        expect(isMisroutedError(gone)).toBe(false);
    });
});

describe("troubleshooting with the real CLI", () => {
    let stack: CertificateStack;
    beforeAll(async () => {
        stack = await CertificateStack.start();
        stack.write([await entry("api")]);
    });
    afterAll(async () => stack?.dispose());

    test("no credentials: up stops before any request and says what to set", async () => {
        const up = await stack.workspace.up([], { CLOUDFLARE_API_TOKEN: undefined });
        expect(up.output).toContain("Cloudflare credentials are missing: set an API token with `pulumi config set --secret cloudflare:apiToken <token>`");
        expect(up.code).not.toBe(0);
        expect(stack.emulator.requests).toEqual([]);
    });

    test("a token Cloudflare does not accept: 403, error 10000, and what to check", async () => {
        const up = await stack.workspace.up([], { CLOUDFLARE_API_TOKEN: "x".repeat(40) });
        expect(up.output).toContain("403 Cloudflare error 10000 (Authentication error) on POST");
        expect(up.output).toContain("check the API token (cloudflare:apiToken or CLOUDFLARE_API_TOKEN) and its permissions");
        expect(up.code).not.toBe(0);
        expect(await stack.stateCertificates()).toEqual([]);
    });

    test("a base URL without /client/v4: refresh and destroy fail, say so and forget nothing", async () => {
        expect((await stack.workspace.up()).code).toBe(0);
        const wrong = { CLOUDFLARE_BASE_URL: stack.emulator.url.replace(/\/client\/v4$/, "/v4") };

        const refresh = await stack.workspace.refresh([], wrong);
        expect(refresh.output).toContain("404 Cloudflare error 7003");
        expect(refresh.output).toContain("check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4");
        expect(refresh.code).not.toBe(0);
        expect(await stack.stateCertificates()).toHaveLength(1);

        const destroy = await stack.workspace.destroy([], wrong);
        expect(destroy.code).not.toBe(0);
        expect(await stack.stateCertificates()).toHaveLength(1);
        expect(stack.live()).toHaveLength(1);

        expect((await stack.workspace.destroy()).code).toBe(0);
        expect(stack.live()).toEqual([]);
    });
});
