/**
 * Delete: void the association (`enabled: null` with its `cert_id`; `enabled: false` would only
 * disable it and keep the certificate locked), then wait until GET answers 1553 (no association), so a certificate
 * delete that follows never meets Cloudflare's 1433 "still associated".
 *
 * The void names the certificate this resource last set (or last read). If the hostname has been
 * moved to another certificate since, that association is someone else's and is left in place.
 */
import { hasCode } from "../client/errors";
import type { OperationContext } from "../runtime/context";
import { formatElapsed } from "../core/duration";
import { shortId } from "../runtime/progress";
import { putHostnameConfig } from "./batch";
import { isGone, type ObservedAssociation, observeAssociation, readTolerantly, waitForAssociation } from "./status";

export interface VoidRequest {
    readonly zoneId: string;
    readonly hostname: string;
    readonly certificateId: string;
    readonly deadline: number;
    /** The deleteTimeout as written, for messages. */
    readonly timeoutText: string;
}

/** Done when the association is gone or now points at another certificate. */
function settled(observed: ObservedAssociation, certificateId: string): boolean {
    return isGone(observed) || observed.cert_id !== certificateId;
}

/** Voids the hostname's association with `certificateId` and waits until it is gone. */
export async function voidAndWait(ctx: OperationContext, request: VoidRequest): Promise<void> {
    const { zoneId, hostname, certificateId, deadline } = request;
    const started = ctx.now();
    try {
        await putHostnameConfig(ctx, zoneId, { hostname, cert_id: certificateId, enabled: null }, deadline);
    } catch (error) {
        // A `cert_id` that is unknown or deleted: nothing is left to void.
        if (!hasCode(error, "certificateGone")) throw error;
        ctx.progress.log(`HostnameAssociation ${hostname}: certificate ${shortId(certificateId)} no longer exists, so there is no association left to void`);
        return;
    }
    // Voiding usually takes effect at once: look before waiting.
    let observed = await readTolerantly(ctx, `HostnameAssociation ${hostname}`, deadline, () => observeAssociation(ctx, zoneId, hostname, deadline));
    if (!settled(observed, certificateId)) {
        const until = (o: ObservedAssociation) => settled(o, certificateId);
        observed = (await waitForAssociation(ctx, { zoneId, hostname, deadline, until, initial: observed, started })).value;
    }
    if (isGone(observed)) return;
    if (observed.cert_id !== certificateId) {
        ctx.progress.warn(
            `HostnameAssociation: hostname ${hostname} is now associated with certificate ${observed.cert_id}, not ${certificateId} as this resource set it; ` +
                `that association was left in place. Run \`pulumi refresh\` before a destroy to have the resource void whatever the hostname uses.`,
        );
        return;
    }
    throw new Error(
        `HostnameAssociation ${hostname} is still ${observed.status} with certificate ${certificateId} after ${formatElapsed(ctx.now() - started)} ` +
            `(deleteTimeout ${request.timeoutText}): Cloudflare may still finish; run \`pulumi refresh\` to check, then the same command again, or raise deleteTimeout.`,
    );
}
