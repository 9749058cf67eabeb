/**
 * Create: upload, then wait for `active`. The identical certificate already in the zone is adopted
 * only with evidence that it is ours (our own upload found after an ambiguous failure) or through
 * the recovery switch; otherwise the create fails naming it (`CertificateExistsError`). If the
 * certificate never gets to `active`, what was uploaded is deleted, so a failed create leaves nothing
 * behind (an adopted one stays: it was there before). createTimeout bounds all of it, the cleanup
 * included: what cannot be deleted by then (Cloudflare refuses while it still deploys) is reported as
 * a partial failure, so Pulumi keeps tracking the certificate instead of leaving it behind.
 */
import { CertificateExistsError, hasErrorCode, isCertificateExistsError } from "../client/errors";
import { certificatesPath, type HostnameCertificateWire } from "../client/hostnameCertificates";
import { DUPLICATE_CODES, findCertificate, LEAVING_STATUSES, uploadReconciled } from "../client/upload";
import { mayAdopt } from "../runtime/adoption";
import { ResourceInitError } from "../runtime/initError";
import type { OperationContext } from "../runtime/context";
import { deleteAndWait } from "./delete";
import { DEPLOYING_STATUSES, GONE_STATUSES, type Observed, type ObservedStatus, waitFor } from "./status";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
import { toOutputs } from "./outputs";
import { progressLine } from "../runtime/progress";
import type { HostnameCertificateInputs, HostnameCertificateOutputs } from "./types";

/** How often create waits out a tombstone of the same certificate before giving up. */
const MAX_TOMBSTONE_WAITS = 3;

/**
 * Thrown when a create failed after the upload and the cleanup failed too: a partial create, so the
 * certificate is kept in state (and deleted by a later destroy) instead of orphaned.
 */
export class PartialCreateError extends ResourceInitError {
    override readonly name = "PartialCreateError";
}

interface Uploaded {
    readonly certificate: HostnameCertificateWire;
    /** Adopted through the recovery switch: it was in the zone before this create, so a failed deployment leaves it there. */
    readonly adopted: boolean;
}

async function waitUntilGone(ctx: OperationContext, inputs: HostnameCertificateInputs, existing: HostnameCertificateWire, deadline: number) {
    ctx.progress.log(`The identical certificate ${existing.id} is ${existing.status} in zone ${inputs.zoneId}; waiting until it is gone to upload again`);
    const until = (s: ObservedStatus) => GONE_STATUSES.has(s);
    const result = await waitFor(ctx, { zoneId: inputs.zoneId, id: existing.id, deadline, until, initial: existing.status });
    if (!GONE_STATUSES.has(result.value.status)) {
        throw new Error(
            `The identical certificate ${existing.id} in zone ${inputs.zoneId} is still ${result.value.status} after ${formatElapsed(result.elapsedMs)}, ` +
                `so it cannot be uploaded again yet: wait until Cloudflare finishes deleting it, then run \`pulumi up\` again.`,
        );
    }
}

/** The identical certificate already in the zone that made the upload fail, if that is why it failed. */
async function twinBehind(ctx: OperationContext, inputs: HostnameCertificateInputs, error: unknown, deadline: number) {
    if (isCertificateExistsError(error)) return error.existing;
    if (!hasErrorCode(error, ...DUPLICATE_CODES)) return undefined;
    return findCertificate(ctx.client, inputs.zoneId, inputs.certificate, { deadline, log: ctx.progress.log });
}

/**
 * Uploads. The identical certificate already in the zone is waited out when it is on its way out,
 * and otherwise adopted only through the recovery switch: nothing else shows it is this resource's.
 */
async function uploadOrAdopt(ctx: OperationContext, inputs: HostnameCertificateInputs, deadline: number): Promise<Uploaded> {
    const body = { certificate: inputs.certificate, private_key: inputs.privateKey };
    for (let waits = 0; ; waits++) {
        try {
            const result = await uploadReconciled(ctx.client, inputs.zoneId, body, { deadline, log: ctx.progress.log });
            return { certificate: result.certificate, adopted: false };
        } catch (error) {
            const existing = await twinBehind(ctx, inputs, error, deadline);
            if (!existing) throw error;
            if (LEAVING_STATUSES.has(existing.status) && waits < MAX_TOMBSTONE_WAITS) {
                await waitUntilGone(ctx, inputs, existing, deadline);
                continue;
            }
            return { certificate: adoptThroughSwitch(ctx, inputs, existing), adopted: true };
        }
    }
}

/** Adopts `existing` when the recovery switch names it (or says "true") and it can still serve; throws otherwise. */
function adoptThroughSwitch(ctx: OperationContext, inputs: HostnameCertificateInputs, existing: HostnameCertificateWire): HostnameCertificateWire {
    if (existing.status !== "active" && !DEPLOYING_STATUSES.has(existing.status)) {
        throw new Error(
            `The identical certificate ${existing.id} is already in zone ${inputs.zoneId} with status ${existing.status}, ` +
                `so it cannot be uploaded again: delete it (DELETE /zones/${inputs.zoneId}/origin_tls_client_auth/hostnames/certificates/${existing.id}) and run \`pulumi up\` again.`,
        );
    }
    if (!mayAdopt(ctx.adoption, existing.id)) throw new CertificateExistsError(inputs.zoneId, existing, "POST", certificatesPath(inputs.zoneId));
    ctx.progress.warn(
        `HostnameCertificate: adopting the identical certificate ${existing.id} (${existing.status}, uploaded ${existing.uploaded_on ?? "at an unreported time"}) ` +
            `already in zone ${inputs.zoneId}, as cloudflare:adoptExisting (CLOUDFLARE_ADOPT_EXISTING) allows. This resource now manages it: ` +
            `destroying the resource deletes that certificate. Unset the switch once the stack has recovered.`,
    );
    return existing;
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
export async function createHostnameCertificate(ctx: OperationContext, props: Record<string, unknown>): Promise<HostnameCertificateOutputs> {
    const inputs = props as unknown as HostnameCertificateInputs;
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    const { certificate, adopted } = await uploadOrAdopt(ctx, inputs, deadline);
    let last: Observed | undefined;
    let failure = "";
    try {
        last = await waitForDeployment(ctx, inputs.zoneId, certificate, deadline, started);
    } catch (error) {
        failure = ` (then reading its status failed: ${ctx.redact((error as Error).message)})`;
    }
    const latest = last && last.status !== "removed" ? (last as HostnameCertificateWire) : certificate;
    if (last?.status === "active") return toOutputs(latest, inputs);
    const status = last?.status ?? certificate.status;
    // Still deploying at the deadline (as read, not guessed after a failed read): Cloudflare refuses to delete it (1434).
    const deploying = failure === "" && DEPLOYING_STATUSES.has(status);
    throw await failedCreate(ctx, props, { certificate: latest, adopted, deploying }, `${status}${failure}`, ctx.now() - started, deadline);
}

/** A create that did not end with an active certificate: it deletes its upload within the create's own deadline. */
async function failedCreate(
    ctx: OperationContext,
    props: Record<string, unknown>,
    /** The certificate as last read (or as uploaded), whether it was adopted, and whether it is still deploying. */
    found: { certificate: HostnameCertificateWire; adopted: boolean; deploying: boolean },
    status: string,
    elapsedMs: number,
    deadline: number,
): Promise<Error> {
    const inputs = props as unknown as HostnameCertificateInputs;
    const { certificate } = found;
    const createTimeout = inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT;
    const what = `HostnameCertificate ${certificate.id} did not become active: last status ${status} after ${formatElapsed(elapsedMs)} (createTimeout ${createTimeout}).`;
    const tryNext = "Run `pulumi up` again; if deployments keep failing, check Cloudflare's status page or raise createTimeout.";
    if (found.adopted) return new Error(`${what} It was already in the zone before this create, so it was left in place. ${tryNext}`);
    // The properties become the resource's outputs: what a later delete or refresh reads, `__provider`
    // included (the host does not add it here), but not the key, as outputs reach later runs' debug logs.
    // The engine records the create's inputs too, and those hold the key, encrypted in state.
    const kept = (message: string) => new PartialCreateError(message, certificate.id, { __provider: props.__provider, ...toOutputs(certificate, inputs) });
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
