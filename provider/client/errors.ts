/**
 * One error hierarchy for everything the Cloudflare client can fail with. It mirrors the API envelope
 * (`errors: [{code, message}]`) plus the request's method and path, and never carries a header or a
 * body: those can hold the API token or the private key.
 *
 * Type guards compare the stable `code` string, not `instanceof`: the provider process can load two
 * copies of this module (the serialized provider and the installed package). Cloudflare's own error
 * codes, and what to do about each, are in `./codes`; `hasCode` and the evidence predicates read them.
 */
import { DEFAULT_BASE_URL } from "../core/credentials";
import { carries, type CodeMeaning, errorHint, ROUTE_CODES } from "./codes";
import type { CloudflareErrorDetail, HostnameAssociationWire, HostnameCertificateWire } from "./wire";

/** Stable identifiers for the error classes; {@link CloudflareError.code} holds one of them. */
export const ERROR_CODES = {
    api: "CLOUDFLARE_API_ERROR",
    connection: "CLOUDFLARE_CONNECTION_ERROR",
    timeout: "CLOUDFLARE_TIMEOUT_ERROR",
    request: "CLOUDFLARE_REQUEST_ERROR",
    result: "CLOUDFLARE_UNEXPECTED_RESULT",
    exists: "CLOUDFLARE_CERTIFICATE_EXISTS",
    associationExists: "CLOUDFLARE_ASSOCIATION_EXISTS",
    associationMoved: "CLOUDFLARE_ASSOCIATION_MOVED",
    importFailed: "CLOUDFLARE_IMPORT_FAILED",
} as const;

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

/**
 * The hostname already has an association (with another certificate, or the same one, enabled or
 * disabled) and nothing shows it is this resource's: it was neither adopted nor changed. Names the
 * hostname, the certificate it points at now and the ways forward.
 */
export class AssociationExistsError extends CloudflareError {
    readonly zoneId: string;
    /** The hostname's association as read. */
    readonly existing: HostnameAssociationWire;

    constructor(zoneId: string, existing: HostnameAssociationWire, method: string, path: string) {
        const { hostname, cert_id: certificateId, enabled } = existing;
        const certificate = `certificate ${certificateId ?? "(not reported)"} (${existing.cert_status ?? "status not reported"})`;
        super(
            ERROR_CODES.associationExists,
            `Hostname ${hostname} in zone ${zoneId} is already associated with ${certificate}, the association ${existing.status ?? "in an unreported status"} ` +
                `and ${enabled === false ? "disabled" : "enabled"}, and nothing shows it belongs to this resource, so it was left as it was and nothing was changed: ` +
                `taking it over would move the hostname away from whatever manages it, and destroying this resource would then leave it without a ` +
                `client certificate. If another stack or resource manages it, leave the hostname to that one, or remove it there first. If it was made ` +
                `outside Pulumi (the dashboard, a script, Terraform) and this resource should manage it from now on, import it with the resource option ` +
                `\`import: "${hostname}"\`, declaring certificateId ${certificateId ?? "<its certificate>"}${enabled === false ? " and enabled: false" : ""} ` +
                `(see "Moving existing certificates to Pulumi" in the README). If this resource was renamed or moved into a component, give it \`aliases\` ` +
                `so Pulumi keeps it as the same resource. If an interrupted run of this stack left it behind, adopt it once with ` +
                `\`CLOUDFLARE_ADOPT_EXISTING=${hostname} pulumi up\` (or the stack config cloudflare:adoptExisting).`,
            method,
            path,
        );
        this.name = "AssociationExistsError";
        this.zoneId = zoneId;
        this.existing = existing;
    }
}

/**
 * An update found the hostname on a certificate this resource neither set nor last recorded: someone
 * moved it since, unseen by a refresh. It was left as it was; says how to take the change in.
 */
export class AssociationMovedError extends CloudflareError {
    readonly zoneId: string;
    /** The hostname's association as read. */
    readonly existing: HostnameAssociationWire;

    constructor(zoneId: string, existing: HostnameAssociationWire, managedCertificateId: string, method: string, path: string) {
        const { hostname, cert_id: certificateId } = existing;
        super(
            ERROR_CODES.associationMoved,
            `Hostname ${hostname} in zone ${zoneId} now uses certificate ${certificateId} (${existing.cert_status ?? "status not reported"}), not certificate ` +
                `${managedCertificateId} that this resource set: it was moved outside this resource since the last refresh, so it was left as it ` +
                `was and nothing was changed. Run \`pulumi refresh\` to take the change in: the next preview shows it as a change of ` +
                `certificateId, and \`pulumi up\` then moves the hostname back if it should be this stack's. If another stack manages it now, ` +
                `remove this HostnameAssociation from the program: its delete leaves a hostname it no longer manages as it is.`,
            method,
            path,
        );
        this.name = "AssociationMovedError";
        this.zoneId = zoneId;
        this.existing = existing;
    }
}

/**
 * The \`import\` resource option named something that cannot be imported as declared: it does not
 * exist in the zone, it is not what the resource declares, or it is not active. Nothing was imported,
 * uploaded or changed; `problem` says what was found.
 */
export class ImportError extends CloudflareError {
    readonly zoneId: string;
    /** What the option named: a certificate id or a hostname. */
    readonly target: string;

    constructor(zoneId: string, target: string, problem: string, method: string, path: string) {
        super(ERROR_CODES.importFailed, `${problem} Nothing was imported, uploaded or changed.`, method, path);
        this.name = "ImportError";
        this.zoneId = zoneId;
        this.target = target;
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

export function isAssociationExistsError(error: unknown): error is AssociationExistsError {
    return codeOf(error) === ERROR_CODES.associationExists;
}

export function isAssociationMovedError(error: unknown): error is AssociationMovedError {
    return codeOf(error) === ERROR_CODES.associationMoved;
}

export function isImportError(error: unknown): error is ImportError {
    return codeOf(error) === ERROR_CODES.importFailed;
}

/** True when the API error carries a Cloudflare code of this meaning (`./codes`). */
export function hasCode(error: unknown, meaning: CodeMeaning): error is CloudflareApiError {
    return isCloudflareApiError(error) && carries(error.errors, meaning);
}

/**
 * The only evidence that a certificate is gone: Cloudflare's envelope with its not-found code for
 * certificates. Any other 404 (a wrong base URL, a proxy's page, a route error) proves nothing.
 */
export function isCertificateNotFound(error: unknown): error is CloudflareApiError {
    return hasCode(error, "certificateNotFound");
}

/** The only evidence that a hostname has no association: Cloudflare's envelope with code 1553. */
export function isAssociationNotFound(error: unknown): error is CloudflareApiError {
    return hasCode(error, "associationNotFound");
}

/** Cloudflare found no API route for the request: the base URL (or an identifier in the path) is wrong. */
export function isRouteError(error: unknown): error is CloudflareApiError {
    return hasCode(error, "noRoute") || hasCode(error, "couldNotRoute");
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
    const routeError = init.errors.some((e) => ROUTE_CODES.includes(e.code));
    return `${init.status} ${what} on ${routeError ? where : `${init.method} ${init.path}`}: ${errorHint(init.status, init.errors, init)}`;
}
