/**
 * Deleting a certificate and waiting until it is gone; shared by the resource's delete and by the
 * cleanup after a failed create.
 */
import { type CloudflareApiError, hasCode, isCertificateNotFound, isCloudflareApiError } from "../client/errors";
import { deleteCertificate, listCertificates } from "../client/hostnameCertificates";
import type { OperationContext } from "../runtime/context";
import { formatElapsed } from "../core/duration";
import { DEPLOYING_STATUSES } from "../contract";
import { GONE_STATUSES, type ObservedStatus, waitFor } from "./status";

export function isInUseError(error: unknown): error is CloudflareApiError {
    return hasCode(error, "inUse") || (isCloudflareApiError(error) && error.errors.some((e) => /in use|associat/i.test(e.message)));
}

/** Hostnames the API reveals as using this certificate (list items of the 2024 shape carry them). */
async function hostnamesUsing(ctx: OperationContext, zoneId: string, id: string, deadline: number): Promise<readonly string[]> {
    try {
        return (await listCertificates(ctx.client, zoneId, { deadline })).hostnames.get(id) ?? [];
    } catch {
        return [];
    }
}

async function inUseError(ctx: OperationContext, zoneId: string, id: string, cause: CloudflareApiError, deadline: number): Promise<Error> {
    const hostnames = await hostnamesUsing(ctx, zoneId, id, deadline);
    const which = hostnames.length > 0 ? `hostname(s) ${hostnames.join(", ")}` : "one or more hostnames (Cloudflare does not say which)";
    const codes = cause.errors.map((e) => e.code).join(", ");
    return new Error(
        `Cannot delete HostnameCertificate ${id}: it is still associated with ${which} (Cloudflare error ${codes}). ` +
            `Void each association first, e.g. PUT /zones/${zoneId}/origin_tls_client_auth/hostnames with ` +
            `{"config":[{"hostname":"<hostname>","cert_id":"${id}","enabled":null}]} (enabled: false only disables it), ` +
            `or delete the resource that manages the association (deleting a HostnameAssociation voids it), then run \`pulumi up\` or \`pulumi destroy\` again. ` +
            `If this delete is part of replacing the certificate with one that has the same leaf (only the chain changed), issue a new leaf ` +
            `certificate instead: it is uploaded and active before the old one is deleted.`,
    );
}

/** Still deploying when the deadline came: Cloudflare refuses the DELETE (1434) until it is deployed. */
function stillDeploying(id: string, status: ObservedStatus, elapsedMs: number, timeout: string): Error {
    return new Error(
        `HostnameCertificate ${id} is still ${status} after ${formatElapsed(elapsedMs)} (${timeout}), and Cloudflare refuses to delete a ` +
            `certificate until it is deployed (error 1434), so it was not deleted and stays in the stack's state: run the same command again ` +
            `once Cloudflare has deployed it (\`pulumi destroy\` deletes it then), or raise deleteTimeout.`,
    );
}

/** Sends DELETE, riding out "still deploying" (waits, within the deadline) and "already deleting" (fine). */
async function requestDeletion(ctx: OperationContext, zoneId: string, id: string, deadline: number, timeout: string): Promise<"gone" | "deleting"> {
    const started = ctx.now();
    for (;;) {
        try {
            await deleteCertificate(ctx.client, zoneId, id, { deadline });
            return "deleting";
        } catch (error) {
            if (isCertificateNotFound(error) || hasCode(error, "tombstone")) return "gone";
            if (hasCode(error, "pendingDeletion")) return "deleting";
            if (isInUseError(error)) throw await inUseError(ctx, zoneId, id, error, deadline);
            if (!hasCode(error, "pendingDeployment")) throw error;
            if (ctx.now() >= deadline) throw stillDeploying(id, "pending_deployment", ctx.now() - started, timeout);
            ctx.progress.log(`HostnameCertificate ${id} is still deploying; waiting before deleting it`);
            const until = (s: ObservedStatus) => !DEPLOYING_STATUSES.has(s);
            const { value } = await waitFor(ctx, { zoneId, id, deadline, until, initial: "pending_deployment", started });
            // At the deadline and still deploying: another DELETE would only be refused again.
            if (DEPLOYING_STATUSES.has(value.status)) throw stillDeploying(id, value.status, ctx.now() - started, timeout);
        }
    }
}

/**
 * Deletes the certificate and waits until it is gone (Cloudflare's "not found", or `deleted`), which
 * at any point counts as done; any other 404 is an error, since it proves nothing about the
 * certificate. Throws on `deletion_timed_out` or when the deadline passes first; nothing in it waits
 * or retries past `deadline` (the caller's one deadline: a destroy's deleteTimeout, a failed create's own),
 * which `timeout` names for messages (`deleteTimeout 10m`, `createTimeout 5s`).
 */
export async function deleteAndWait(ctx: OperationContext, zoneId: string, id: string, deadline: number, timeout: string): Promise<void> {
    const started = ctx.now();
    if ((await requestDeletion(ctx, zoneId, id, deadline, timeout)) === "gone") return;
    const until = (s: ObservedStatus) => GONE_STATUSES.has(s) || s === "deletion_timed_out";
    const result = await waitFor(ctx, { zoneId, id, deadline, until, initial: "pending_deletion", started });
    const status = result.value.status;
    if (GONE_STATUSES.has(status)) return;
    const elapsed = formatElapsed(ctx.now() - started);
    if (status === "deletion_timed_out") {
        throw new Error(
            `Cloudflare could not delete HostnameCertificate ${id} (status deletion_timed_out after ${elapsed}): ` +
                `run the \`pulumi destroy\` or \`pulumi up\` that deleted it again to retry; if it keeps failing, contact Cloudflare support with the certificate id.`,
        );
    }
    throw new Error(
        `HostnameCertificate ${id} is still ${status} after ${elapsed} (${timeout}): ` +
            `Cloudflare may still finish; run \`pulumi refresh\` to check, then the same command again, or raise deleteTimeout.`,
    );
}
