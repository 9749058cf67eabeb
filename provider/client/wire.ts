/**
 * What goes over the wire, in the API's own snake_case: the v4 envelope and the objects of the
 * per-hostname Authenticated Origin Pulls endpoints. Nothing past the client sees these names; the
 * providers map them to camelCase outputs.
 */
import type { CertificateStatus } from "../contract";

export type { CertificateStatus };

/** One entry of the envelope's `errors` (or `messages`) array. */
export interface CloudflareErrorDetail {
    readonly code: number;
    readonly message: string;
}

/** Collection metadata on list responses. */
export interface ResultInfo {
    readonly page?: number;
    readonly per_page?: number;
    readonly count?: number;
    readonly total_count?: number;
    readonly total_pages?: number;
}

/** The v4 API envelope, after a successful response. */
export interface Envelope<T> {
    readonly success: true;
    readonly errors: readonly CloudflareErrorDetail[];
    readonly messages: readonly CloudflareErrorDetail[];
    readonly result: T;
    readonly result_info?: ResultInfo;
}

/**
 * A per-hostname client certificate as the API returns it, after `./certificateShape` normalised it:
 * it always has an id and a status, whichever endpoint and shape it came from.
 */
export interface HostnameCertificateWire {
    readonly id: string;
    readonly certificate?: string;
    readonly expires_on?: string;
    readonly issuer?: string;
    readonly serial_number?: string;
    readonly signature?: string;
    readonly status: CertificateStatus;
    readonly uploaded_on?: string;
}

/** The body of an upload (`POST .../hostnames/certificates`). */
export interface CertificateUploadWire {
    readonly certificate: string;
    readonly private_key: string;
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
