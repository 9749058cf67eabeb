import {
    accountIdentity,
    authHeaders,
    DEFAULT_BASE_URL,
    InvalidCredentialsError,
    isLoopbackHost,
    MissingCredentialsError,
    resolveBaseUrl,
    resolveCredentials,
    settingsFromConfig,
} from "../../../provider/core/credentials";

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

    test("a complete set from stack config wins over any environment credentials", () => {
        const env = { CLOUDFLARE_API_TOKEN: "env-token", CLOUDFLARE_API_KEY: "env-key", CLOUDFLARE_EMAIL: "env@x.com" };
        expect(resolveCredentials({ apiKey: "config-key", email: "config@x.com" }, env)).toEqual({ kind: "apiKey", apiKey: "config-key", email: "config@x.com" });
        expect(resolveCredentials({ apiKey: "config-key" }, env)).toEqual({ kind: "apiKey", apiKey: "config-key", email: "env@x.com" });
        expect(resolveCredentials({ email: "config@x.com" }, env)).toEqual({ kind: "apiToken", apiToken: "env-token" });
        expect(() => resolveCredentials({ apiKey: "config-key" }, { CLOUDFLARE_API_TOKEN: "env-token" })).toThrow(
            /API key is set \(cloudflare:apiKey\) but its email is missing/,
        );
    });

    test.each([
        ["a line break inside", "abc\ndef", "contains whitespace"],
        ["a space inside", "abc def", "contains whitespace"],
        ["a control character", "abc\u0007def", "contains a control character"],
        ["a non-ASCII character", "abcédef", "contains a character that is not plain ASCII"],
    ])("a credential with %s is refused naming where it came from, never showing it", (_what, value, problem) => {
        const cases: Array<[() => unknown, string]> = [
            [() => resolveCredentials({ apiToken: value }, {}), "cloudflare:apiToken"],
            [() => resolveCredentials({}, { CLOUDFLARE_API_TOKEN: value }), "CLOUDFLARE_API_TOKEN"],
            [() => resolveCredentials({}, { CLOUDFLARE_API_KEY: value, CLOUDFLARE_EMAIL: "e@x.com" }), "CLOUDFLARE_API_KEY"],
            [() => resolveCredentials({ apiKey: "k", email: value }, {}), "cloudflare:email"],
        ];
        for (const [resolve, from] of cases) {
            let error: Error | undefined;
            try {
                resolve();
            } catch (caught) {
                error = caught as Error;
            }
            expect(error).toBeInstanceOf(InvalidCredentialsError);
            expect(error!.message).toMatch(new RegExp(`^${from} ${problem}.*which no request can carry`));
            expect(error!.message).not.toContain(value);
        }
    });

    test("surrounding whitespace (a pasted line break) is trimmed, not refused", () => {
        expect(resolveCredentials({ apiToken: "  token\n" }, {})).toEqual({ kind: "apiToken", apiToken: "token" });
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

    test("plain http:// only to this machine, unless allowed explicitly", () => {
        for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "[::1]", "LOCALHOST"]) {
            expect(resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: `http://${host}:8787/client/v4` })).toBe(`http://${host}:8787/client/v4`);
        }
        for (const host of ["192.0.2.10", "api.example.com", "[fd00::2]", "127.0.0.1.example.com", "[::ffff:127.0.0.1]"]) {
            const url = `http://${host}/client/v4`;
            expect(() => resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: url })).toThrow(
                /is plain http:\/\/ to .*, which would send the credentials unencrypted: use https:\/\/; or, .* set cloudflare:allowInsecureHttp true \(CLOUDFLARE_ALLOW_INSECURE_HTTP=1\)/,
            );
            expect(resolveBaseUrl({ allowInsecureHttp: "true" }, { CLOUDFLARE_BASE_URL: url })).toBe(url);
            expect(resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: url, CLOUDFLARE_ALLOW_INSECURE_HTTP: "1" })).toBe(url);
            expect(() => resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: url, CLOUDFLARE_ALLOW_INSECURE_HTTP: "yes" })).toThrow(/plain http/);
        }
        expect(resolveBaseUrl({}, { CLOUDFLARE_BASE_URL: "https://api.example.com/client/v4" })).toBe("https://api.example.com/client/v4");
        expect(isLoopbackHost("127.0.0.1")).toBe(true);
        expect(isLoopbackHost("128.0.0.1")).toBe(false);
    });

    test("auth headers per scheme", () => {
        expect(authHeaders({ kind: "apiToken", apiToken: "t" })).toEqual({ authorization: "Bearer t" });
        expect(authHeaders({ kind: "apiKey", apiKey: "k", email: "e" })).toEqual({ "x-auth-key": "k", "x-auth-email": "e" });
    });
});
