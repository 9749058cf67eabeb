/**
 * Watching a hostname's association: one GET (Cloudflare's 1553 reads as `removed`) and a tolerant polling loop
 * on the shared poller, with progress lines in the same shape as certificates'.
 */
import { isAssociationNotFound } from "../client/errors";
import { getHostnameAssociation, type HostnameAssociationWire } from "../client/hostnameCertificates";
import { isRetryable } from "../client/retry";
import type { OperationContext } from "../shared/context";
import { formatElapsed } from "../shared/duration";
import { pollDelayMs, pollUntil, type PollOutcome } from "../shared/polling";
import { shortId } from "../shared/progress";
import { MAX_FAILED_PROBES } from "../certificates/status";

/** A hostname's association as last read; `removed` once Cloudflare says it has none. */
export type ObservedAssociation = HostnameAssociationWire | { readonly hostname: string; readonly status: "removed"; readonly cert_id?: undefined; readonly enabled?: undefined };

/** True when the hostname has no association any more (Cloudflare's 1553, or a `deleted` one). */
export function isGone(observed: ObservedAssociation): boolean {
    return observed.status === "removed" || observed.status === "deleted";
}

/** True when the association is deployed with exactly this certificate and setting. */
export function isActiveWith(observed: ObservedAssociation, certificateId: string, enabled: boolean): boolean {
    return observed.status === "active" && observed.cert_id === certificateId && observed.enabled === enabled;
}

/** GETs the hostname's association; only Cloudflare's "no association" (1553) reads as `{status: "removed"}`, any other 404 is thrown. */
export async function observeAssociation(ctx: OperationContext, zoneId: string, hostname: string, deadline?: number): Promise<ObservedAssociation> {
    try {
        return await getHostnameAssociation(ctx.client, zoneId, hostname, { deadline });
    } catch (error) {
        if (isAssociationNotFound(error)) return { hostname, status: "removed" };
        throw error;
    }
}

/**
 * One read that tolerates failures as polling does: a read that fails even after the client's
 * retries is tried again after a poll delay, up to `MAX_FAILED_PROBES` reads and never past the deadline.
 */
export async function readTolerantly<T>(ctx: OperationContext, what: string, deadline: number, read: () => Promise<T>): Promise<T> {
    for (let failures = 0; ; ) {
        try {
            return await read();
        } catch (error) {
            if (!isRetryable(error) || ++failures >= MAX_FAILED_PROBES || ctx.now() >= deadline) throw error;
            ctx.progress.log(`${what}: reading its status failed (${(error as Error).name}); trying again`);
            await ctx.sleep(Math.min(pollDelayMs(failures - 1, ctx.poll), Math.max(0, deadline - ctx.now())));
        }
    }
}

/** `api.example.com → certificate 2458ce5a…: pending_deployment (2s elapsed)`; the row or the prefix names the resource. */
export function associationProgressLine(observed: ObservedAssociation, elapsedMs: number): string {
    const certificate = observed.cert_id ? ` → certificate ${shortId(observed.cert_id)}` : "";
    return `${observed.hostname}${certificate}: ${observed.status ?? "unknown"} (${formatElapsed(elapsedMs)} elapsed)`;
}

export interface AssociationWaitRequest {
    readonly zoneId: string;
    readonly hostname: string;
    readonly deadline: number;
    /** Stop when this holds. */
    readonly until: (observed: ObservedAssociation) => boolean;
    /** What is known before polling; stands in when a read fails. */
    readonly initial: ObservedAssociation;
    /** When the operation started, for the elapsed time in progress lines. @default now */
    readonly started?: number;
}

/**
 * Polls until `until(observed)` or the deadline, reporting progress. A read that fails even after
 * the client's retries is skipped, up to `MAX_FAILED_PROBES` in a row and never at the deadline.
 */
export async function waitForAssociation(ctx: OperationContext, request: AssociationWaitRequest): Promise<PollOutcome<ObservedAssociation>> {
    const { zoneId, hostname, deadline } = request;
    const started = request.started ?? ctx.now();
    let last = request.initial;
    let failures = 0;
    const probe = async (): Promise<ObservedAssociation> => {
        try {
            last = await observeAssociation(ctx, zoneId, hostname, deadline);
            failures = 0;
        } catch (error) {
            if (!isRetryable(error) || ++failures >= MAX_FAILED_PROBES || ctx.now() >= deadline) throw error;
            ctx.progress.log(`HostnameAssociation ${hostname}: reading its status failed (${(error as Error).name}); trying again`);
        }
        return last;
    };
    const onProbe = (observed: ObservedAssociation) => ctx.progress.report(associationProgressLine(observed, ctx.now() - started));
    return pollUntil({ probe, until: request.until, deadline, onProbe }, ctx.poll);
}
