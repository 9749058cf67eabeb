import { CloudflareClient, type CloudflareClientOptions, userAgent } from "../../../provider/client/http";
import { isConnectionError, isTimeoutError } from "../../../provider/client/errors";
import { fakeClock } from "../fakeClock";
import { failure, json, ok, startStub, type StubServer } from "./stubServer";
import { DEFAULT_RETRY_OPTIONS } from "../../../provider/client/retry";

const TOKEN = "test-token-abcdef0123456789";
const PATH = "/zones/023e105f4ecef8ad9ca31a8372d0c353/origin_tls_client_auth/hostnames/certificates";
const packageVersion: string = require("../../../package.json").version;

let stub: StubServer | undefined;
afterEach(async () => {
    await stub?.close();
    stub = undefined;
});

function client(url: string, overrides: Partial<CloudflareClientOptions> = {}) {
    const clock = fakeClock();
    const logs: string[] = [];
    const c = new CloudflareClient({
        baseUrl: `${url}/`,
        credentials: { kind: "apiToken", apiToken: TOKEN },
        retry: { now: clock.now, sleep: clock.sleep, random: () => 0.5 },
        log: (m) => logs.push(m),
        ...overrides,
    });
    return { client: c, sleeps: clock.sleeps, logs };
}

describe("CloudflareClient", () => {
    test("sends auth, accept and user-agent headers; JSON body only with content-type", async () => {
        stub = await startStub((_r, res) => json(res, 200, ok({ id: "x" })));
        const { client: c } = client(stub.url);
        await c.request("GET", PATH);
        await c.request("POST", PATH, { body: { certificate: "c" } });
        const [get, post] = stub.requests;
        expect(get.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(get.headers.accept).toBe("application/json");
        expect(get.headers["user-agent"]).toBe(`pulumi-cloudflare-hostname-certificates/${packageVersion}`);
        expect(get.headers["content-type"]).toBeUndefined();
        expect(get.body).toBe("");
        expect(post.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(post.body)).toEqual({ certificate: "c" });
        expect(userAgent()).toBe(`pulumi-cloudflare-hostname-certificates/${packageVersion}`);
    });

    test("global API key credentials send X-Auth-Key and X-Auth-Email", async () => {
        stub = await startStub((_r, res) => json(res, 200, ok([])));
        const { client: c } = client(stub.url, { credentials: { kind: "apiKey", apiKey: "k".repeat(37), email: "me@example.com" } });
        await c.request("GET", PATH);
        expect(stub.requests[0].headers["x-auth-key"]).toBe("k".repeat(37));
        expect(stub.requests[0].headers["x-auth-email"]).toBe("me@example.com");
        expect(stub.requests[0].headers.authorization).toBeUndefined();
    });

    test("unwraps the envelope", async () => {
        stub = await startStub((_r, res) => json(res, 200, { ...ok([{ id: "a" }]), result_info: { page: 1, count: 1 } }));
        const envelope = await client(stub.url).client.request<{ id: string }[]>("GET", PATH);
        expect(envelope.result).toEqual([{ id: "a" }]);
        expect(envelope.result_info).toEqual({ page: 1, count: 1 });
    });

    test("a 200 with success:false is an error", async () => {
        stub = await startStub((_r, res) => json(res, 200, failure(1415, "bad config")));
        await expect(client(stub.url).client.request("GET", PATH)).rejects.toMatchObject({ status: 200, errors: [{ code: 1415, message: "bad config" }] });
    });

    test("nested error_chain entries are flattened; a missing result is accepted", async () => {
        stub = await startStub((_r, res) =>
            json(res, 400, { success: false, errors: [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }] }),
        );
        const error = await client(stub.url).client.request("GET", PATH).catch((e) => e);
        expect(error.errors.map((e: { code: number }) => e.code)).toEqual([6003, 6111]);
        expect(error.message).toMatch(/^400 Cloudflare error 6003 \(Invalid request headers\), 6111 .* on GET \/zones\//);
    });

    test("a non-JSON error page becomes a typed error naming the full URL and the base URL setting, and is not retried", async () => {
        stub = await startStub((_r, res) => {
            res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
            res.end("<html>not found</html>");
        });
        const error = await client(stub.url).client.request("GET", PATH).catch((e) => e);
        expect(error.name).toBe("NotFoundError");
        expect(error.envelope).toBe(false);
        expect(error.errors).toEqual([]);
        expect(error.message).toBe(
            `404 from GET ${stub.url}${PATH}: this is not an answer of the Cloudflare API v4 (content type text/html): ` +
                "check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), default https://api.cloudflare.com/client/v4, and any proxy in between",
        );
        expect(stub.requests).toHaveLength(1);
    });

    test("JSON that is not an envelope, and a 200 without a body, are not API answers either", async () => {
        const answers: Array<(res: import("node:http").ServerResponse) => void> = [
            (res) => json(res, 404, { message: "Not Found" }),
            (res) => (res.writeHead(200), res.end()),
        ];
        stub = await startStub((_r, res) => answers.shift()!(res));
        const { client: c } = client(stub.url);
        const notFound = await c.request("GET", PATH).catch((e) => e);
        expect(notFound).toMatchObject({ status: 404, envelope: false });
        expect(notFound.message).toMatch(/^404 from GET .*: this is not an answer of the Cloudflare API v4 \(content type application\/json\): check cloudflare:baseUrl/);
        const empty = await c.request("GET", PATH).catch((e) => e);
        expect(empty).toMatchObject({ status: 200, envelope: false });
        expect(stub.requests).toHaveLength(2);
    });

    test("a route error names the full URL, without the user and password of the base URL", async () => {
        stub = await startStub((_r, res) => json(res, 404, { success: false, errors: [{ code: 7003, message: "Could not route" }, { code: 7000, message: "No route for that URI" }], result: null }));
        const withUser = stub.url.replace("http://", "http://user:hunter2secret@");
        const error = await client(withUser).client.request("DELETE", PATH).catch((e) => e);
        expect(error.message).toContain(`on DELETE ${stub.url}${PATH}: Cloudflare could not route the request: check cloudflare:baseUrl`);
        expect(error.message).not.toContain("hunter2secret");
        expect(stub.requests).toHaveLength(1);
    });

    test("a request undici refuses to send (a header with a line break) fails at once, not as a connection problem", async () => {
        stub = await startStub((_r, res) => json(res, 200, ok({ id: "x" })));
        const { client: c } = client(stub.url, { credentials: { kind: "apiToken", apiToken: "abc\ndef" } });
        const error = await c.request("GET", PATH).catch((e) => e);
        expect(error.name).toBe("CloudflareRequestError");
        expect(isConnectionError(error)).toBe(false);
        expect(error.message).toMatch(/^Could not send GET \/zones\/.* \(invalid authorization header\): check the credentials/);
        expect(stub.requests).toHaveLength(0);
    });

    test("retries 5xx and 429 (Retry-After honoured), then succeeds; logs each retry without secrets", async () => {
        const answers = [() => [503, failure(1499, "unavailable")], () => [429, failure(971, "slow down")], () => [200, ok("done")]];
        stub = await startStub((_r, res) => {
            const [status, body] = (answers.shift() as () => [number, unknown])();
            json(res, status, body, status === 429 ? { "retry-after": "3" } : {});
        });
        const { client: c, sleeps, logs } = client(stub.url);
        expect((await c.request("GET", PATH)).result).toBe("done");
        expect(stub.requests).toHaveLength(3);
        expect(sleeps).toEqual([500, 3000]);
        expect(logs).toHaveLength(2);
        expect(logs[1]).toMatch(new RegExp(`^Cloudflare GET /zones/.* failed \\(HTTP 429 971\\); retry 2 of ${DEFAULT_RETRY_OPTIONS.maxAttempts - 1} in 3\\.0s$`));
        expect(logs.join("\n")).not.toContain(TOKEN);
    });

    test("a storm never exceeds the attempt budget", async () => {
        stub = await startStub((_r, res) => json(res, 502, failure(1499, "bad gateway")));
        await expect(client(stub.url).client.request("GET", PATH)).rejects.toMatchObject({ status: 502 });
        expect(stub.requests).toHaveLength(DEFAULT_RETRY_OPTIONS.maxAttempts);
    });

    test("an upload is not retried after an ambiguous 5xx, but is after a 429", async () => {
        stub = await startStub((_r, res) => json(res, 502, failure(1499, "bad gateway")));
        const { client: c } = client(stub.url);
        await expect(c.request("POST", PATH, { body: {}, retry: "once-unless-refused" })).rejects.toMatchObject({ status: 502 });
        expect(stub.requests).toHaveLength(1);
        await stub.close();
        const answers = [429, 200];
        stub = await startStub((_r, res) => {
            const status = answers.shift() as number;
            json(res, status, status === 200 ? ok({ id: "new" }) : failure(971, "slow"), { "retry-after": "0" });
        });
        const again = client(stub.url).client;
        expect((await again.request("POST", PATH, { body: {}, retry: "once-unless-refused" })).result).toEqual({ id: "new" });
        expect(stub.requests).toHaveLength(2);
    });

    test("a server that never answers times out per attempt", async () => {
        stub = await startStub(() => undefined);
        const { client: c } = client(stub.url, { requestTimeoutMs: 100, retry: { maxAttempts: 2, sleep: async () => undefined } });
        const error = await c.request("GET", PATH).catch((e) => e);
        expect(isTimeoutError(error)).toBe(true);
        expect(error.message).toMatch(/did not answer within 100 ms on GET/);
        expect(stub.requests).toHaveLength(2);
    });

    test("the operation's deadline cuts an attempt: a server that never answers holds it only until the deadline plus DEADLINE_GRACE_MS (5 s)", async () => {
        stub = await startStub(() => undefined);
        const { client: c } = client(stub.url);
        const timeout = jest.spyOn(AbortSignal, "timeout");
        try {
            // The fake clock stands still: the deadline is 100 ms away, so the attempt may take 5.1 s, not the usual 30 s.
            const error = await c.request("GET", PATH, { deadline: c.retryOptions.now() + 100 }).catch((e) => e);
            expect(timeout.mock.calls.map(([ms]) => ms)).toEqual([5_100]);
            expect(isTimeoutError(error)).toBe(true);
            expect(error.message).toMatch(/^The operation's timeout \(createTimeout or deleteTimeout\) ran out before Cloudflare answered GET /);
        } finally {
            timeout.mockRestore();
        }
        expect(stub.requests).toHaveLength(1);
    }, 15_000);

    test("past the deadline's grace, nothing is sent", async () => {
        stub = await startStub((_r, res) => json(res, 200, ok([])));
        const { client: c } = client(stub.url);
        const error = await c.request("GET", PATH, { deadline: c.retryOptions.now() - 5_000 }).catch((e) => e);
        expect(isTimeoutError(error)).toBe(true);
        expect(stub.requests).toEqual([]);
    });

    test("a refused connection is a connection error, retried", async () => {
        stub = await startStub(() => undefined);
        const url = stub.url;
        await stub.close();
        stub = undefined;
        let attempts = 0;
        const { client: c } = client(url, { retry: { maxAttempts: 3, sleep: async () => void attempts++ } });
        const error = await c.request("GET", PATH).catch((e) => e);
        expect(isConnectionError(error)).toBe(true);
        expect(error.message).toMatch(/^Could not reach Cloudflare \(ECONNREFUSED\) on GET/);
        expect(attempts).toBe(2);
    });

    test("error messages name method and path but never headers or the body", async () => {
        stub = await startStub((_r, res) => json(res, 400, failure(2106, "The private key you uploaded is invalid.")));
        const body = { certificate: "CERT-BODY-MARKER", private_key: "KEY-BODY-MARKER-0123456789" };
        const error = await client(stub.url).client.request("POST", PATH, { body, retry: "once-unless-refused" }).catch((e) => e);
        expect(error.message).toContain(`POST ${PATH}`);
        for (const secret of [TOKEN, "KEY-BODY-MARKER", "CERT-BODY-MARKER"]) {
            expect(error.message).not.toContain(secret);
            expect(JSON.stringify(error)).not.toContain(secret);
        }
    });
});
