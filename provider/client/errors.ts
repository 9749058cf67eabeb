/**
 * One error hierarchy for everything the Cloudflare client can fail with. It mirrors the API envelope
 * (`errors: [{code, message}]`) plus the request's method and path, and never carries a header or a
 * body: those can hold the API token or the private key.
 *
 * Type guards compare the stable `code` string, not `instanceof`: the provider process can load two
 * copies of this module (the serialized provider and the installed package).
 */
import type { HostnameCertificateWire } from "./hostnameCertificates";

/** One entry of the envelope's `errors` (or `messages`) array. */
export interface CloudflareErrorDetail {
    readonly code: number;
    readonly message: string;
}

/** Stable identifiers for the error classes; {@link CloudflareError.code} holds one of them. */
export const ERROR_CODES = {
    api: "CLOUDFLARE_API_ERROR",
    connection: "CLOUDFLARE_CONNECTION_ERROR",
    timeout: "CLOUDFLARE_TIMEOUT_ERROR",
    request: "CLOUDFLARE_REQUEST_ERROR",
    result: "CLOUDFLARE_UNEXPECTED_RESULT",
    exists: "CLOUDFLARE_CERTIFICATE_EXISTS",
} as const;

/** Where the API lives unless `cloudflare:baseUrl` says otherwise; named in messages about a wrong base URL. */
const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** What to do when the answer shows the base URL does not point at the API. */
export const BASE_URL_ADVICE = `check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), default ${DEFAULT_BASE_URL}, and any proxy in between`;

/** Base class: something went wrong talking to Cloudflare. */
export class CloudflareError extends Error {
    readonly code: string;
    readonly method: string;
    readonly path: string;

    constructor(code: string, message: string, method: string, path: string, options?: { cause?: unknown }) {
        super(message, options);
        this.code = code;
        this.method = method;
        this.path = path;
    }
}

export interface ApiErrorInit {
    readonly status: number;
    readonly errors: readonly CloudflareErrorDetail[];
    readonly method: string;
    readonly path: string;
    /** Delay the server asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number;
    /** The request's full URL, without credentials; messages about a wrong base URL name it. */
    readonly url?: string;
    /** False when the answer was not a Cloudflare API envelope (an HTML page, plain text, no body). @default true */
    readonly envelope?: boolean;
    /** The answer's content type, for an answer that is not an envelope. */
    readonly contentType?: string;
}

/** Cloudflare answered with a non-2xx status or with `success: false`. */
export class CloudflareApiError extends CloudflareError {
    readonly status: number;
    readonly errors: readonly CloudflareErrorDetail[];
    readonly retryAfterMs?: number;
    /** False when the answer was not a Cloudflare API envelope: then `errors` is empty and nothing in it is Cloudflare's word. */
    readonly envelope: boolean;
    readonly url?: string;

    constructor(init: ApiErrorInit) {
        super(ERROR_CODES.api, apiErrorMessage(init), init.method, init.path);
        this.name = "CloudflareApiError";
        this.status = init.status;
        this.errors = init.errors;
        this.retryAfterMs = init.retryAfterMs;
        this.envelope = init.envelope ?? true;
        this.url = init.url;
    }

    /** Builds the subclass that matches the HTTP status. */
    static generate(init: ApiErrorInit): CloudflareApiError {
        const Class = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? InternalServerError : CloudflareApiError);
        return new Class(init);
    }
}

/** 400: the request broke a rule (bad PEM, CA certificate, duplicate, still associated, …). */
export class BadRequestError extends CloudflareApiError {
    override readonly name = "BadRequestError";
}
/** 401: missing or malformed credentials. */
export class AuthenticationError extends CloudflareApiError {
    override readonly name = "AuthenticationError";
}
/** 403: the credentials lack permission on this zone. */
export class PermissionDeniedError extends CloudflareApiError {
    override readonly name = "PermissionDeniedError";
}
/** 404: no such zone, certificate or hostname. */
export class NotFoundError extends CloudflareApiError {
    override readonly name = "NotFoundError";
}
/** 409: conflicting state. */
export class ConflictError extends CloudflareApiError {
    override readonly name = "ConflictError";
}
/** 429: rate limited; {@link CloudflareApiError.retryAfterMs} says for how long when the server told us. */
export class RateLimitError extends CloudflareApiError {
    override readonly name = "RateLimitError";
}
/** 5xx: Cloudflare failed. */
export class InternalServerError extends CloudflareApiError {
    override readonly name = "InternalServerError";
}

const STATUS_CLASSES: Record<number, typeof CloudflareApiError> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
};

const CONNECTION_ADVICE = "check the network and cloudflare:baseUrl (CLOUDFLARE_BASE_URL), then retry";

/** The request never got a complete answer: refused, reset, or the socket closed early. */
export class CloudflareConnectionError extends CloudflareError {
    /** What went wrong on the wire, e.g. `ECONNRESET`, `UND_ERR_SOCKET` or `timeout`. */
    readonly detail: string;

    constructor(method: string, path: string, detail: string, options?: { cause?: unknown; code?: string; message?: string }) {
        super(
            options?.code ?? ERROR_CODES.connection,
            options?.message ?? `Could not reach Cloudflare (${detail}) on ${method} ${path}: ${CONNECTION_ADVICE}`,
            method,
            path,
            options,
        );
        this.name = "CloudflareConnectionError";
        this.detail = detail;
    }
}

/**
 * The request could not even be sent, e.g. a header value undici refuses (a credential with a line
 * break). Retrying cannot help, so it is never retried.
 */
export class CloudflareRequestError extends CloudflareError {
    constructor(method: string, path: string, detail: string, options?: { cause?: unknown }) {
        super(
            ERROR_CODES.request,
            `Could not send ${method} ${path} (${detail}): check the credentials and cloudflare:baseUrl for stray characters such as spaces or line breaks`,
            method,
            path,
            options,
        );
        this.name = "CloudflareRequestError";
    }
}

/** A successful answer whose `result` is not what the operation returns, e.g. a certificate without an id. */
export class UnexpectedResultError extends CloudflareError {
    constructor(method: string, path: string, what: string) {
        super(
            ERROR_CODES.result,
            `Cloudflare's answer to ${method} ${path} is not usable: ${what}. Nothing was done on that basis; ${BASE_URL_ADVICE}`,
            method,
            path,
        );
        this.name = "UnexpectedResultError";
    }
}

/**
 * The identical certificate is already in the zone (Cloudflare's 1406) and nothing shows it is this
 * resource's: it was neither adopted nor uploaded again. Says whose it may be and the ways forward.
 */
export class CertificateExistsError extends CloudflareError {
    readonly zoneId: string;
    /** The certificate already in the zone, as listed. */
    readonly existing: HostnameCertificateWire;

    constructor(zoneId: string, existing: HostnameCertificateWire, method: string, path: string) {
        const uploaded = existing.uploaded_on ? `uploaded ${existing.uploaded_on}` : "upload time not reported";
        super(
            ERROR_CODES.exists,
            `The identical certificate is already in zone ${zoneId} as ${existing.id} (${existing.status}, ${uploaded}), and nothing shows it ` +
                `belongs to this resource, so it was neither adopted nor uploaded again: two resources or stacks sharing one certificate ` +
                `would delete it from under each other. If it belongs to a resource you renamed or moved into a component, give this ` +
                `resource \`aliases: [{ name: "<old name>" }]\` (for a move: \`aliases: [{ parent: pulumi.rootStackResource }]\`, with \`name\` if it was renamed too) ` +
                `so Pulumi keeps it as the same resource. If another stack manages it, use a different certificate here. If an interrupted ` +
                `run left it behind, adopt it once with \`CLOUDFLARE_ADOPT_EXISTING=${existing.id} pulumi up\` (or the stack config ` +
                `cloudflare:adoptExisting). If nothing uses it, delete it (DELETE /zones/${zoneId}/origin_tls_client_auth/hostnames/certificates/${existing.id}).`,
            method,
            path,
        );
        this.name = "CertificateExistsError";
        this.zoneId = zoneId;
        this.existing = existing;
    }
}

/** No answer within the per-request timeout, or the operation's deadline (createTimeout, deleteTimeout) came first. */
export class CloudflareTimeoutError extends CloudflareConnectionError {
    constructor(method: string, path: string, timeoutMs: number, options?: { cause?: unknown; deadline?: boolean }) {
        const message = options?.deadline
            ? `The operation's timeout (createTimeout or deleteTimeout) ran out before Cloudflare answered ${method} ${path}: ` +
              `run the command again, or raise the timeout`
            : `Cloudflare did not answer within ${timeoutMs} ms on ${method} ${path}: ${CONNECTION_ADVICE}`;
        super(method, path, "timeout", { cause: options?.cause, code: ERROR_CODES.timeout, message });
        this.name = "CloudflareTimeoutError";
    }
}

// ---- type guards (by code, so they work across module copies) ----

function codeOf(error: unknown): unknown {
    return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

export function isCloudflareError(error: unknown): error is CloudflareError {
    return typeof codeOf(error) === "string" && Object.values(ERROR_CODES).includes(codeOf(error) as never);
}

export function isCloudflareApiError(error: unknown): error is CloudflareApiError {
    return codeOf(error) === ERROR_CODES.api;
}

export function isConnectionError(error: unknown): error is CloudflareConnectionError {
    return codeOf(error) === ERROR_CODES.connection || codeOf(error) === ERROR_CODES.timeout;
}

export function isTimeoutError(error: unknown): error is CloudflareTimeoutError {
    return codeOf(error) === ERROR_CODES.timeout;
}

export function isCertificateExistsError(error: unknown): error is CertificateExistsError {
    return codeOf(error) === ERROR_CODES.exists;
}

/** True when the API error carries one of the given Cloudflare error codes. */
export function hasErrorCode(error: unknown, ...codes: number[]): error is CloudflareApiError {
    return isCloudflareApiError(error) && error.errors.some((e) => codes.includes(e.code));
}

/** Cloudflare's codes for "no such certificate": 1552 on GET, 1551 on DELETE. */
export const CERTIFICATE_NOT_FOUND_CODES: readonly number[] = [1551, 1552];
/** Cloudflare's code for "this hostname has no association". */
export const ASSOCIATION_NOT_FOUND_CODES: readonly number[] = [1553];
/** Cloudflare's routing failures: 7003 "Could not route to …", 7000 "No route for that URI". */
export const ROUTE_ERROR_CODES: readonly number[] = [7000, 7003];

/**
 * The only evidence that a certificate is gone: Cloudflare's envelope with its not-found code for
 * certificates. Any other 404 (a wrong base URL, a proxy's page, a route error) proves nothing.
 */
export function isCertificateNotFound(error: unknown): error is CloudflareApiError {
    return hasErrorCode(error, ...CERTIFICATE_NOT_FOUND_CODES);
}

/** The only evidence that a hostname has no association: Cloudflare's envelope with code 1553. */
export function isAssociationNotFound(error: unknown): error is CloudflareApiError {
    return hasErrorCode(error, ...ASSOCIATION_NOT_FOUND_CODES);
}

/** Cloudflare found no API route for the request: the base URL (or an identifier in the path) is wrong. */
export function isRouteError(error: unknown): error is CloudflareApiError {
    return hasErrorCode(error, ...ROUTE_ERROR_CODES);
}

/** The answer was not a Cloudflare API envelope: whatever answered, it was not the API speaking. */
export function isNotAnApiResponse(error: unknown): error is CloudflareApiError {
    return isCloudflareApiError(error) && error.envelope === false;
}

/**
 * True when the answer did not come from the endpoint meant: no API envelope, or Cloudflare's "no
 * route". Both mean a wrong base URL, never that a certificate or hostname is gone.
 */
export function isMisroutedError(error: unknown): error is CloudflareApiError {
    return isNotAnApiResponse(error) || isRouteError(error);
}

// ---- messages ----

/**
 * Cloudflare error codes this package understands, with what the user should do. Codes the API
 * does not document publicly come from observed responses (see the reference notes).
 */
export const CLOUDFLARE_ERROR_HINTS: Readonly<Record<number, string>> = {
    971: "Cloudflare is rate limiting this token; wait a few minutes and retry",
    1002: "check that certificate is a valid PEM certificate",
    1406: "the identical certificate is already uploaded to this zone",
    1408: "check that certificate is a valid PEM certificate",
    1412: "upload a leaf certificate (CA:FALSE), optionally followed by its CA certificates",
    1414: "the certificate is being deleted; wait until it is gone",
    1415: "the certificate id is invalid or the certificate was deleted",
    1433: "void the certificate's hostname associations (PUT .../origin_tls_client_auth/hostnames with enabled: null) first",
    1434: "the certificate is still being deployed; wait until it is active",
    2106: "check that privateKey is a valid, unencrypted PEM private key",
    2200: "pass the private key that matches the certificate",
    6003: "check the credentials' format (cloudflare:apiToken, or cloudflare:apiKey with cloudflare:email)",
    7000: "Cloudflare has no such endpoint: check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4 (default https://api.cloudflare.com/client/v4)",
    7003: "Cloudflare could not route the request: check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4, and the zoneId (32 hexadecimal characters from the zone's Overview page)",
    9103: "check cloudflare:apiKey and cloudflare:email (CLOUDFLARE_API_KEY, CLOUDFLARE_EMAIL): the Global API key and its account's email; or use an API token",
    9109: "give the API token the SSL and Certificates Edit permission on this zone",
    10000: "check the API token (cloudflare:apiToken or CLOUDFLARE_API_TOKEN) and its permissions",
};

/**
 * Cloudflare's quota codes: 2005 is its generic "You have reached your quota for the requested
 * resource" (10 certificates per zone on an upload, 100 hostnames per certificate on an
 * association), 1212 its older "maximum number of custom certificates".
 */
export const QUOTA_CODES: readonly number[] = [1212, 2005];

/**
 * An upload into a full zone, said in Pulumi's terms: a replacement is created before the old
 * certificate is deleted, so rotating in a zone of 10 needs an 11th slot.
 */
export const CERTIFICATE_QUOTA_HINT =
    "the zone already holds Cloudflare's maximum of 10 per-hostname certificates. Pulumi uploads a replacement before it deletes " +
    "the certificate it replaces, so a rotation needs a free slot: set the resource option `deleteBeforeReplace: true` on this " +
    "HostnameCertificate (the old certificate is deleted first; Cloudflare refuses that while a hostname still uses it), keep at most " +
    "9 certificates in the zone, or delete certificates that nothing uses";

/** An association beyond a certificate's limit: the same code, on PUT .../hostnames. */
export const ASSOCIATION_QUOTA_HINT = "a certificate can serve at most 100 hostnames: associate the others with another certificate";

function quotaHint(request?: { method: string; path: string }): string {
    const association = request?.method === "PUT" && /\/origin_tls_client_auth\/hostnames\/?$/.test(request.path);
    return association ? ASSOCIATION_QUOTA_HINT : CERTIFICATE_QUOTA_HINT;
}

function statusHint(status: number): string {
    if (status === 401 || status === 403) return "check the API token and its SSL and Certificates permissions on this zone";
    if (status === 404) return "check the zoneId and that the certificate still exists";
    if (status === 408 || status === 429) return "Cloudflare asked to slow down; wait and retry";
    if (status >= 500) return "Cloudflare had a server error; retry later";
    return "see the Cloudflare error above";
}

/**
 * What to do about this error: the hint for its first known code, else one based on the status. The
 * request tells the quota codes apart (a full zone on an upload, a full certificate on an association).
 */
export function errorHint(status: number, errors: readonly CloudflareErrorDetail[], request?: { method: string; path: string }): string {
    const known = errors.find((e) => QUOTA_CODES.includes(e.code) || CLOUDFLARE_ERROR_HINTS[e.code] !== undefined);
    if (!known) return statusHint(status);
    return QUOTA_CODES.includes(known.code) ? quotaHint(request) : CLOUDFLARE_ERROR_HINTS[known.code];
}

/**
 * `400 Cloudflare error 1412 (Only leaf certificate is allowed.) on POST /zones/…: upload a leaf certificate …`.
 * An answer that is not an envelope, or a route error, names the full URL instead of the path, since
 * the base URL is the likely culprit.
 */
export function apiErrorMessage(init: ApiErrorInit): string {
    const where = `${init.method} ${init.url ?? init.path}`;
    if (init.envelope === false) {
        const body = init.contentType ? `content type ${init.contentType}` : "an empty answer";
        const advice = init.status >= 500 ? `Cloudflare or a proxy in between had a server error; retry later, and if it persists ${BASE_URL_ADVICE}` : BASE_URL_ADVICE;
        return `${init.status} from ${where}: this is not an answer of the Cloudflare API v4 (${body}): ${advice}`;
    }
    const details = init.errors.map((e) => (e.code ? `${e.code} (${e.message})` : e.message)).join(", ");
    const what = details ? `Cloudflare error ${details}` : "Cloudflare error";
    const routeError = init.errors.some((e) => ROUTE_ERROR_CODES.includes(e.code));
    return `${init.status} ${what} on ${routeError ? where : `${init.method} ${init.path}`}: ${errorHint(init.status, init.errors, init)}`;
}
