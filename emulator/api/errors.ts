/**
 * The error-code table. Every code the emulator can emit is here, once, with its HTTP status, its
 * message and where it comes from:
 * - "cloudflare": a code Cloudflare is documented or observed to use for this situation;
 * - "ours": the emulator's choice, because no public source shows the real code. Where the code is
 *   borrowed from another Cloudflare API (custom certificates) the comment says so.
 * Rule violations use HTTP 400, never 409: the SDK retries 409.
 */
import type { ResponseInfo } from "../state/types";

/** Where an error code comes from. */
export type ErrorSource = "cloudflare" | "ours";

/** One row of the error table. */
export interface ErrorSpec {
    readonly code: number;
    readonly status: number;
    readonly message: string;
    readonly source: ErrorSource;
}

const spec = (code: number, status: number, message: string, source: ErrorSource): ErrorSpec => ({
    code,
    status,
    message,
    source,
});

/** The error table, keyed by a name the emulator code uses. */
export const ERRORS = {
    // --- authentication and authorisation -------------------------------------------------------
    /** Cloudflare's: no credentials at all (400; cloudflare/cloudflare-python#2678). */
    missingCredentials: spec(9106, 400, "Missing X-Auth-Key, X-Auth-Email or Authorization headers", "cloudflare"),
    /** Cloudflare's: malformed auth headers; the detail goes in `error_chain` (400; cloudflare-typescript#161). */
    invalidHeaders: spec(6003, 400, "Invalid request headers", "cloudflare"),
    /** Cloudflare's: chained under 6003. */
    invalidEmailHeader: spec(6102, 400, "Invalid format for X-Auth-Email header", "cloudflare"),
    /** Cloudflare's: chained under 6003. */
    invalidKeyHeader: spec(6103, 400, "Invalid format for X-Auth-Key header", "cloudflare"),
    /** Cloudflare's: chained under 6003. */
    invalidAuthorizationHeader: spec(6111, 400, "Invalid format for Authorization header", "cloudflare"),
    /** Cloudflare's: a well-formed token that is not valid (403 observed, code 10000). */
    authenticationError: spec(10000, 403, "Authentication error", "cloudflare"),
    /** Cloudflare's: well-formed email + global key that do not match an account (403). */
    unknownApiKey: spec(9103, 403, "Unknown X-Auth-Key or X-Auth-Email", "cloudflare"),
    /** Cloudflare's: token lacks the permission (`#ssl:edit`) or the zone (terraform-provider-cloudflare#3227). */
    unauthorized: spec(9109, 403, "Unauthorized to access requested resource", "cloudflare"),

    // --- routing -------------------------------------------------------------------------------
    /** Cloudflare's: unknown route. HTTP 404 is the requirement; 7000 accompanies 7003. */
    noRoute: spec(7000, 404, "No route for that URI", "cloudflare"),
    /** Cloudflare's: message gets the path appended; 400 when an identifier is malformed (cloudflare-go#118). */
    couldNotRoute: spec(7003, 400, "Could not route to {path}, perhaps your object identifier is invalid?", "cloudflare"),
    /** Ours: a known path with an unsupported method (modelled on the 700x routing family). */
    methodNotAllowed: spec(7001, 405, "Method {method} not available for that URI.", "ours"),

    // --- request bodies ------------------------------------------------------------------------
    /** Ours: body is not JSON, not an object, or lacks a required field. */
    malformedBody: spec(1492, 400, "Malformed request body: {detail}", "ours"),

    // --- certificate upload --------------------------------------------------------------------
    /** Cloudflare's (alchemy-run/distilled error map): not PEM / not X.509. */
    unparsableCertificate: spec(1408, 400, "Unable to parse certificate.", "cloudflare"),
    /** Cloudflare's (cloudflare-docs#6798): a CA certificate (CA:TRUE) was uploaded. */
    leafOnly: spec(1412, 400, "Only leaf certificate is allowed.", "cloudflare"),
    /** Cloudflare's (terraform-provider-cloudflare a2c5865c4, alchemy): identical certificate in the zone. */
    duplicateCertificate: spec(1406, 400, "This certificate already exists for this zone.", "cloudflare"),
    /** Ours, borrowed from the custom-certificates API: the private key does not parse. */
    invalidPrivateKey: spec(2106, 400, "The private key you uploaded is invalid. Please check your input and try again.", "ours"),
    /** Ours, borrowed from the custom-certificates API: key and certificate do not match. */
    keyMismatch: spec(2200, 400, "The certificate and private key pair you uploaded is invalid", "ours"),
    /** Ours: the certificate's notAfter is in the past. Cloudflare's behaviour is undocumented. */
    expiredCertificate: spec(1490, 400, "The certificate has expired.", "ours"),
    /** Ours, borrowed from Cloudflare's generic quota error: 10 certificates per zone. */
    certificateQuota: spec(2005, 400, "You have reached your quota for the requested resource: 10 hostname certificates per zone are allowed.", "ours"),

    // --- certificate get / delete --------------------------------------------------------------
    /** Cloudflare's (alchemy-run/distilled): GET of an unknown certificate id. */
    certificateNotFound: spec(1552, 404, "Hostname certificate not found.", "cloudflare"),
    /** Cloudflare's (alchemy-run/distilled): DELETE of an unknown certificate id. */
    certificateNotFoundOnDelete: spec(1551, 404, "Certificate not found.", "cloudflare"),
    /** Cloudflare's (alchemy-run/distilled): DELETE while a hostname association references it. */
    certificateInUse: spec(1433, 400, "Certificate is in use by one or more hostnames; void the associations (enabled: null) first.", "cloudflare"),
    /** Cloudflare's (alchemy-run/distilled): DELETE while the certificate is still deploying. */
    pendingDeployment: spec(1434, 400, "Certificate is pending deployment and cannot be deleted yet.", "cloudflare"),
    /** Cloudflare's (alchemy-run/distilled): DELETE of a certificate already pending deletion. */
    pendingDeletion: spec(1414, 400, "Certificate is pending deletion.", "cloudflare"),
    /** Ours: DELETE of a tombstone (status `deleted`); alchemy saw a 400 "already deleted" without a code. */
    alreadyDeleted: spec(1491, 400, "Certificate has already been deleted.", "ours"),

    // --- hostname associations -----------------------------------------------------------------
    /** Cloudflare's (alchemy-run/distilled): a config item without `cert_id`. */
    certIdRequired: spec(1404, 400, "Certificate ID required.", "cloudflare"),
    /** Cloudflare's (terraform-provider-cloudflare#5531): unknown or deleted `cert_id`. */
    invalidCertId: spec(1415, 400, "Certificate ID in request is either invalid or the certificate has been deleted", "cloudflare"),
    /** Cloudflare's code (alchemy maps 1415 to "invalid hostname config"); the message is ours. */
    invalidHostnameConfig: spec(1415, 400, "Invalid hostname config: {detail}", "cloudflare"),
    /** Ours, borrowed from Cloudflare's generic quota error: 100 associations per certificate. */
    associationQuota: spec(2005, 400, "You have reached your quota for the requested resource: 100 hostnames per certificate are allowed.", "ours"),
    /** Cloudflare's (alchemy-run/distilled): GET of a hostname without an association. */
    hostnameNotFound: spec(1553, 404, "Client certificate setting for this hostname not found.", "cloudflare"),

    // --- throttling and injected failures ------------------------------------------------------
    /** Cloudflare's: global rate limit (cloudflare/workers-sdk#10025). Sent with Retry-After. */
    rateLimited: spec(971, 429, "Please wait and consider throttling your request speed", "cloudflare"),
    /** Ours: body of an injected 500. */
    internalError: spec(1499, 500, "Internal server error", "ours"),
    /** Ours: body of an injected 503. */
    serviceUnavailable: spec(1499, 503, "Service temporarily unavailable", "ours"),
    /** Ours: request body over the emulator's size limit. */
    bodyTooLarge: spec(1492, 413, "Malformed request body: request body too large", "ours"),

    // --- control API (/__emulator), not part of Cloudflare's API --------------------------------
    /** Ours: a control request that cannot be honoured. */
    controlError: spec(1000, 400, "{detail}", "ours"),
    /** Ours: unknown control route. */
    controlNotFound: spec(1000, 404, "No emulator control route {method} {path}", "ours"),
} as const;

/** Name of a row in {@link ERRORS}. */
export type ErrorName = keyof typeof ERRORS;

/**
 * An error the API answers with. Thrown by operations, turned into the failure envelope by the server.
 *
 * @example
 * throw ApiError.of("certificateInUse");
 * throw ApiError.of("malformedBody", { detail: "config must be an array" });
 */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly errors: ResponseInfo[],
    ) {
        super(errors[0]?.message ?? "API error");
        this.name = "ApiError";
    }

    /** The error of a row of {@link ERRORS}; `{placeholders}` in its message are filled from `params`. */
    static of(name: ErrorName, params: Record<string, string> = {}): ApiError {
        const row = ERRORS[name];
        return new ApiError(row.status, [{ code: row.code, message: fill(row.message, params) }]);
    }

    /** Several errors of one request (e.g. a PUT batch) in one response; the first sets the status. */
    static combine(errors: ApiError[]): ApiError {
        const seen = new Set<string>();
        const unique = errors
            .flatMap((e) => e.errors)
            .filter((info) => {
                const key = `${info.code}:${info.message}`;
                return seen.has(key) ? false : (seen.add(key), true);
            });
        return new ApiError(errors[0].status, unique);
    }
}

/** 6003 with its `error_chain`, the shape Cloudflare uses for malformed auth headers. */
export function invalidHeadersError(chain: ErrorName[]): ApiError {
    const error = ApiError.of("invalidHeaders");
    error.errors[0].error_chain = chain.map((name) => ({ code: ERRORS[name].code, message: ERRORS[name].message }));
    return error;
}

function fill(template: string, params: Record<string, string>): string {
    return template.replace(/\{(\w+)\}/g, (_m, key: string) => params[key] ?? `{${key}}`);
}
