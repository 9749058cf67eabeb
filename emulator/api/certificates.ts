/**
 * Operations on `/zones/{zone_id}/origin_tls_client_auth/hostnames/certificates[/{certificate_id}]`.
 * Each returns the `result` of a successful response or throws an {@link ApiError}.
 */
import { randomUUID } from "node:crypto";
import { parseUpload } from "../state/certificateFacts";
import { LIMITS, type EmulatorContext } from "../state/context";
import { ApiError } from "./errors";
import { deletionEvents, deploymentEvents, reschedule } from "../state/lifecycle";
import type { CertificateListItem, CertificateObject, CertificateRecord } from "../state/types";
import { associationObject, certificateListItem, certificateObject, unassociatedListItem } from "../state/views";
import { type Page, paginate } from "./envelope";

/**
 * POST: upload. The new certificate starts `initializing` and becomes `active` after
 * `timings.activationMs`. Uploading the PEM of a `deleted` tombstone resurrects it under the same id
 * (observed on the real API); any other identical certificate in the zone is a 1406.
 */
export function uploadCertificate(ctx: EmulatorContext, zoneId: string, body: unknown): CertificateObject {
    const { certificate, private_key } = uploadBody(body);
    const now = ctx.clock.now();
    const parsed = parseUpload(certificate, private_key, now);
    const existing = ctx.store.certificateByFingerprint(zoneId, parsed.fingerprint);
    if (existing && ctx.store.certificatePhase(existing) !== "deleted") throw ApiError.of("duplicateCertificate");
    if (ctx.store.quotaCount(zoneId) >= LIMITS.certificatesPerZone) throw ApiError.of("certificateQuota");

    const events = deploymentEvents(now, ctx.timings, ctx.outcomes.takeDeployment(zoneId));
    if (existing) {
        Object.assign(existing, parsed, { uploaded_at: now, timeline: reschedule(existing.timeline, now, events) });
        ctx.store.changed();
        return certificateObject(existing, now);
    }
    const record: CertificateRecord = { zone_id: zoneId, id: randomUUID(), ...parsed, uploaded_at: now, timeline: events };
    ctx.store.addCertificate(record);
    return certificateObject(record, now);
}

/**
 * GET collection: every certificate of the zone, tombstones included, oldest first, in the configured
 * shape (`ctx.listing.shape`) and, when a page size is set, paged by the `page` query parameter.
 */
export function listCertificates(ctx: EmulatorContext, zoneId: string, query: URLSearchParams = new URLSearchParams()): Page<unknown> {
    const now = ctx.clock.now();
    const records = ctx.store.certificates(zoneId);
    const items: unknown[] =
        ctx.listing.shape === "association"
            ? records.flatMap((record) => {
                  const associations = ctx.store.referencing(zoneId, record.id);
                  return associations.length === 0 ? [unassociatedListItem(record, now)] : associations.map((a) => associationObject(a, record, now));
              })
            : records.map((record): CertificateListItem => certificateListItem(record, now));
    const page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
    return paginate(items, page, ctx.listing.pageSize);
}

/** GET one: the certificate, also while `pending_deletion` or `deleted`; 404 once removed. */
export function getCertificate(ctx: EmulatorContext, zoneId: string, id: string): CertificateObject {
    const record = ctx.store.certificate(zoneId, id);
    if (!record) throw ApiError.of("certificateNotFound");
    return certificateObject(record, ctx.clock.now());
}

/**
 * DELETE: starts the deletion (`pending_deletion` → `deleted` → 404). Refused while any association
 * references the certificate, enabled or not (1433), while it is still deploying (1434), and while it
 * is already on its way out (1414, 1491). A `deletion_timed_out` or `deployment_timed_out`
 * certificate can be deleted (again).
 */
export function deleteCertificate(ctx: EmulatorContext, zoneId: string, id: string): CertificateObject {
    const record = ctx.store.certificate(zoneId, id);
    if (!record) throw ApiError.of("certificateNotFoundOnDelete");
    const phase = ctx.store.certificatePhase(record);
    if (phase === "deleted") throw ApiError.of("alreadyDeleted");
    if (phase === "pending_deletion") throw ApiError.of("pendingDeletion");
    if (ctx.store.referencing(zoneId, id).length > 0) throw ApiError.of("certificateInUse");
    if (phase === "initializing" || phase === "pending_deployment") throw ApiError.of("pendingDeployment");

    const now = ctx.clock.now();
    const events = deletionEvents(now, ctx.timings, ctx.outcomes.takeDeletion(zoneId, id));
    record.timeline = reschedule(record.timeline, now, events);
    ctx.store.changed();
    return certificateObject(record, now);
}

function uploadBody(body: unknown): { certificate: string; private_key: string } {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw ApiError.of("malformedBody", { detail: "expected a JSON object" });
    }
    const { certificate, private_key } = body as Record<string, unknown>;
    if (typeof certificate !== "string") {
        throw ApiError.of("malformedBody", { detail: "certificate is required and must be a string" });
    }
    if (typeof private_key !== "string") {
        throw ApiError.of("malformedBody", { detail: "private_key is required and must be a string" });
    }
    return { certificate, private_key };
}
