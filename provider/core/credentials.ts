/**
 * Where the provider finds credentials and the API endpoint: the stack config given to `configure`
 * first, then the environment at the moment a method runs (for credentials: a complete set from stack
 * config wins). Nothing here is captured in the `__provider` module, so a rotated token just works.
 */
import { createHash } from "node:crypto";

/** How requests authenticate. */
export type Credentials =
    | { readonly kind: "apiToken"; readonly apiToken: string }
    | { readonly kind: "apiKey"; readonly apiKey: string; readonly email: string };

/** Values read from the stack config (`cloudflare:*` keys); every field optional. */
export interface ProviderSettings {
    apiToken?: string;
    apiKey?: string;
    email?: string;
    baseUrl?: string;
    /** Client-side rate limit, e.g. "1000/5m" (see `client/rateLimiter`). */
    rateLimit?: string;
    /** Share of Cloudflare's reported budget kept for other clients, e.g. "10%" or "200" (see `client/rateBudget`). */
    rateReserve?: string;
    /** Recovery switch: which identical certificates a create may adopt (see `./adoption`). */
    adoptExisting?: string;
    /** "true" allows plain http:// to a host other than this machine. */
    allowInsecureHttp?: string;
}

/** The minimal shape of Pulumi's dynamic-provider `Config`. */
export interface ConfigSource {
    get(key: string): string | undefined;
}

/** @default "https://api.cloudflare.com/client/v4" */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** Stack config keys and the environment variables that stand in for them. */
export const SETTINGS_SOURCES = {
    apiToken: { config: "cloudflare:apiToken", env: "CLOUDFLARE_API_TOKEN" },
    apiKey: { config: "cloudflare:apiKey", env: "CLOUDFLARE_API_KEY" },
    email: { config: "cloudflare:email", env: "CLOUDFLARE_EMAIL" },
    baseUrl: { config: "cloudflare:baseUrl", env: "CLOUDFLARE_BASE_URL" },
    rateLimit: { config: "cloudflare:rateLimit", env: "CLOUDFLARE_RATE_LIMIT" },
    rateReserve: { config: "cloudflare:rateReserve", env: "CLOUDFLARE_RATE_RESERVE" },
    adoptExisting: { config: "cloudflare:adoptExisting", env: "CLOUDFLARE_ADOPT_EXISTING" },
    allowInsecureHttp: { config: "cloudflare:allowInsecureHttp", env: "CLOUDFLARE_ALLOW_INSECURE_HTTP" },
} as const;

type SettingName = keyof typeof SETTINGS_SOURCES;

/** Thrown when no usable credentials are configured; says which config keys or variables to set. */
export class MissingCredentialsError extends Error {
    readonly code = "CLOUDFLARE_MISSING_CREDENTIALS";
    constructor(message: string) {
        super(message);
        this.name = "MissingCredentialsError";
    }
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Reads the `cloudflare:*` keys from the stack config (as passed to `configure`). */
export function settingsFromConfig(config: ConfigSource): ProviderSettings {
    const settings: ProviderSettings = {};
    for (const name of Object.keys(SETTINGS_SOURCES) as SettingName[]) {
        const value = nonEmpty(safeGet(config, SETTINGS_SOURCES[name].config));
        if (value !== undefined) settings[name] = value;
    }
    return settings;
}

// The engine may not have sent a Configure request; a bare Config then throws on any lookup.
function safeGet(config: ConfigSource, key: string): string | undefined {
    try {
        return config.get(key);
    } catch {
        return undefined;
    }
}

/** A setting's value: stack config first, then the environment. */
function setting(name: SettingName, settings: ProviderSettings, env: NodeJS.ProcessEnv): string | undefined {
    return (fromConfig(name, settings) ?? fromEnv(name, env))?.value;
}

/** Thrown for a credential no request could carry (whitespace or control characters); never prints the value. */
export class InvalidCredentialsError extends Error {
    readonly code = "CLOUDFLARE_INVALID_CREDENTIALS";
    constructor(message: string) {
        super(message);
        this.name = "InvalidCredentialsError";
    }
}

/** A setting's value and where it came from (the config key or the environment variable), for messages. */
interface Sourced {
    readonly value: string;
    readonly from: string;
}

function fromConfig(name: SettingName, settings: ProviderSettings): Sourced | undefined {
    const value = nonEmpty(settings[name]);
    return value === undefined ? undefined : { value, from: SETTINGS_SOURCES[name].config };
}

function fromEnv(name: SettingName, env: NodeJS.ProcessEnv): Sourced | undefined {
    const value = nonEmpty(env[SETTINGS_SOURCES[name].env]);
    return value === undefined ? undefined : { value, from: SETTINGS_SOURCES[name].env };
}

/**
 * What is wrong with a credential's characters, or undefined. Tokens, keys and emails are visible
 * ASCII; anything else (a space, a line break, a control or non-ASCII character) cannot go in an
 * HTTP header, so the request would fail on every retry. Surrounding whitespace is already trimmed.
 */
export function credentialProblem(value: string): string | undefined {
    if (/\s/.test(value)) return "contains whitespace (a space or a line break)";
    if (/[\x00-\x1f\x7f]/.test(value)) return "contains a control character";
    if (/[^\x21-\x7e]/.test(value)) return "contains a character that is not plain ASCII";
    return undefined;
}

function checked(setting: Sourced): string {
    const problem = credentialProblem(setting.value);
    if (problem) {
        throw new InvalidCredentialsError(
            `${setting.from} ${problem}, which no request can carry: set it again with exactly the value Cloudflare gave you ` +
                `(the value is not shown here)`,
        );
    }
    return setting.value;
}

function apiKeyCredentials(apiKey: Sourced, email: Sourced | undefined): Credentials {
    if (email === undefined) {
        throw new MissingCredentialsError(
            `Cloudflare API key is set (${apiKey.from}) but its email is missing: set the stack config cloudflare:email ` +
                "or the environment variable CLOUDFLARE_EMAIL (or use an API token instead)",
        );
    }
    return { kind: "apiKey", apiKey: checked(apiKey), email: checked(email) };
}

/**
 * Picks credentials. A complete set from stack config wins over the environment: `cloudflare:apiToken`,
 * else `cloudflare:apiKey` with its email; then `CLOUDFLARE_API_TOKEN`, then `CLOUDFLARE_API_KEY` with
 * its email. The email may come from either place. A value with whitespace or control characters is
 * refused before any request.
 */
export function resolveCredentials(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): Credentials {
    const email = fromConfig("email", settings) ?? fromEnv("email", env);
    const configToken = fromConfig("apiToken", settings);
    if (configToken) return { kind: "apiToken", apiToken: checked(configToken) };
    const configKey = fromConfig("apiKey", settings);
    if (configKey) return apiKeyCredentials(configKey, email);
    const envToken = fromEnv("apiToken", env);
    if (envToken) return { kind: "apiToken", apiToken: checked(envToken) };
    const envKey = fromEnv("apiKey", env);
    if (envKey) return apiKeyCredentials(envKey, email);
    throw new MissingCredentialsError(
        "Cloudflare credentials are missing: set an API token with `pulumi config set --secret cloudflare:apiToken <token>` " +
            "or the environment variable CLOUDFLARE_API_TOKEN (the token needs SSL and Certificates Edit on the zone); " +
            "or set cloudflare:apiKey and cloudflare:email (CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL)",
    );
}

/** The stack config key of the credentials `resolveCredentials` uses, when they come from stack config; undefined when from the environment. */
export function configuredCredentialKey(settings: ProviderSettings): string | undefined {
    return (fromConfig("apiToken", settings) ?? fromConfig("apiKey", settings))?.from;
}

/** Hosts that are this machine: plain `http://` to them never leaves it. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** True when `cloudflare:allowInsecureHttp` / `CLOUDFLARE_ALLOW_INSECURE_HTTP` is "true" or "1". */
export function allowsInsecureHttp(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): boolean {
    return ["true", "1"].includes((setting("allowInsecureHttp", settings, env) ?? "").toLowerCase());
}

/**
 * The API base URL without a trailing slash. Refuses anything that is not an http(s) URL, and plain
 * `http://` to anything but this machine (127.0.0.0/8, ::1, localhost), which would send the
 * credentials in cleartext, unless `cloudflare:allowInsecureHttp` says so.
 */
export function resolveBaseUrl(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string {
    const value = setting("baseUrl", settings, env) ?? DEFAULT_BASE_URL;
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new Error(`cloudflare:baseUrl (or CLOUDFLARE_BASE_URL) is not a URL; use e.g. ${DEFAULT_BASE_URL}`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new Error(`cloudflare:baseUrl (or CLOUDFLARE_BASE_URL) must be an http(s) URL; use e.g. ${DEFAULT_BASE_URL}`);
    }
    if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowsInsecureHttp(settings, env)) {
        throw new Error(
            `cloudflare:baseUrl (or CLOUDFLARE_BASE_URL) is plain http:// to ${url.hostname}, which would send the credentials unencrypted: ` +
                `use https://; or, for a test endpoint on a network you trust, set cloudflare:allowInsecureHttp true (CLOUDFLARE_ALLOW_INSECURE_HTTP=1)`,
        );
    }
    return value.replace(/\/+$/, "");
}

/** The client-side rate limit as configured (`cloudflare:rateLimit`, then `CLOUDFLARE_RATE_LIMIT`), if set. */
export function rateLimitSetting(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return setting("rateLimit", settings, env);
}

/** The reserve for other clients of the token as configured (`cloudflare:rateReserve`, then `CLOUDFLARE_RATE_RESERVE`), if set. */
export function rateReserveSetting(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return setting("rateReserve", settings, env);
}

/** The recovery switch as configured (`cloudflare:adoptExisting`, then `CLOUDFLARE_ADOPT_EXISTING`), if set. */
export function adoptExistingSetting(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return setting("adoptExisting", settings, env);
}

/** Request headers that authenticate with the given credentials. */
export function authHeaders(credentials: Credentials): Record<string, string> {
    return credentials.kind === "apiToken"
        ? { authorization: `Bearer ${credentials.apiToken}` }
        : { "x-auth-key": credentials.apiKey, "x-auth-email": credentials.email };
}

/**
 * Who is asking, without the secret: the base URL and a short SHA-256 of the credentials. Requests
 * with the same identity see the same objects, so their status reads can be shared; the hash can
 * be logged or used as a map key without exposing the token or key.
 */
export function accountIdentity(baseUrl: string, credentials: Credentials): string {
    const secret = credentials.kind === "apiToken" ? `token:${credentials.apiToken}` : `key:${credentials.email}:${credentials.apiKey}`;
    return `${baseUrl}#${createHash("sha256").update(secret).digest("hex").slice(0, 16)}`;
}
