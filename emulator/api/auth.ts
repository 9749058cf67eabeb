/**
 * Authentication the way Cloudflare answers it. Accepted: `Authorization: Bearer <token>`, or
 * `X-Auth-Email` + `X-Auth-Key` together. When a request carries both, the bearer token wins
 * (our choice; the SDK sends every credential it was given).
 *
 * | Request                                   | Answer                                  |
 * |-------------------------------------------|-----------------------------------------|
 * | no credentials                            | 400, 9106                               |
 * | malformed Authorization / email / key     | 400, 6003 with error_chain 6111/6102/6103 |
 * | well-formed token that is not accepted    | 403, 10000 "Authentication error"       |
 * | well-formed email + key not accepted      | 403, 9103                               |
 * | read-only token on POST/PUT/DELETE        | 403, 9109                               |
 */
import type { IncomingHttpHeaders } from "node:http";
import { createHash } from "node:crypto";
import { ApiError, type ErrorName, invalidHeadersError } from "./errors";

/** A Global API Key credential. */
export interface ApiKeyCredential {
    email: string;
    key: string;
}

/** The credentials the emulator accepts. */
export interface AuthConfig {
    /** Tokens with `#ssl:read` and `#ssl:edit`. */
    tokens: readonly string[];
    /** Tokens with `#ssl:read` only. */
    readOnlyTokens: readonly string[];
    apiKeys: readonly ApiKeyCredential[];
}

/** Who is calling, as far as rate limiting and permissions care. Holds a hash, never the secret. */
export interface Identity {
    /** Stable, non-secret id of the credential (for per-user rate limits). */
    id: string;
    canEdit: boolean;
}

/** Format of a real Cloudflare API token: 40 characters (our check; Cloudflare rejects others with 6111). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{40}$/;
/** Format of a Global API Key: 37 lowercase hex characters. */
const KEY_FORMAT = /^[0-9a-f]{37}$/;
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+$/;

/**
 * Identifies the caller or throws the error Cloudflare would answer with.
 * @param mutating POST/PUT/DELETE, which need edit permission
 */
export function authenticate(headers: IncomingHttpHeaders, config: AuthConfig, mutating: boolean): Identity {
    const identity = identify(headers, config);
    if (mutating && !identity.canEdit) throw ApiError.of("unauthorized");
    return identity;
}

function identify(headers: IncomingHttpHeaders, config: AuthConfig): Identity {
    const authorization = header(headers, "authorization");
    if (authorization !== undefined) return bearer(authorization, config);
    const email = header(headers, "x-auth-email");
    const key = header(headers, "x-auth-key");
    if (email !== undefined && key !== undefined) return globalKey(email, key, config);
    if (email === undefined && key === undefined && header(headers, "x-auth-user-service-key") !== undefined) {
        // Service keys are for Origin CA only; AOP does not accept them.
        throw ApiError.of("authenticationError");
    }
    throw ApiError.of("missingCredentials");
}

function bearer(value: string, config: AuthConfig): Identity {
    const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
    if (!match) throw invalidHeadersError(["invalidAuthorizationHeader"]);
    const token = match[1];
    if (config.tokens.includes(token)) return { id: tokenIdentity(token), canEdit: true };
    if (config.readOnlyTokens.includes(token)) return { id: tokenIdentity(token), canEdit: false };
    if (!TOKEN_FORMAT.test(token)) throw invalidHeadersError(["invalidAuthorizationHeader"]);
    throw ApiError.of("authenticationError");
}

function globalKey(email: string, key: string, config: AuthConfig): Identity {
    if (config.apiKeys.some((c) => c.email.toLowerCase() === email.toLowerCase() && c.key === key)) {
        return { id: `key:${digest(email.toLowerCase())}`, canEdit: true };
    }
    const chain: ErrorName[] = [];
    if (!EMAIL_FORMAT.test(email)) chain.push("invalidEmailHeader");
    if (!KEY_FORMAT.test(key)) chain.push("invalidKeyHeader");
    if (chain.length > 0) throw invalidHeadersError(chain);
    throw ApiError.of("unknownApiKey");
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

/** The rate-limit identity of an API token, as {@link authenticate} gives it for that token. */
export function tokenIdentity(token: string): string {
    return `token:${digest(token)}`;
}

function digest(secret: string): string {
    return createHash("sha256").update(secret).digest("hex").slice(0, 12);
}
