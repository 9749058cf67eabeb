/**
 * Records → wire objects, exactly the fields Cloudflare returns. No private key exists to leak: the
 * records never hold one.
 */
import { isoTime } from "./clock";
import { currentEvent } from "./lifecycle";
import type {
    AssociationObject,
    AssociationRecord,
    CertificateListItem,
    CertificateObject,
    CertificateRecord,
    CertificateStatus,
    Phase,
} from "./types";

/** A `removed` object is reported as `deleted` where a status must still be shown (e.g. `cert_status`). */
function wireStatus(phase: Phase): CertificateStatus {
    return phase === "removed" ? "deleted" : phase;
}

/** Certificate object (A) at `now`. */
export function certificateObject(record: CertificateRecord, now: number): CertificateObject {
    return {
        id: record.id,
        certificate: record.certificate,
        expires_on: record.expires_on,
        issuer: record.issuer,
        serial_number: record.serial_number,
        signature: record.signature,
        status: wireStatus(currentEvent(record.timeline, now).phase),
        uploaded_on: isoTime(record.uploaded_at),
    };
}

/** List item: (A) plus `cert_id`, readable by 2024-spec and 2026-spec clients alike. */
export function certificateListItem(record: CertificateRecord, now: number): CertificateListItem {
    return { ...certificateObject(record, now), cert_id: record.id };
}

/**
 * A certificate without an association as a list item of the association shape: the certificate's
 * fields under their association-shape names, and no `id` or `hostname`.
 */
export function unassociatedListItem(record: CertificateRecord, now: number): Omit<AssociationObject, "hostname" | "enabled" | "created_at" | "updated_at"> {
    const certEvent = currentEvent(record.timeline, now);
    return {
        cert_id: record.id,
        status: wireStatus(certEvent.phase),
        cert_status: wireStatus(certEvent.phase),
        cert_updated_at: isoTime(Math.min(certEvent.at, now)),
        cert_uploaded_on: isoTime(record.uploaded_at),
        expires_on: record.expires_on,
        certificate: record.certificate,
        issuer: record.issuer,
        serial_number: record.serial_number,
        signature: record.signature,
    };
}

/** Hostname association (B) at `now`, with the certificate's fields mirrored in. */
export function associationObject(
    association: AssociationRecord,
    certificate: CertificateRecord,
    now: number,
): AssociationObject {
    const certEvent = currentEvent(certificate.timeline, now);
    return {
        hostname: association.hostname,
        cert_id: association.cert_id,
        enabled: association.enabled,
        status: wireStatus(currentEvent(association.timeline, now).phase),
        cert_status: wireStatus(certEvent.phase),
        created_at: isoTime(association.created_at),
        updated_at: isoTime(association.updated_at),
        cert_updated_at: isoTime(Math.min(certEvent.at, now)),
        cert_uploaded_on: isoTime(certificate.uploaded_at),
        expires_on: certificate.expires_on,
        certificate: certificate.certificate,
        issuer: certificate.issuer,
        serial_number: certificate.serial_number,
        signature: certificate.signature,
    };
}
