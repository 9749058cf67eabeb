/**
 * Create: upload or adopt (`./upload.ts`), then wait for `active`. If the certificate never gets to
 * `active`, what was uploaded is deleted, so a failed create leaves nothing behind (an adopted one
 * stays: it was there before); if even that fails, report a partial failure so Pulumi keeps tracking
 * the certificate.
 */
import type { HostnameCertificateWire } from "../client/wire";
import { DEPLOYING_STATUSES, type HostnameCertificateInputs, type HostnameCertificateOutputs } from "../contract";
import { DEFAULT_CREATE_TIMEOUT, DEFAULT_DELETE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
import type { OperationContext } from "../runtime/context";
import { ResourceInitError } from "../runtime/initError";
import { progressLine } from "../runtime/progress";
import { deleteAndWait } from "./delete";
import { toOutputs } from "./outputs";
import { type Observed, type ObservedStatus, waitFor } from "./status";
import { uploadOrAdopt } from "./upload";

/**
 * Thrown when a create failed after the upload and the cleanup failed too: a partial create, so the
 * certificate is kept in state (and deleted by a later destroy) instead of orphaned.
 */
export class PartialCreateError extends ResourceInitError {
    override readonly name = "PartialCreateError";
}

/** Polls until the certificate leaves initializing/pending_deployment or the deadline passes. */
async function waitForDeployment(ctx: OperationContext, zoneId: string, uploaded: HostnameCertificateWire, deadline: number, started: number): Promise<Observed> {
    ctx.progress.report(progressLine(uploaded.id, uploaded.status, ctx.now() - started));
    if (!DEPLOYING_STATUSES.has(uploaded.status)) return uploaded;
    const until = (s: ObservedStatus) => !DEPLOYING_STATUSES.has(s);
    const result = await waitFor(ctx, { zoneId, id: uploaded.id, deadline, until, initial: uploaded.status, started });
    return result.value;
}

/** Creates the certificate and returns its outputs once it is `active`. */
export async function createHostnameCertificate(ctx: OperationContext, inputs: HostnameCertificateInputs): Promise<HostnameCertificateOutputs> {
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    const { certificate, origin } = await uploadOrAdopt(ctx, inputs, deadline, started);
    let last: Observed | undefined;
    let failure = "";
    try {
        last = await waitForDeployment(ctx, inputs.zoneId, certificate, deadline, started);
    } catch (error) {
        failure = ` (then reading its status failed: ${ctx.redact((error as Error).message)})`;
    }
    const latest = last && last.status !== "removed" ? last : certificate;
    if (last?.status === "active") return toOutputs(latest, inputs);
    const status = last?.status ?? certificate.status;
    // What was in the zone before this create (adopted or imported) is never deleted by it.
    const preexisting = origin === "adopted" || origin === "imported";
    throw await failedCreate(ctx, inputs, latest, preexisting, `${status}${failure}`, ctx.now() - started);
}

async function failedCreate(
    ctx: OperationContext,
    inputs: HostnameCertificateInputs,
    /** The certificate as last read (or as uploaded). */
    certificate: HostnameCertificateWire,
    adopted: boolean,
    status: string,
    elapsedMs: number,
): Promise<Error> {
    const what =
        `HostnameCertificate ${certificate.id} did not become active: last status ${status} after ${formatElapsed(elapsedMs)} ` +
        `(createTimeout ${inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT}).`;
    const tryNext = "Run `pulumi up` again; if deployments keep failing, check Cloudflare's status page or raise createTimeout.";
    if (adopted) return new Error(`${what} It was already in the zone before this create, so it was left in place. ${tryNext}`);
    const deleteTimeout = inputs.deleteTimeout ?? DEFAULT_DELETE_TIMEOUT;
    try {
        await deleteAndWait(ctx, inputs.zoneId, certificate.id, ctx.now() + timeoutMs(deleteTimeout, DEFAULT_DELETE_TIMEOUT), deleteTimeout);
        ctx.progress.log(`HostnameCertificate ${certificate.id}: deleted after the failed deployment`);
        return new Error(`${what} The uploaded certificate was deleted, so nothing was left behind. ${tryNext}`);
    } catch (cleanupError) {
        const cleanup = ctx.redact((cleanupError as Error).message);
        ctx.progress.warn(`HostnameCertificate ${certificate.id}: could not delete it after the failed deployment: ${cleanup}`);
        const message =
            `${what} Deleting it failed too (${cleanup}), so Pulumi keeps it in the stack's state instead of losing track of it: ` +
            `\`pulumi destroy\` (or removing the resource from the program) deletes it.`;
        // The properties become the resource's outputs: what a later delete or refresh reads, `__provider`
        // included (the host does not add it here), but not the key, as outputs reach later runs' debug logs.
        // The engine records the create's inputs too, and those hold the key, encrypted in state.
        return new PartialCreateError(message, certificate.id, { __provider: inputs.__provider, ...toOutputs(certificate, inputs) });
    }
}
