/**
 * Watching a certificate's status: one GET (Cloudflare's "not found" reads as `removed`) and a tolerant polling loop on
 * top of `../shared/polling`. Used by create (until active), delete (until gone) and adoption.
 */
import { isCertificateNotFound } from "../client/errors";
import { type CertificateStatus, getCertificate, type HostnameCertificateWire } from "../client/hostnameCertificates";
import { isRetryable } from "../client/retry";
import type { OperationContext } from "../shared/context";
import { pollUntil } from "../shared/polling";
import { progressLine, shortId } from "../shared/progress";

/** What polling sees: a status, or `removed` once Cloudflare answers that the certificate does not exist. */
export type ObservedStatus = CertificateStatus | "removed";

export const DEPLOYING_STATUSES: ReadonlySet<ObservedStatus> = new Set(["initializing", "pending_deployment"]);
/** Statuses after which the certificate counts as gone (a `deleted` tombstone is gone for good). */
export const GONE_STATUSES: ReadonlySet<ObservedStatus> = new Set(["deleted", "removed"]);

/** A certificate as last read; `removed` once Cloudflare says it does not exist. */
export type Observed = HostnameCertificateWire | { readonly id: string; readonly status: "removed" };

/**
 * GETs the certificate. Only Cloudflare's own "certificate not found" (1552) reads as
 * `{status: "removed"}`; any other 404 (a wrong base URL, a proxy's page, a route error) is thrown.
 */
export async function observe(ctx: OperationContext, zoneId: string, id: string, deadline?: number): Promise<Observed> {
    try {
        return await getCertificate(ctx.client, zoneId, id, { deadline });
    } catch (error) {
        if (isCertificateNotFound(error)) return { id, status: "removed" };
        throw error;
    }
}

/** Status reads that may fail in a row (after the client's own retries) before polling gives up. */
export const MAX_FAILED_PROBES = 3;

export interface WaitRequest {
    readonly zoneId: string;
    readonly id: string;
    readonly deadline: number;
    /** Stop when this holds. */
    readonly until: (status: ObservedStatus) => boolean;
    /** The status known before polling; stands in when a read fails. */
    readonly initial: ObservedStatus;
    /** When the operation started, for the elapsed time in progress lines. @default now */
    readonly started?: number;
}

/**
 * Polls until `until(status)` or the deadline, reporting progress. A read that fails even after
 * the client's retries is skipped (the next poll tries again), up to {@link MAX_FAILED_PROBES} in a
 * row and never at the deadline.
 */
export async function waitFor(ctx: OperationContext, request: WaitRequest) {
    const { zoneId, id, deadline } = request;
    const started = request.started ?? ctx.now();
    let last: Observed = { id, status: request.initial } as Observed;
    let failures = 0;
    const probe = async (): Promise<Observed> => {
        try {
            last = await observe(ctx, zoneId, id, deadline);
            failures = 0;
        } catch (error) {
            if (!isRetryable(error) || ++failures >= MAX_FAILED_PROBES || ctx.now() >= deadline) throw error;
            ctx.progress.log(`HostnameCertificate ${shortId(id)}: reading its status failed (${(error as Error).name}); trying again`);
        }
        return last;
    };
    const onProbe = (observed: Observed) => ctx.progress.report(progressLine(id, observed.status, ctx.now() - started));
    return pollUntil({ probe, until: (observed) => request.until(observed.status), deadline, onProbe }, ctx.poll);
}
