/**
 * Where the provider finds credentials and the API endpoint: the stack config given to `configure`
 * first, then the environment at the moment a method runs. Nothing here is ever captured in the
 * serialized provider, so tokens never reach the state file and a rotated token just works.
 */

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
    /** Recovery switch: which identical certificates a create may adopt (see `./adoption`). */
    adoptExisting?: string;
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
    adoptExisting: { config: "cloudflare:adoptExisting", env: "CLOUDFLARE_ADOPT_EXISTING" },
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

function setting(name: SettingName, settings: ProviderSettings, env: NodeJS.ProcessEnv): string | undefined {
    return nonEmpty(settings[name]) ?? nonEmpty(env[SETTINGS_SOURCES[name].env]);
}

/** Picks credentials: an API token wins over a global API key; a key needs its email. */
export function resolveCredentials(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): Credentials {
    const apiToken = setting("apiToken", settings, env);
    if (apiToken !== undefined) return { kind: "apiToken", apiToken };
    const apiKey = setting("apiKey", settings, env);
    const email = setting("email", settings, env);
    if (apiKey !== undefined && email !== undefined) return { kind: "apiKey", apiKey, email };
    if (apiKey !== undefined) {
        throw new MissingCredentialsError(
            "Cloudflare API key is set but its email is missing: set the stack config cloudflare:email " +
                "or the environment variable CLOUDFLARE_EMAIL (or use an API token instead)",
        );
    }
    throw new MissingCredentialsError(
        "Cloudflare credentials are missing: set an API token with `pulumi config set --secret cloudflare:apiToken <token>` " +
            "or the environment variable CLOUDFLARE_API_TOKEN (the token needs SSL and Certificates Edit on the zone); " +
            "or set cloudflare:apiKey and cloudflare:email (CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL)",
    );
}

/** The API base URL without a trailing slash; rejects anything that is not an http(s) URL. */
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
    return value.replace(/\/+$/, "");
}

/** The client-side rate limit as configured (`cloudflare:rateLimit`, then `CLOUDFLARE_RATE_LIMIT`), if set. */
export function rateLimitSetting(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return setting("rateLimit", settings, env);
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
