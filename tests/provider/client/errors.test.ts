import {
    AuthenticationError,
    BadRequestError,
    CloudflareApiError,
    CloudflareConnectionError,
    CloudflareTimeoutError,
    ConflictError,
    ERROR_CODES,
    hasCode,
    InternalServerError,
    isCloudflareApiError,
    isCloudflareError,
    isAssociationNotFound,
    isCertificateNotFound,
    isConnectionError,
    isNotAnApiResponse,
    isRouteError,
    isTimeoutError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
} from "../../../provider/client/errors";

const PATH = "/zones/023e105f4ecef8ad9ca31a8372d0c353/origin_tls_client_auth/hostnames/certificates";

describe("CloudflareApiError.generate", () => {
    test("picks the class by status", () => {
        const cases: [number, unknown][] = [
            [400, BadRequestError],
            [401, AuthenticationError],
            [403, PermissionDeniedError],
            [404, NotFoundError],
            [409, ConflictError],
            [429, RateLimitError],
            [500, InternalServerError],
            [503, InternalServerError],
            [418, CloudflareApiError],
        ];
        for (const [status, Class] of cases) {
            const error = CloudflareApiError.generate({ status, errors: [], method: "GET", path: PATH });
            expect(error).toBeInstanceOf(Class as typeof CloudflareApiError);
            expect(error.status).toBe(status);
            expect(error.code).toBe(ERROR_CODES.api);
        }
    });

    test("message: status, codes and messages, method and path, what to do", () => {
        const error = CloudflareApiError.generate({
            status: 400,
            errors: [{ code: 1412, message: "Only leaf certificate is allowed." }],
            method: "POST",
            path: PATH,
        });
        expect(error.message).toBe(
            `400 Cloudflare error 1412 (Only leaf certificate is allowed.) on POST ${PATH}: upload a leaf certificate (CA:FALSE), optionally followed by its CA certificates`,
        );
        expect(error.name).toBe("BadRequestError");
    });

    test("hints by status when no code is known", () => {
        const auth = CloudflareApiError.generate({ status: 403, errors: [{ code: 1, message: "nope" }], method: "GET", path: PATH });
        expect(auth.message).toMatch(/: check the API token/);
        const server = CloudflareApiError.generate({ status: 502, errors: [], method: "GET", path: PATH });
        expect(server.message).toBe(`502 Cloudflare error on GET ${PATH}: Cloudflare had a server error; retry later`);
    });

    test("known codes get specific advice", () => {
        const cases: [number, RegExp][] = [
            [1406, /already uploaded/],
            [1433, /enabled: null/],
            [10000, /API token/],
            [9109, /SSL and Certificates Edit/],
            [7003, /zoneId/],
            [7003, /check cloudflare:baseUrl \(CLOUDFLARE_BASE_URL\), which ends in \/client\/v4/],
            [971, /rate limiting/],
        ];
        for (const [code, hint] of cases) {
            const error = CloudflareApiError.generate({ status: 400, errors: [{ code, message: "m" }], method: "GET", path: PATH });
            expect(error.message).toMatch(hint);
        }
    });
});

describe("what counts as gone", () => {
    const error = (status: number, codes: number[], envelope = true) =>
        CloudflareApiError.generate({ status, errors: codes.map((code) => ({ code, message: "m" })), method: "GET", path: PATH, envelope });

    test("only Cloudflare's not-found code for that object", () => {
        expect(isCertificateNotFound(error(404, [1552]))).toBe(true);
        expect(isCertificateNotFound(error(404, [1551]))).toBe(true);
        expect(isAssociationNotFound(error(404, [1553]))).toBe(true);
        expect(isAssociationNotFound(error(404, [1552]))).toBe(false);
        expect(isCertificateNotFound(error(404, [1553]))).toBe(false);
    });

    test("a route error, a page that is not an envelope, or any other 404 is not", () => {
        for (const other of [error(404, [7003, 7000]), error(404, [], false), error(404, []), error(404, [1000])]) {
            expect(isCertificateNotFound(other)).toBe(false);
            expect(isAssociationNotFound(other)).toBe(false);
        }
        expect(isRouteError(error(404, [7003, 7000]))).toBe(true);
        expect(isNotAnApiResponse(error(404, [], false))).toBe(true);
        expect(isNotAnApiResponse(error(404, []))).toBe(false);
    });

    test("messages about a wrong base URL name the full URL and the setting to check", () => {
        const url = `https://proxy.example/api${PATH}`;
        const page = CloudflareApiError.generate({ status: 404, errors: [], method: "GET", path: PATH, url, envelope: false, contentType: "text/html" });
        expect(page.message).toBe(
            `404 from GET ${url}: this is not an answer of the Cloudflare API v4 (content type text/html): ` +
                "check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), default https://api.cloudflare.com/client/v4, and any proxy in between",
        );
        const route = CloudflareApiError.generate({ status: 404, errors: [{ code: 7003, message: "Could not route" }, { code: 7000, message: "No route for that URI" }], method: "DELETE", path: PATH, url });
        expect(route.message).toMatch(new RegExp(`^404 Cloudflare error 7003 \\(Could not route\\), 7000 \\(No route for that URI\\) on DELETE ${url.replace(/[.]/g, "\\.")}: Cloudflare could not route the request: check cloudflare:baseUrl`));
        const edge = CloudflareApiError.generate({ status: 502, errors: [], method: "GET", path: PATH, url, envelope: false, contentType: "text/html" });
        expect(edge.message).toMatch(/^502 from GET .*: this is not an answer of the Cloudflare API v4 \(content type text\/html\): Cloudflare or a proxy in between had a server error; retry later, and if it persists check cloudflare:baseUrl/);
        const empty = CloudflareApiError.generate({ status: 200, errors: [], method: "GET", path: PATH, url, envelope: false });
        expect(empty.message).toMatch(/^200 from GET .*: this is not an answer of the Cloudflare API v4 \(an empty answer\)/);
    });
});

describe("type guards work without instanceof (two copies of the module)", () => {
    test("match by stable code", () => {
        const foreign = { code: ERROR_CODES.api, status: 404, errors: [{ code: 1552, message: "x" }] };
        expect(isCloudflareApiError(foreign)).toBe(true);
        expect(isCertificateNotFound(foreign)).toBe(true);
        expect(hasCode(foreign, "certificateNotFound")).toBe(true);
        expect(hasCode(foreign, "duplicate")).toBe(false);
        expect(isCloudflareError({ code: ERROR_CODES.timeout })).toBe(true);
        expect(isCloudflareError({ code: "ECONNRESET" })).toBe(false);
        expect(isCloudflareApiError(null)).toBe(false);
    });

    test("connection and timeout errors", () => {
        const timeout = new CloudflareTimeoutError("GET", PATH, 30000);
        expect(isTimeoutError(timeout)).toBe(true);
        expect(isConnectionError(timeout)).toBe(true);
        expect(timeout.message).toMatch(/^Cloudflare did not answer within 30000 ms on GET .*: check the network/);
        expect(new CloudflareConnectionError("GET", PATH, "ECONNREFUSED").message).toMatch(/^Could not reach Cloudflare \(ECONNREFUSED\) on GET/);
        const reset = new CloudflareConnectionError("POST", PATH, "ECONNRESET");
        expect(isConnectionError(reset)).toBe(true);
        expect(isTimeoutError(reset)).toBe(false);
        expect(isCloudflareApiError(reset)).toBe(false);
    });
});
