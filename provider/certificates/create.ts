/**
 * Create: upload (or adopt the identical certificate already in the zone), then wait for `active`.
 * If it never gets there, delete what was uploaded, so a failed create leaves nothing behind; if
 * even that fails, report a partial failure so Pulumi keeps tracking the certificate.
 */
import { hasErrorCode } from "../client/errors";
import type { HostnameCertificateWire } from "../client/hostnameCertificates";
import { findCertificate, LEAVING_STATUSES, uploadReconciled } from "../client/upload";
import type { OperationContext } from "../shared/context";
import { deleteAndWait } from "./delete";
import { DEPLOYING_STATUSES, GONE_STATUSES, type Observed, type ObservedStatus, waitFor } from "./status";
import { DEFAULT_CREATE_TIMEOUT, DEFAULT_DELETE_TIMEOUT, formatElapsed, timeoutMs } from "../shared/duration";
import { toOutputs } from "./outputs";
import { progressLine } from "../shared/progress";
import type { HostnameCertificateInputs, HostnameCertificateOutputs } from "./types";

/** Cloudflare's code for "this certificate already exists for this zone". */
export const DUPLICATE_CODES = [1406];
/** How often create waits out a tombstone of the same certificate before giving up. */
const MAX_TOMBSTONE_WAITS = 3;

/**
 * Thrown when a create failed after the upload and the cleanup failed too. Pulumi's dynamic
 * provider host turns `{id, properties, reasons}` into a partial create, so the certificate is
 * kept in state (and deleted by a later destroy) instead of orphaned.
 */
export class PartialCreateError extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[] = [message],
    ) {
        super(message);
        this.name = "PartialCreateError";
    }
}

interface Uploaded {
    readonly certificate: HostnameCertificateWire;
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

/** Uploads; on a duplicate, adopts the live identical certificate or waits out its tombstone. */
async function uploadOrAdopt(ctx: OperationContext, inputs: HostnameCertificateInputs, deadline: number): Promise<Uploaded> {
    const body = { certificate: inputs.certificate, private_key: inputs.privateKey };
    for (let waits = 0; ; waits++) {
        try {
            const result = await uploadReconciled(ctx.client, inputs.zoneId, body, { deadline, log: ctx.progress.log });
            return { certificate: result.certificate, adopted: false };
        } catch (error) {
            if (!hasErrorCode(error, ...DUPLICATE_CODES)) throw error;
            const existing = await findCertificate(ctx.client, inputs.zoneId, inputs.certificate, { deadline });
            if (!existing) throw error;
            if (LEAVING_STATUSES.has(existing.status) && waits < MAX_TOMBSTONE_WAITS) {
                await waitUntilGone(ctx, inputs, existing, deadline);
                continue;
            }
            return adopt(ctx, inputs, existing);
        }
    }
}

function adopt(ctx: OperationContext, inputs: HostnameCertificateInputs, existing: HostnameCertificateWire): Uploaded {
    if (existing.status !== "active" && !DEPLOYING_STATUSES.has(existing.status)) {
        throw new Error(
            `The identical certificate ${existing.id} is already in zone ${inputs.zoneId} with status ${existing.status}, ` +
                `so it cannot be uploaded again: delete it (DELETE /zones/${inputs.zoneId}/origin_tls_client_auth/hostnames/certificates/${existing.id}) and run \`pulumi up\` again.`,
        );
    }
    ctx.progress.warn(
        `HostnameCertificate: the identical certificate is already uploaded to zone ${inputs.zoneId} as ${existing.id} (${existing.status}); ` +
            `adopting it instead of uploading a copy. This resource now manages it: destroying the resource deletes that certificate.`,
    );
    return { certificate: existing, adopted: true };
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
    throw await failedCreate(ctx, props, latest, adopted, `${status}${failure}`, ctx.now() - started);
}

async function failedCreate(
    ctx: OperationContext,
    props: Record<string, unknown>,
    /** The certificate as last read (or as uploaded). */
    certificate: HostnameCertificateWire,
    adopted: boolean,
    status: string,
    elapsedMs: number,
): Promise<Error> {
    const inputs = props as unknown as HostnameCertificateInputs;
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
        return new PartialCreateError(message, certificate.id, { __provider: props.__provider, ...toOutputs(certificate, inputs) });
    }
}
