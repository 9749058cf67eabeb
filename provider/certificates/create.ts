/**
 * Create: upload or adopt (`./upload.ts`), then wait for `active`. If the certificate never gets to
 * `active`, what was uploaded is deleted, so a failed create leaves nothing behind (an adopted one
 * stays: it was there before). createTimeout bounds all of it, the cleanup included: what cannot be
 * deleted by then (Cloudflare refuses while it still deploys) is reported as a partial failure, so
 * Pulumi keeps tracking the certificate instead of leaving it behind.
 */
import type { HostnameCertificateWire } from "../client/wire";
import { DEPLOYING_STATUSES, type HostnameCertificateInputs, type HostnameCertificateOutputs } from "../contract";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
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
    // Still deploying at the deadline (as read, not guessed after a failed read): Cloudflare refuses to delete it (1434).
    const deploying = failure === "" && DEPLOYING_STATUSES.has(status);
    // What was in the zone before this create (adopted or imported) is never deleted by it.
    const found = { certificate: latest, preexisting: origin === "adopted" || origin === "imported", deploying };
    throw await failedCreate(ctx, inputs, found, `${status}${failure}`, ctx.now() - started, deadline);
}

/** A create that did not end with an active certificate: it deletes its upload within the create's own deadline. */
async function failedCreate(
    ctx: OperationContext,
    inputs: HostnameCertificateInputs,
    /** The certificate as last read (or as uploaded), whether it was in the zone before (adopted, imported), and whether it is still deploying. */
    found: { certificate: HostnameCertificateWire; preexisting: boolean; deploying: boolean },
    status: string,
    elapsedMs: number,
    deadline: number,
): Promise<Error> {
    const { certificate } = found;
    const createTimeout = inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT;
    const what = `HostnameCertificate ${certificate.id} did not become active: last status ${status} after ${formatElapsed(elapsedMs)} (createTimeout ${createTimeout}).`;
    const tryNext = "Run `pulumi up` again; if deployments keep failing, check Cloudflare's status page or raise createTimeout.";
    if (found.preexisting) return new Error(`${what} It was already in the zone before this create, so it was left in place. ${tryNext}`);
    // The properties become the resource's outputs: what a later delete or refresh reads, `__provider`
    // included (the host does not add it here), but not the key, as outputs reach later runs' debug logs.
    // The engine records the create's inputs too, and those hold the key, encrypted in state.
    const kept = (message: string) => new PartialCreateError(message, certificate.id, { __provider: inputs.__provider, ...toOutputs(certificate, inputs) });
    if (found.deploying) {
        return kept(
            `${what} Cloudflare is still deploying it and refuses to delete a certificate until then, so Pulumi keeps it in the stack's state ` +
                `instead of leaving it behind: \`pulumi up\` goes on waiting until it is active (raise createTimeout to wait longer in one run), ` +
                `\`pulumi destroy\` deletes it.`,
        );
    }
    try {
        await deleteAndWait(ctx, inputs.zoneId, certificate.id, deadline, `createTimeout ${createTimeout}`);
        ctx.progress.log(`HostnameCertificate ${certificate.id}: deleted after the failed deployment`);
        return new Error(`${what} The uploaded certificate was deleted, so nothing was left behind. ${tryNext}`);
    } catch (cleanupError) {
        const cleanup = ctx.redact((cleanupError as Error).message);
        ctx.progress.warn(`HostnameCertificate ${certificate.id}: could not delete it after the failed deployment: ${cleanup}`);
        return kept(
            `${what} Deleting it failed too (${cleanup}), so Pulumi keeps it in the stack's state instead of losing track of it: ` +
                `\`pulumi destroy\` (or removing the resource from the program) deletes it.`,
        );
    }
}
