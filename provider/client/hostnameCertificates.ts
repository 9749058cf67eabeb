/**
 * The per-hostname Authenticated Origin Pulls endpoints, one short method each, in the wire types of
 * `./wire` (the API's snake_case; the providers map them to camelCase outputs).
 */
import { type CertificateListing, normalizeCertificate, normalizeCertificateList } from "./certificateShape";
import { UnexpectedResultError } from "./errors";
import type { CloudflareClient, RequestOptions } from "./http";
import type { CertificateUploadWire, HostnameAssociationWire, HostnameCertificateWire, HostnameConfigWire } from "./wire";

/** Per-hostname certificate IDs are lowercase UUIDs. */
export const CERTIFICATE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type CallOptions = Pick<RequestOptions, "deadline">;

/** Pages fetched at most for one list; the API answers with one page, so more means something is off. @default 50 */
export const MAX_LIST_PAGES = 50;

const enc = encodeURIComponent;
export const certificatesPath = (zoneId: string) => `/zones/${enc(zoneId)}/origin_tls_client_auth/hostnames/certificates`;
/** The zone's hostname associations (PUT), and `/<hostname>` one of them (GET). */
export const hostnamesPath = (zoneId: string): string => `/zones/${enc(zoneId)}/origin_tls_client_auth/hostnames`;

/**
 * Uploads a certificate and its key. Only retried when the server certainly stored nothing (408,
 * 429); `certificates/upload.ts` recovers from ambiguous failures without creating duplicates.
 */
export async function uploadCertificate(
    client: CloudflareClient,
    zoneId: string,
    body: CertificateUploadWire,
    options: CallOptions = {},
): Promise<HostnameCertificateWire> {
    const envelope = await client.request<unknown>("POST", certificatesPath(zoneId), {
        ...options,
        body,
        retry: "once-unless-refused",
    });
    return requireCertificate(envelope.result, "POST", certificatesPath(zoneId));
}

/**
 * Lists the zone's per-hostname certificates in either item shape, normalised. The API sends one
 * page today; should `result_info.total_pages` say otherwise, the other pages are fetched too.
 */
export async function listCertificates(client: CloudflareClient, zoneId: string, options: CallOptions = {}): Promise<CertificateListing> {
    const path = certificatesPath(zoneId);
    const first = await client.request<unknown[] | null>("GET", path, options);
    const items = [...(first.result ?? [])];
    const pages = Math.min(Number(first.result_info?.total_pages) || 1, MAX_LIST_PAGES);
    const perPage = first.result_info?.per_page;
    for (let page = 2; page <= pages; page++) {
        const query = `?page=${page}${perPage ? `&per_page=${perPage}` : ""}`;
        items.push(...((await client.request<unknown[] | null>("GET", `${path}${query}`, options)).result ?? []));
    }
    return normalizeCertificateList(items);
}

/** Gets one certificate; a missing one throws Cloudflare's 1552 (see `isCertificateNotFound`). */
export async function getCertificate(
    client: CloudflareClient,
    zoneId: string,
    certificateId: string,
    options: CallOptions = {},
): Promise<HostnameCertificateWire> {
    const path = `${certificatesPath(zoneId)}/${enc(certificateId)}`;
    return requireCertificate((await client.request<unknown>("GET", path, options)).result, "GET", path);
}

/** Starts deleting a certificate; the result usually says `pending_deletion`. */
export async function deleteCertificate(
    client: CloudflareClient,
    zoneId: string,
    certificateId: string,
    options: CallOptions = {},
): Promise<HostnameCertificateWire | null> {
    const path = `${certificatesPath(zoneId)}/${enc(certificateId)}`;
    const envelope = await client.request<unknown>("DELETE", path, options);
    return envelope.result === null || envelope.result === undefined ? null : requireCertificate(envelope.result, "DELETE", path);
}

/** The certificate in a single-object `result`; one without an id or status is an error, never passed on. */
function requireCertificate(result: unknown, method: string, path: string): HostnameCertificateWire {
    const certificate = normalizeCertificate(result);
    if (!certificate) throw new UnexpectedResultError(method, path, "it holds no certificate with an id and a status");
    return certificate;
}

/** Gets a hostname's association; a hostname without one throws Cloudflare's 1553 (see `isAssociationNotFound`). */
export async function getHostnameAssociation(
    client: CloudflareClient,
    zoneId: string,
    hostname: string,
    options: CallOptions = {},
): Promise<HostnameAssociationWire> {
    const envelope = await client.request<HostnameAssociationWire>("GET", `${hostnamesPath(zoneId)}/${enc(hostname)}`, options);
    return envelope.result;
}

/** Enables, disables (`false`) or voids (`null`) hostname associations in one batch. */
export async function updateHostnameAssociations(
    client: CloudflareClient,
    zoneId: string,
    config: readonly HostnameConfigWire[],
    options: CallOptions = {},
): Promise<HostnameAssociationWire[]> {
    const envelope = await client.request<HostnameAssociationWire[] | null>("PUT", hostnamesPath(zoneId), { ...options, body: { config } });
    return envelope.result ?? [];
}
