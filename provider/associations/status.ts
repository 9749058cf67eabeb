/**
 * Watching a hostname's association: one GET (Cloudflare's 1553 reads as `removed`), and waits that
 * share the zone's hostname board, with progress lines in the same shape as certificates'.
 */
import { isAssociationNotFound } from "../client/errors";
import { getHostnameAssociation } from "../client/hostnameCertificates";
import type { HostnameAssociationWire } from "../client/wire";
import { isRetryable } from "../client/retry";
import type { OperationContext } from "../runtime/context";
import { GONE_STATUSES } from "../certificates/status";
import { formatElapsed } from "../core/duration";
import { MAX_FAILED_PROBES, pollDelayMs } from "../runtime/polling";
import { shortId } from "../runtime/progress";
import type { ReadResult, RoundReader, WaitOutcome } from "../runtime/statusBoard";

/** A hostname's association as last read; `removed` once Cloudflare says it has none. */
export type ObservedAssociation = HostnameAssociationWire | { readonly hostname: string; readonly status: "removed"; readonly cert_id?: undefined; readonly enabled?: undefined };

/** True when the hostname has no association any more (Cloudflare's 1553, or a `deleted` one). */
export function isGone(observed: ObservedAssociation): boolean {
    return GONE_STATUSES.has(observed.status);
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
 * One round of the zone's hostname board. The API reads hostnames only one at a time (there is no
 * list of associations, and the certificate list's association fields are not in the current
 * schema), so a round is one GET of the most overdue hostname: at most one request per zone per
 * tick, the waiting hostnames taken in turn.
 */
function hostnameReader(ctx: OperationContext, zoneId: string): RoundReader<ObservedAssociation> {
    return async (round) => {
        const hostname = round.due[0];
        let result: ReadResult<ObservedAssociation>;
        try {
            result = { value: await observeAssociation(ctx, zoneId, hostname, round.deadline) };
        } catch (error) {
            result = { error };
        }
        return new Map([[hostname, result]]);
    };
}

/**
 * Waits until `until(observed)` or the deadline, reporting progress, on the zone's hostname board.
 * A read that fails even after the client's retries is skipped, up to `MAX_FAILED_PROBES` in a row
 * and never at the deadline.
 */
export function waitForAssociation(ctx: OperationContext, request: AssociationWaitRequest): Promise<WaitOutcome<ObservedAssociation>> {
    const { zoneId, hostname, deadline } = request;
    const started = request.started ?? ctx.now();
    return ctx.boards.wait<ObservedAssociation>(
        `hostnames ${ctx.account} ${zoneId}`,
        {
            subject: hostname,
            until: request.until,
            deadline,
            initial: request.initial,
            read: hostnameReader(ctx, zoneId),
            onValue: (observed) => ctx.progress.report(associationProgressLine(observed, ctx.now() - started)),
            onRetry: (error) => ctx.progress.log(`HostnameAssociation ${hostname}: reading its status failed (${(error as Error).name}); trying again`),
        },
        ctx.poll,
    );
}
