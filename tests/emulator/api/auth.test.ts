/**
 * Authentication: both Cloudflare schemes, and Cloudflare's statuses and codes for missing, malformed
 * and wrong credentials.
 */
import { DEFAULT_API_KEY, DEFAULT_API_TOKEN, startEmulator } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { call, codes, control, paths, useEmulator } from "../helpers";

const list = paths.certificates();

describe("authentication", () => {
    const emulator = useEmulator();

    test("accepts the default bearer token and the default email + global key", async () => {
        expect((await call(emulator(), "GET", list, { headers: { authorization: `Bearer ${DEFAULT_API_TOKEN}` } })).status).toBe(200);
        const keyHeaders = { "x-auth-email": DEFAULT_API_KEY.email, "x-auth-key": DEFAULT_API_KEY.key };
        expect((await call(emulator(), "GET", list, { headers: keyHeaders })).status).toBe(200);
        expect((await call(emulator(), "GET", list, { headers: { ...keyHeaders, "x-auth-email": "EMULATOR@example.com" } })).status).toBe(200);
    });

    test("no credentials: 400 with 9106", async () => {
        const response = await call(emulator(), "GET", list, { headers: {} });
        expect([response.status, codes(response)]).toEqual([400, [9106]]);
    });

    test("half a global key pair counts as missing: 400 with 9106", async () => {
        const response = await call(emulator(), "GET", list, { headers: { "x-auth-email": DEFAULT_API_KEY.email } });
        expect([response.status, codes(response)]).toEqual([400, [9106]]);
    });

    test("a malformed Authorization header: 400, 6003 with error_chain 6111", async () => {
        for (const authorization of ["Basic abc", `Bearer`, "Bearer short-token"]) {
            const response = await call(emulator(), "GET", list, { headers: { authorization } });
            expect(response.status).toBe(400);
            expect(response.json.errors).toEqual([
                { code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] },
            ]);
        }
    });

    test("a well-formed but unknown token: 403 with 10000", async () => {
        const response = await call(emulator(), "GET", list, { headers: { authorization: `Bearer ${"x".repeat(40)}` } });
        expect([response.status, codes(response)]).toEqual([403, [10000]]);
        expect(response.json.errors[0].message).toBe("Authentication error");
    });

    test("malformed email and key: 400, 6003 chaining 6102 and 6103", async () => {
        const response = await call(emulator(), "GET", list, { headers: { "x-auth-email": "not-an-email", "x-auth-key": "abc" } });
        expect(response.status).toBe(400);
        expect(response.json.errors[0].error_chain.map((e: { code: number }) => e.code)).toEqual([6102, 6103]);
    });

    test("a well-formed but unknown email + key: 403 with 9103", async () => {
        const response = await call(emulator(), "GET", list, { headers: { "x-auth-email": "someone@example.com", "x-auth-key": "f".repeat(37) } });
        expect([response.status, codes(response)]).toEqual([403, [9103]]);
    });

    test("a user service key is not accepted by this API: 403 with 10000", async () => {
        const response = await call(emulator(), "GET", list, { headers: { "x-auth-user-service-key": "v1.0-abc" } });
        expect([response.status, codes(response)]).toEqual([403, [10000]]);
    });

    test("the bearer token wins when both schemes are sent", async () => {
        const headers = { authorization: `Bearer ${DEFAULT_API_TOKEN}`, "x-auth-email": "someone@example.com", "x-auth-key": "f".repeat(37) };
        expect((await call(emulator(), "GET", list, { headers })).status).toBe(200);
    });

    test("credentials are checked after routing: an unknown route is 404 even without credentials", async () => {
        const response = await call(emulator(), "GET", "/zones", { headers: {} });
        expect([response.status, codes(response)]).toEqual([404, [7003, 7000]]);
    });
});

describe("configured credentials and permissions", () => {
    test("--token replaces the default; read-only tokens may GET but not change anything (9109)", async () => {
        const emulator = await startEmulator({ tokens: ["ci-token"], readOnlyTokens: ["viewer"], apiKeys: [] });
        try {
            expect((await call(emulator, "GET", list, { headers: { authorization: "Bearer ci-token" } })).status).toBe(200);
            expect((await call(emulator, "GET", list)).status).toBe(400); // the default token is short: malformed
            expect((await call(emulator, "GET", list, { headers: { "x-auth-email": DEFAULT_API_KEY.email, "x-auth-key": DEFAULT_API_KEY.key } })).status).toBe(403);
            const viewer = { authorization: "Bearer viewer" };
            expect((await call(emulator, "GET", list, { headers: viewer })).status).toBe(200);
            const made = await makeCertificate();
            const post = await call(emulator, "POST", list, { headers: viewer, body: { certificate: made.certificate, private_key: made.privateKey } });
            expect([post.status, codes(post)]).toEqual([403, [9109]]);
            expect(emulator.certificates()).toEqual([]);
        } finally {
            await emulator.close();
        }
    });

    test("a revoked token gets 403 with 10000 from then on, over JS and HTTP; reset() accepts it again", async () => {
        const [oldToken, newToken, otherToken] = ["o", "n", "x"].map((c) => c.repeat(40));
        const emulator = await startEmulator({ tokens: [oldToken, newToken, otherToken] });
        const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
        try {
            emulator.revokeToken(oldToken);
            const refused = await call(emulator, "GET", list, as(oldToken));
            expect([refused.status, codes(refused)]).toEqual([403, [10000]]);
            expect((await call(emulator, "GET", list, as(newToken))).status).toBe(200);
            expect((await control(emulator, "POST", "/tokens/revoke", { token: otherToken })).status).toBe(200);
            expect((await call(emulator, "GET", list, as(otherToken))).status).toBe(403);
            expect((await control(emulator, "POST", "/tokens/revoke", { token: otherToken })).status).toBe(400);
            emulator.reset();
            expect((await call(emulator, "GET", list, as(oldToken))).status).toBe(200);
        } finally {
            await emulator.close();
        }
    });

    test("zones restricts which zones are accessible (9109)", async () => {
        const allowed = "ffffffffffffffffffffffffffffffff";
        const emulator = await startEmulator({ zones: [allowed] });
        try {
            expect((await call(emulator, "GET", paths.certificates(allowed))).status).toBe(200);
            const denied = await call(emulator, "GET", paths.certificates());
            expect([denied.status, codes(denied)]).toEqual([403, [9109]]);
        } finally {
            await emulator.close();
        }
    });
});
