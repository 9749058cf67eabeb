/**
 * The per-hostname Authenticated Origin Pulls endpoints, one short method each. Wire types keep the
 * API's snake_case; the provider maps them to camelCase outputs.
 */
import type { CloudflareClient, RequestOptions } from "./http";

/** Status of a certificate or a hostname association (the API's enum). */
export type CertificateStatus =
    | "initializing"
    | "pending_deployment"
    | "pending_deletion"
    | "active"
    | "deleted"
    | "deployment_timed_out"
    | "deletion_timed_out";

/** A per-hostname client certificate, as the API returns it. */
export interface HostnameCertificateWire {
    readonly id: string;
    readonly certificate?: string;
    readonly expires_on?: string;
    readonly issuer?: string;
    readonly serial_number?: string;
    readonly signature?: string;
    readonly status: CertificateStatus;
    readonly uploaded_on?: string;
    /** List items (2024 shape) carry association fields too. */
    readonly cert_id?: string;
    readonly hostname?: string;
    readonly enabled?: boolean | null;
}

/** A hostname's association with a certificate. */
export interface HostnameAssociationWire {
    readonly hostname: string;
    readonly cert_id?: string;
    readonly enabled?: boolean | null;
    readonly status?: CertificateStatus;
    readonly cert_status?: CertificateStatus;
    readonly expires_on?: string;
    readonly issuer?: string;
    readonly serial_number?: string;
    readonly signature?: string;
}

/** One entry of `PUT /hostnames`; `enabled: null` voids the association. */
export interface HostnameConfigWire {
    readonly hostname: string;
    readonly cert_id: string;
    readonly enabled: boolean | null;
}

type CallOptions = Pick<RequestOptions, "deadline">;

const enc = encodeURIComponent;
const certificatesPath = (zoneId: string) => `/zones/${enc(zoneId)}/origin_tls_client_auth/hostnames/certificates`;
const hostnamesPath = (zoneId: string) => `/zones/${enc(zoneId)}/origin_tls_client_auth/hostnames`;

/**
 * Uploads a certificate and its key. Only retried when the server certainly stored nothing (408,
 * 429); use `uploadReconciled` to recover from ambiguous failures without creating duplicates.
 */
export async function uploadCertificate(
    client: CloudflareClient,
    zoneId: string,
    body: { certificate: string; private_key: string },
    options: CallOptions = {},
): Promise<HostnameCertificateWire> {
    const envelope = await client.request<HostnameCertificateWire>("POST", certificatesPath(zoneId), {
        ...options,
        body,
        retry: "once-unless-refused",
    });
    return envelope.result;
}

/** Lists the zone's per-hostname certificates (a single page: the API does not paginate these). */
export async function listCertificates(client: CloudflareClient, zoneId: string, options: CallOptions = {}): Promise<HostnameCertificateWire[]> {
    const envelope = await client.request<HostnameCertificateWire[] | null>("GET", certificatesPath(zoneId), options);
    return envelope.result ?? [];
}

/** Gets one certificate; a missing one throws a 404 `NotFoundError`. */
export async function getCertificate(
    client: CloudflareClient,
    zoneId: string,
    certificateId: string,
    options: CallOptions = {},
): Promise<HostnameCertificateWire> {
    const envelope = await client.request<HostnameCertificateWire>("GET", `${certificatesPath(zoneId)}/${enc(certificateId)}`, options);
    return envelope.result;
}

/** Starts deleting a certificate; the result usually says `pending_deletion`. */
export async function deleteCertificate(
    client: CloudflareClient,
    zoneId: string,
    certificateId: string,
    options: CallOptions = {},
): Promise<HostnameCertificateWire | null> {
    const envelope = await client.request<HostnameCertificateWire | null>("DELETE", `${certificatesPath(zoneId)}/${enc(certificateId)}`, options);
    return envelope.result;
}

/** Gets a hostname's association; a hostname without one throws a 404 `NotFoundError`. */
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
