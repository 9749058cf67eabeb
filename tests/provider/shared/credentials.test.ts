import { accountIdentity, authHeaders, DEFAULT_BASE_URL, MissingCredentialsError, resolveBaseUrl, resolveCredentials, settingsFromConfig } from "../../../provider/shared/credentials";

describe("credentials", () => {
    test("the account identity keys shared reads without the secret: same token and URL, same identity", () => {
        const token = "a-secret-token-0123456789";
        const id = accountIdentity("http://127.0.0.1:1/client/v4", { kind: "apiToken", apiToken: token });
        expect(id).toMatch(/^http:\/\/127\.0\.0\.1:1\/client\/v4#[0-9a-f]{16}$/);
        expect(id).not.toContain(token);
        expect(accountIdentity("http://127.0.0.1:1/client/v4", { kind: "apiToken", apiToken: token })).toBe(id);
        expect(accountIdentity("http://127.0.0.1:1/client/v4", { kind: "apiToken", apiToken: `${token}x` })).not.toBe(id);
        expect(accountIdentity("http://127.0.0.1:2/client/v4", { kind: "apiToken", apiToken: token })).not.toBe(id);
        const key = { kind: "apiKey", apiKey: "0123456789abcdef", email: "e@x.com" } as const;
        expect(accountIdentity(DEFAULT_BASE_URL, key)).not.toContain(key.apiKey);
        expect(accountIdentity(DEFAULT_BASE_URL, key)).not.toBe(accountIdentity(DEFAULT_BASE_URL, { ...key, email: "f@x.com" }));
    });

    test("stack config wins over the environment; an API token wins over a global key", () => {
        const env = { CLOUDFLARE_API_TOKEN: "env-token", CLOUDFLARE_API_KEY: "env-key", CLOUDFLARE_EMAIL: "e@x.com" };
        expect(resolveCredentials({ apiToken: "config-token" }, env)).toEqual({ kind: "apiToken", apiToken: "config-token" });
        expect(resolveCredentials({}, env)).toEqual({ kind: "apiToken", apiToken: "env-token" });
        expect(resolveCredentials({}, { CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "e@x.com" })).toEqual({ kind: "apiKey", apiKey: "k", email: "e@x.com" });
        expect(resolveCredentials({ apiKey: "k" }, { CLOUDFLARE_EMAIL: "e@x.com" })).toMatchObject({ kind: "apiKey" });
    });

    test("empty values count as unset", () => {
        expect(() => resolveCredentials({ apiToken: "  " }, { CLOUDFLARE_API_TOKEN: "" })).toThrow(MissingCredentialsError);
    });

    test("missing credentials: a clear error naming both config keys and variables", () => {
        let message = "";
        try {
            resolveCredentials({}, {});
        } catch (error) {
            message = (error as Error).message;
        }
        for (const name of ["cloudflare:apiToken", "CLOUDFLARE_API_TOKEN", "cloudflare:apiKey", "cloudflare:email", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL"]) {
            expect(message).toContain(name);
        }
        expect(() => resolveCredentials({}, { CLOUDFLARE_API_KEY: "k" })).toThrow(/email is missing: set the stack config cloudflare:email or .*CLOUDFLARE_EMAIL/);
    });

    test("reads namespaced keys from the provider config, tolerating a config without values", () => {
        const values: Record<string, string> = { "cloudflare:apiToken": "t", "cloudflare:baseUrl": "http://127.0.0.1:1/client/v4", "proj:other": "x" };
        expect(settingsFromConfig({ get: (k) => values[k] })).toEqual({ apiToken: "t", baseUrl: "http://127.0.0.1:1/client/v4" });
        expect(settingsFromConfig({ get: () => { throw new TypeError("no config"); } })).toEqual({});
    });

    test("base URL: config, then env, then the default; trailing slashes dropped; non-http refused", () => {
        expect(resolveBaseUrl({}, {})).toBe(DEFAULT_BASE_URL);
        expect(resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: "http://127.0.0.1:8787/client/v4/" })).toBe("http://127.0.0.1:8787/client/v4");
        expect(resolveBaseUrl({ baseUrl: "https://a.example/client/v4" }, { CLOUDFLARE_BASE_URL: "http://b" })).toBe("https://a.example/client/v4");
        expect(() => resolveBaseUrl({ baseUrl: "ftp://x" }, {})).toThrow(/must be an http\(s\) URL/);
        expect(() => resolveBaseUrl({ baseUrl: "not a url" }, {})).toThrow(/is not a URL/);
    });

    test("auth headers per scheme", () => {
        expect(authHeaders({ kind: "apiToken", apiToken: "t" })).toEqual({ authorization: "Bearer t" });
        expect(authHeaders({ kind: "apiKey", apiKey: "k", email: "e" })).toEqual({ "x-auth-key": "k", "x-auth-email": "e" });
    });
});
