/**
 * Operations on `/zones/{zone_id}/origin_tls_client_auth/hostnames[/{hostname}]`.
 *
 * `PUT` applies a batch atomically: every item is checked first and nothing changes if one fails.
 * `enabled: true|false` creates or updates the hostname's association (which then redeploys:
 * pending_deployment → active); `enabled: null` voids the association between that hostname and that
 * `cert_id` at once (GET → 404, the certificate can be deleted). Voiding a pair that is not associated
 * is a no-op, so retries and stale voids after a rotation succeed.
 */
import { LIMITS, type EmulatorContext } from "../state/context";
import { ApiError } from "./errors";
import { associationEvents, reschedule } from "../state/lifecycle";
import type { AssociationObject, AssociationRecord } from "../state/types";
import { associationObject } from "../state/views";

interface ConfigItem {
    hostname: string;
    cert_id: string;
    enabled: boolean | null;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Hostnames are case-insensitive: stored and looked up in lower case. */
export function normalizeHostname(hostname: string): string {
    return hostname.toLowerCase();
}

/** A DNS name of at most 255 characters, optionally with a leading `*.` wildcard. */
export function isValidHostname(hostname: string): boolean {
    if (hostname.length === 0 || hostname.length > 255) return false;
    const labels = normalizeHostname(hostname).replace(/^\*\./, "").split(".");
    return labels.every((label) => LABEL.test(label));
}

/** PUT: applies the batch and returns one association object per item, in request order. */
export function putHostnames(ctx: EmulatorContext, zoneId: string, body: unknown): AssociationObject[] {
    const raw = configItems(body);
    const errors = raw.flatMap((item) => itemErrors(ctx, zoneId, item));
    if (errors.length > 0) throw ApiError.combine(errors);
    const items: ConfigItem[] = raw.map((item) => ({
        hostname: normalizeHostname(item.hostname as string),
        cert_id: item.cert_id as string,
        enabled: item.enabled as boolean | null,
    }));
    const quota = quotaError(ctx, zoneId, items);
    if (quota) throw quota;
    const results = items.map((item) => applyItem(ctx, zoneId, item));
    ctx.store.changed();
    return results;
}

/** GET one: the hostname's association; 404 (1553) if it has none. */
export function getHostname(ctx: EmulatorContext, zoneId: string, hostname: string): AssociationObject {
    const association = ctx.store.association(zoneId, normalizeHostname(hostname));
    if (!association) throw ApiError.of("hostnameNotFound");
    return view(ctx, zoneId, association);
}

function configItems(body: unknown): Array<Partial<ConfigItem> & Record<string, unknown>> {
    const config = typeof body === "object" && body !== null ? (body as { config?: unknown }).config : undefined;
    if (!Array.isArray(config)) throw ApiError.of("malformedBody", { detail: "config is required and must be an array" });
    if (!config.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
        throw ApiError.of("malformedBody", { detail: "every config item must be an object" });
    }
    return config as Array<Partial<ConfigItem> & Record<string, unknown>>;
}

function itemErrors(ctx: EmulatorContext, zoneId: string, item: Partial<ConfigItem> & Record<string, unknown>): ApiError[] {
    const errors: ApiError[] = [];
    if (typeof item.hostname !== "string" || !isValidHostname(item.hostname)) {
        errors.push(ApiError.of("invalidHostnameConfig", { detail: `invalid hostname ${JSON.stringify(item.hostname ?? null)}` }));
    }
    if (!("enabled" in item) || !(item.enabled === null || typeof item.enabled === "boolean")) {
        // Our choice: an absent `enabled` is refused rather than read as "void" or "disable".
        errors.push(ApiError.of("invalidHostnameConfig", { detail: "enabled must be true, false or null" }));
    }
    if (item.cert_id === undefined || item.cert_id === null || item.cert_id === "") {
        errors.push(ApiError.of("certIdRequired"));
    } else if (typeof item.cert_id !== "string" || !isAssignable(ctx, zoneId, item.cert_id)) {
        errors.push(ApiError.of("invalidCertId"));
    }
    return errors;
}

/** A certificate can be referenced unless it is unknown or on its way out. */
function isAssignable(ctx: EmulatorContext, zoneId: string, certId: string): boolean {
    const record = ctx.store.certificate(zoneId, certId);
    if (!record) return false;
    const phase = ctx.store.certificatePhase(record);
    return phase !== "pending_deletion" && phase !== "deleted" && phase !== "deletion_timed_out";
}

/** The 100-per-certificate limit, checked on the state the batch would produce. */
function quotaError(ctx: EmulatorContext, zoneId: string, items: ConfigItem[]): ApiError | undefined {
    const next = new Map(ctx.store.associations(zoneId).map((a) => [a.hostname, a.cert_id]));
    for (const item of items) {
        if (item.enabled !== null) next.set(item.hostname, item.cert_id);
        else if (next.get(item.hostname) === item.cert_id) next.delete(item.hostname);
    }
    const touched = new Set(items.filter((i) => i.enabled !== null).map((i) => i.cert_id));
    const counts = new Map<string, number>();
    for (const certId of next.values()) counts.set(certId, (counts.get(certId) ?? 0) + 1);
    const over = [...touched].some((certId) => (counts.get(certId) ?? 0) > LIMITS.associationsPerCertificate);
    return over ? ApiError.of("associationQuota") : undefined;
}

function applyItem(ctx: EmulatorContext, zoneId: string, item: ConfigItem): AssociationObject {
    const now = ctx.clock.now();
    const existing = ctx.store.association(zoneId, item.hostname);
    if (item.enabled === null) return voidItem(ctx, zoneId, item, existing);
    if (!existing) {
        const record: AssociationRecord = {
            zone_id: zoneId,
            ...item,
            created_at: now,
            updated_at: now,
            timeline: associationEvents(now, ctx.timings, item.cert_id, item.enabled),
        };
        ctx.store.addAssociation(record);
        return view(ctx, zoneId, record);
    }
    if (existing.cert_id !== item.cert_id || existing.enabled !== item.enabled) {
        existing.cert_id = item.cert_id;
        existing.enabled = item.enabled;
        existing.updated_at = now;
        existing.timeline = reschedule(existing.timeline, now, associationEvents(now, ctx.timings, item.cert_id, item.enabled));
    }
    return view(ctx, zoneId, existing);
}

/** Voids at once; the result shows the voided pair with `enabled: null` and status `deleted`. */
function voidItem(ctx: EmulatorContext, zoneId: string, item: ConfigItem, existing?: AssociationRecord): AssociationObject {
    const now = ctx.clock.now();
    const removed = { at: now, phase: "removed" as const, cert_id: item.cert_id, enabled: null };
    if (existing && existing.cert_id === item.cert_id) {
        existing.enabled = null;
        existing.updated_at = now;
        existing.timeline = reschedule(existing.timeline, now, [removed]);
        return view(ctx, zoneId, existing);
    }
    const detached: AssociationRecord = { zone_id: zoneId, ...item, created_at: now, updated_at: now, timeline: [removed] };
    return view(ctx, zoneId, detached);
}

function view(ctx: EmulatorContext, zoneId: string, association: AssociationRecord): AssociationObject {
    const certificate = ctx.store.certificateRecord(zoneId, association.cert_id);
    if (!certificate) throw new Error(`association ${association.hostname} references a missing certificate`);
    return associationObject(association, certificate, ctx.clock.now());
}
