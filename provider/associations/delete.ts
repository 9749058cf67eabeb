/**
 * Delete: void the association (`enabled: null` with its `cert_id`; `enabled: false` would only
 * disable it and keep the certificate locked), then wait until GET answers 1553 (no association), so a certificate
 * delete that follows never meets Cloudflare's 1433 "still associated".
 *
 * Only what this resource manages is voided: the hostname is read first, and the void goes out only
 * while it still uses the certificate this resource last set (`managedCertificateId`). If it now uses
 * another certificate, that association is someone else's (another stack's, or made by hand since):
 * it is left in place, with a warning. (Cloudflare's PUT has no condition, so a move in the moment
 * between the read and the void is not seen.)
 */
import { hasCode } from "../client/errors";
import type { OperationContext } from "../runtime/context";
import { formatElapsed } from "../core/duration";
import { shortId } from "../runtime/progress";
import type { HostnameAssociationWire } from "../client/wire";
import { putHostnameConfig } from "./batch";
import { isAssociated } from "./ownership";
import { isGone, type ObservedAssociation, observeAssociation, readTolerantly, waitForAssociation } from "./status";

export interface VoidRequest {
    readonly zoneId: string;
    readonly hostname: string;
    /** The certificate this resource last set on the hostname: the only one it voids. */
    readonly certificateId: string;
    readonly deadline: number;
    /** The deleteTimeout as written, for messages. */
    readonly timeoutText: string;
}

/** Done when the association is gone or now points at another certificate. */
function settled(observed: ObservedAssociation, certificateId: string): boolean {
    return isGone(observed) || observed.cert_id !== certificateId;
}

/** Says why a hostname that now uses another certificate is left as it is. */
function leaveForeign(ctx: OperationContext, request: VoidRequest, observed: HostnameAssociationWire): void {
    ctx.progress.warn(
        `HostnameAssociation: hostname ${request.hostname} is now associated with certificate ${observed.cert_id} (${observed.cert_status ?? "status not reported"}), ` +
            `not with certificate ${request.certificateId} as this resource set it, so that association is not this resource's any more and was left in place. ` +
            `If nothing should use it, void it where it is managed (or by hand: PUT /zones/${request.zoneId}/origin_tls_client_auth/hostnames ` +
            `with {"hostname": "${request.hostname}", "cert_id": "${observed.cert_id}", "enabled": null}).`,
    );
}

/** Voids the hostname's association with `certificateId`, if it still has that one, and waits until it is gone. */
export async function voidAndWait(ctx: OperationContext, request: VoidRequest): Promise<void> {
    const { zoneId, hostname, certificateId, deadline } = request;
    const started = ctx.now();
    const read = () => observeAssociation(ctx, zoneId, hostname, deadline);
    let observed = await readTolerantly(ctx, `HostnameAssociation ${hostname}`, deadline, read);
    if (!isAssociated(observed)) {
        ctx.progress.log(`HostnameAssociation ${hostname}: the hostname has no association any more, so there is nothing to void`);
        return;
    }
    if (observed.cert_id !== certificateId) return leaveForeign(ctx, request, observed);
    try {
        await putHostnameConfig(ctx, zoneId, { hostname, cert_id: certificateId, enabled: null }, deadline);
    } catch (error) {
        // A `cert_id` that is unknown or deleted: nothing is left to void.
        if (!hasCode(error, "certificateGone")) throw error;
        ctx.progress.log(`HostnameAssociation ${hostname}: certificate ${shortId(certificateId)} no longer exists, so there is no association left to void`);
        return;
    }
    // Voiding usually takes effect at once: look before waiting.
    observed = await readTolerantly(ctx, `HostnameAssociation ${hostname}`, deadline, read);
    if (!settled(observed, certificateId)) {
        const until = (o: ObservedAssociation) => settled(o, certificateId);
        observed = (await waitForAssociation(ctx, { zoneId, hostname, deadline, until, initial: observed, started })).value;
    }
    if (!isAssociated(observed)) return;
    if (observed.cert_id !== certificateId) return leaveForeign(ctx, request, observed);
    throw new Error(
        `HostnameAssociation ${hostname} is still ${observed.status} with certificate ${certificateId} after ${formatElapsed(ctx.now() - started)} ` +
            `(deleteTimeout ${request.timeoutText}): Cloudflare may still finish; run \`pulumi refresh\` to check, then the same command again, or raise deleteTimeout.`,
    );
}
