/**
 * Wire types of the emulated slice of the Cloudflare API v4 (`/zones/{zone_id}/origin_tls_client_auth/hostnames…`)
 * and the emulator's internal records. Wire types keep Cloudflare's snake_case field names.
 */

/**
 * Status of a certificate or a hostname association, spelled as the schema spells it
 * (`…hostname-authenticated-origin-pull_components-schemas-status`).
 */
export type CertificateStatus =
    | "initializing"
    | "pending_deployment"
    | "pending_deletion"
    | "active"
    | "deleted"
    | "deployment_timed_out"
    | "deletion_timed_out";

/** Every {@link CertificateStatus}, in lifecycle order. */
export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = [
    "initializing",
    "pending_deployment",
    "pending_deletion",
    "active",
    "deleted",
    "deployment_timed_out",
    "deletion_timed_out",
];

/**
 * Internal phase: a status, or `removed` once the API no longer returns the object (GET → 404).
 * `removed` never appears on the wire; it does appear in {@link HistoryEvent}s.
 */
export type Phase = CertificateStatus | "removed";

/** One scheduled or past status change. Statuses are computed lazily from these and the clock. */
export interface PhaseEvent {
    /** Epoch milliseconds on the emulator clock. */
    readonly at: number;
    readonly phase: Phase;
    /** Order of writing, stamped by the store: orders events that share a timestamp. */
    seq?: number;
}

/** Certificate object (A), `schemas-certificateObject`, as returned by upload, get and delete. */
export interface CertificateObject {
    id: string;
    certificate: string;
    expires_on: string;
    issuer: string;
    serial_number: string;
    signature: string;
    status: CertificateStatus;
    uploaded_on: string;
}

/** A list item: (A) plus `cert_id` (= `id`), which satisfies both the 2024 and the 2026 list shapes. */
export interface CertificateListItem extends CertificateObject {
    cert_id: string;
}

/** Hostname association (B), `hostname_certid_object`. Never carries `private_key`. */
export interface AssociationObject {
    hostname: string;
    cert_id: string;
    enabled: boolean | null;
    status: CertificateStatus;
    cert_status: CertificateStatus;
    created_at: string;
    updated_at: string;
    cert_updated_at: string;
    cert_uploaded_on: string;
    expires_on: string;
    certificate: string;
    issuer: string;
    serial_number: string;
    signature: string;
}

/**
 * How `GET …/hostnames/certificates` shapes its items (documented drift, `docs/reference/cloudflare-api.md` §5):
 * - `"certificate"`: the certificate object (A) plus `cert_id` (= `id`), which both the 2024 and 2026
 *   readers understand (the default);
 * - `"association"`: the 2024 spec's association shape, as Cloudflare's older docs and the Go SDK's
 *   fixtures show it: one item per association (`hostname`, `cert_id`, `cert_status`, `status` of the
 *   association, …) and, for a certificate without one, an item without `hostname`; never an `id`.
 */
export type ListShape = "certificate" | "association";

/** How lists answer; changeable at run time (`Emulator.setListing`). */
export interface ListingOptions {
    shape: ListShape;
    /** Items per page; unset: every item on one page, as Cloudflare does. */
    pageSize?: number;
}

/** `result_info` of a collection response. */
export interface ResultInfo {
    page: number;
    per_page: number;
    count: number;
    total_count: number;
    total_pages: number;
}

/** An item of `errors[]` or `messages[]`. */
export interface ResponseInfo {
    code: number;
    message: string;
    /** Cloudflare nests the detail of some errors (e.g. 6003 → 6103). */
    error_chain?: ResponseInfo[];
}

/** A stored hostname certificate. The private key is validated at upload and never stored. */
export interface CertificateRecord {
    zone_id: string;
    id: string;
    /** The PEM as uploaded, trailing whitespace normalised to one `\n`. */
    certificate: string;
    /** SHA-256 fingerprint of the leaf; identifies "the same certificate" for the 1406 rule. */
    fingerprint: string;
    issuer: string;
    serial_number: string;
    signature: string;
    expires_on: string;
    /** Epoch ms of the (latest) upload. */
    uploaded_at: number;
    timeline: PhaseEvent[];
}

/** One state of a hostname association on its timeline. */
export interface AssociationEvent extends PhaseEvent {
    readonly cert_id: string;
    readonly enabled: boolean | null;
}

/** A stored hostname association. Voided associations stay in the store (phase `removed`) for history. */
export interface AssociationRecord {
    zone_id: string;
    hostname: string;
    cert_id: string;
    enabled: boolean | null;
    created_at: number;
    updated_at: number;
    timeline: AssociationEvent[];
}

/** A status change of a certificate or an association, as reported by `Emulator.history`. */
export type HistoryEvent =
    | {
          kind: "certificate";
          /** ISO 8601 time of the change on the emulator clock. */
          at: string;
          /** Epoch ms of the change. */
          time: number;
          /** Order of writing; breaks ties between events at the same `time`. */
          seq: number;
          zone_id: string;
          id: string;
          status: Phase;
      }
    | {
          kind: "association";
          at: string;
          time: number;
          seq: number;
          zone_id: string;
          hostname: string;
          cert_id: string;
          enabled: boolean | null;
          status: Phase;
      };
