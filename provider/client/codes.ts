/**
 * Every Cloudflare error code this package acts on or explains, once, by what it means; the
 * predicates (`hasCode` in `./errors`) and the hints in error messages are built from this table.
 * Codes the API does not document publicly come from observed responses (see the reference notes).
 */
import { DEFAULT_BASE_URL } from "../core/credentials";
import type { CloudflareErrorDetail } from "./wire";

/** The request a hint is for; some codes mean different things on different endpoints. */
export interface HintRequest {
    readonly method: string;
    readonly path: string;
}

interface CodeEntry {
    readonly codes: readonly number[];
    /** What the user should do; none for codes the provider handles itself. */
    readonly hint?: string | ((request?: HintRequest) => string);
}

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

function quotaHint(request?: HintRequest): string {
    const association = request?.method === "PUT" && /\/origin_tls_client_auth\/hostnames\/?$/.test(request.path);
    return association ? ASSOCIATION_QUOTA_HINT : CERTIFICATE_QUOTA_HINT;
}

const VALID_PEM = "check that certificate is a valid PEM certificate";

/** Cloudflare's error codes by meaning. */
export const CODES = {
    rateLimited: { codes: [971], hint: "Cloudflare is rate limiting this token; wait a few minutes and retry" },
    invalidCertificate: { codes: [1002, 1408], hint: VALID_PEM },
    /** The identical certificate is already in this zone. */
    duplicate: { codes: [1406], hint: "the identical certificate is already uploaded to this zone" },
    notLeaf: { codes: [1412], hint: "upload a leaf certificate (CA:FALSE), optionally followed by its CA certificates" },
    pendingDeletion: { codes: [1414], hint: "the certificate is being deleted; wait until it is gone" },
    /** A `cert_id` that is unknown or deleted: with it, no association is left to void. */
    certificateGone: { codes: [1415], hint: "the certificate id is invalid or the certificate was deleted" },
    /** A delete refused while hostnames still use the certificate. */
    inUse: { codes: [1433], hint: "void the certificate's hostname associations (PUT .../origin_tls_client_auth/hostnames with enabled: null) first" },
    pendingDeployment: { codes: [1434], hint: "the certificate is still being deployed; wait until it is active" },
    /** A `deleted` tombstone refuses another DELETE: it is already gone. */
    tombstone: { codes: [1491] },
    /** "No such certificate": 1552 on GET, 1551 on DELETE; the only evidence that a certificate is gone. */
    certificateNotFound: { codes: [1551, 1552] },
    /** "This hostname has no association"; the only evidence that an association is gone. */
    associationNotFound: { codes: [1553] },
    /**
     * 2005 is Cloudflare's generic "You have reached your quota for the requested resource" (10
     * certificates per zone on an upload, 100 hostnames per certificate on an association), 1212 its
     * older "maximum number of custom certificates".
     */
    quota: { codes: [1212, 2005], hint: quotaHint },
    invalidKey: { codes: [2106], hint: "check that privateKey is a valid, unencrypted PEM private key" },
    keyMismatch: { codes: [2200], hint: "pass the private key that matches the certificate" },
    credentialsFormat: { codes: [6003], hint: "check the credentials' format (cloudflare:apiToken, or cloudflare:apiKey with cloudflare:email)" },
    /** "No route for that URI": a wrong base URL. */
    noRoute: {
        codes: [7000],
        hint: `Cloudflare has no such endpoint: check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4 (default ${DEFAULT_BASE_URL})`,
    },
    /** "Could not route to …": a wrong base URL or a wrong identifier in the path. */
    couldNotRoute: {
        codes: [7003],
        hint:
            "Cloudflare could not route the request: check cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4, " +
            "and the zoneId (32 hexadecimal characters from the zone's Overview page)",
    },
    apiKey: {
        codes: [9103],
        hint: "check cloudflare:apiKey and cloudflare:email (CLOUDFLARE_API_KEY, CLOUDFLARE_EMAIL): the Global API key and its account's email; or use an API token",
    },
    tokenPermission: { codes: [9109], hint: "give the API token the SSL and Certificates Edit permission on this zone" },
    authentication: { codes: [10000], hint: "check the API token (cloudflare:apiToken or CLOUDFLARE_API_TOKEN) and its permissions" },
} as const satisfies Record<string, CodeEntry>;

/** A meaning of {@link CODES}. */
export type CodeMeaning = keyof typeof CODES;

/** Cloudflare's routing failures (7000, 7003): the answer did not come from the endpoint meant. */
export const ROUTE_CODES: readonly number[] = [...CODES.noRoute.codes, ...CODES.couldNotRoute.codes];

const HINTS = new Map<number, CodeEntry["hint"]>(
    Object.values(CODES as Record<string, CodeEntry>).flatMap((entry) => (entry.hint === undefined ? [] : entry.codes.map((code) => [code, entry.hint] as const))),
);

/** True when one of `errors` carries a code of this meaning. */
export function carries(errors: readonly CloudflareErrorDetail[], meaning: CodeMeaning): boolean {
    const codes: readonly number[] = CODES[meaning].codes;
    return errors.some((e) => codes.includes(e.code));
}

function statusHint(status: number): string {
    if (status === 401 || status === 403) return "check the API token and its SSL and Certificates permissions on this zone";
    if (status === 404) return "check the zoneId and that the certificate still exists";
    if (status === 408 || status === 429) return "Cloudflare asked to slow down; wait and retry";
    if (status >= 500) return "Cloudflare had a server error; retry later";
    return "see the Cloudflare error above";
}

/**
 * What to do about this error: the hint for its first code that has one, else one based on the
 * status. The request tells the quota codes apart (a full zone on an upload, a full certificate on an
 * association).
 */
export function errorHint(status: number, errors: readonly CloudflareErrorDetail[], request?: HintRequest): string {
    const hint = errors.map((e) => HINTS.get(e.code)).find((h) => h !== undefined);
    if (hint === undefined) return statusHint(status);
    return typeof hint === "string" ? hint : hint(request);
}
