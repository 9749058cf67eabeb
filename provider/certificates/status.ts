/**
 * Watching a certificate's status: one GET (Cloudflare's "not found" reads as `removed`), and waits
 * that share their reads on the zone's status board (`../runtime/statusBoard`). Used by create (until
 * active), delete (until gone) and adoption.
 */
import { isCertificateNotFound } from "../client/errors";
import { getCertificate, listCertificates } from "../client/hostnameCertificates";
import type { HostnameCertificateWire } from "../client/wire";
import type { CertificateStatus } from "../contract";
import type { OperationContext } from "../runtime/context";
import { progressLine, shortId } from "../runtime/progress";
import type { ReadResult, Round, RoundReader, WaitOutcome } from "../runtime/statusBoard";

/** What polling sees: a status, or `removed` once Cloudflare answers that the certificate does not exist. */
export type ObservedStatus = CertificateStatus | "removed";

/** Statuses after which a certificate (or a hostname's association) counts as gone: a `deleted` tombstone is gone for good. */
export const GONE_STATUSES: ReadonlySet<string | undefined> = new Set<ObservedStatus>(["deleted", "removed"]);

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

/**
 * One round of the zone's board: one list answers every certificate in it. A certificate the list
 * does not show gets its own GET: only that GET's "not found" says it is gone. So does the board's
 * only certificate (one GET costs what the list would, and its "not found" needs no second
 * request), and every due one after a failed list: a failed list is one failed read for the due
 * waits, never final.
 */
function zoneReader(ctx: OperationContext, zoneId: string): RoundReader<Observed> {
    return async (round: Round) => {
        const results = new Map<string, ReadResult<Observed>>();
        let unlisted = round.due;
        if (!round.fallback && round.watching.length > 1) {
            try {
                const { certificates } = await listCertificates(ctx.client, zoneId, { deadline: round.deadline });
                const listed = new Map(certificates.map((c) => [c.id, c]));
                for (const id of round.watching) if (listed.has(id)) results.set(id, { value: listed.get(id)! });
                unlisted = round.due.filter((id) => !listed.has(id));
            } catch (error) {
                for (const id of round.due) results.set(id, { error, shared: true });
                return results;
            }
        }
        await Promise.all(
            unlisted.map(async (id) => {
                try {
                    results.set(id, { value: await observe(ctx, zoneId, id, round.deadline) });
                } catch (error) {
                    results.set(id, { error });
                }
            }),
        );
        return results;
    };
}

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
 * Waits until `until(status)` or the deadline, reporting progress, on the zone's status board. A
 * read that fails even after the client's retries is skipped (the next round tries again), up to
 * `MAX_FAILED_PROBES` in a row and never at the deadline.
 */
export function waitFor(ctx: OperationContext, request: WaitRequest): Promise<WaitOutcome<Observed>> {
    const { zoneId, id, deadline } = request;
    const started = request.started ?? ctx.now();
    return ctx.boards.wait<Observed>(
        `certificates ${ctx.account} ${zoneId}`,
        {
            subject: id,
            until: (observed) => request.until(observed.status),
            deadline,
            initial: { id, status: request.initial } as Observed,
            read: zoneReader(ctx, zoneId),
            firstReadOnTime: true,
            onValue: (observed) => ctx.progress.report(progressLine(id, observed.status, ctx.now() - started)),
            onRetry: (error) => ctx.progress.log(`HostnameCertificate ${shortId(id)}: reading its status failed (${(error as Error).name}); trying again`),
        },
        ctx.poll,
    );
}
