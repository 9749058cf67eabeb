/**
 * Create and update: check that the certificate is active, PUT the association (batched with the
 * zone's other changes of the moment), then wait until Cloudflare reports it `active` with that
 * certificate. The certificate check comes first, so a hostname is never moved onto a certificate
 * that cannot serve it yet. If the association does not become active in time, the error carries
 * the resource's ID and outputs: Pulumi keeps it in state (a later `up` resumes waiting, a destroy
 * voids it) instead of losing track of it.
 */
import type { HostnameAssociationWire } from "../client/wire";
import { ASSOCIATION_INPUT_NAMES, DEPLOYING_STATUSES, type HostnameAssociationInputs, type HostnameAssociationOutputs } from "../contract";
import type { OperationContext } from "../runtime/context";
import { ResourceInitError } from "../runtime/initError";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
import { progressLine, shortId } from "../runtime/progress";
import { observe, waitFor } from "../certificates/status";
import { pickInputs } from "../runtime/inputs";
import { putHostnameConfig } from "./batch";
import { associationConfigChanged } from "./diff";
import { associationProgressLine, isActiveWith, isGone, type ObservedAssociation, observeAssociation, readTolerantly, waitForAssociation } from "./status";
import { associationId, effectiveEnabled } from "./types";

/** Thrown when the PUT went through but the association did not become active: a partial create or update. */
export class AssociationNotActiveError extends ResourceInitError {
    override readonly name = "AssociationNotActiveError";
}

/** Outputs from what Cloudflare reports, plus the inputs. */
export function associationOutputs(observed: ObservedAssociation, inputs: HostnameAssociationInputs): HostnameAssociationOutputs {
    const picked = pickInputs<HostnameAssociationInputs>(inputs, ASSOCIATION_INPUT_NAMES);
    const wire: Partial<HostnameAssociationWire> = observed.status === "removed" ? {} : observed;
    return {
        ...picked,
        certificateId: wire.cert_id ?? picked.certificateId,
        enabled: typeof wire.enabled === "boolean" ? wire.enabled : effectiveEnabled(picked.enabled),
        status: wire.status ?? "",
        certStatus: wire.cert_status ?? "",
        expiresOn: wire.expires_on ?? "",
    };
}

/** Waits (within the deadline) while the certificate deploys; throws, before anything changes, unless it ends up active. */
async function requireActiveCertificate(ctx: OperationContext, inputs: HostnameAssociationInputs, deadline: number, started: number): Promise<void> {
    const { zoneId, hostname, certificateId } = inputs;
    const read = () => observe(ctx, zoneId, certificateId, deadline);
    let status = (await readTolerantly(ctx, `HostnameCertificate ${shortId(certificateId)}`, deadline, read)).status;
    if (DEPLOYING_STATUSES.has(status)) {
        ctx.progress.report(progressLine(certificateId, status, ctx.now() - started));
        const result = await waitFor(ctx, { zoneId, id: certificateId, deadline, until: (s) => !DEPLOYING_STATUSES.has(s), initial: status, started });
        status = result.value.status;
    }
    if (status === "active") return;
    const left = `so hostname ${hostname} was left as it was`;
    if (status === "removed") {
        throw new Error(
            `HostnameAssociation ${hostname}: certificate ${certificateId} does not exist in zone ${zoneId}, ${left}: ` +
                `pass the certificateId of a HostnameCertificate in the same zone.`,
        );
    }
    const advice = DEPLOYING_STATUSES.has(status)
        ? `wait until it is active and run \`pulumi up\` again, or raise createTimeout (${inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT})`
        : "associate a certificate that is active";
    throw new Error(
        `HostnameAssociation ${hostname}: certificate ${certificateId} is ${status}, not active, after ${formatElapsed(ctx.now() - started)}, ` +
            `${left} rather than moved onto a certificate that cannot serve it: ${advice}.`,
    );
}

/** PUTs the association and waits until it is active with this certificate and setting. */
async function putAndWait(ctx: OperationContext, inputs: HostnameAssociationInputs, started: number, deadline: number): Promise<HostnameAssociationOutputs> {
    const { zoneId, hostname, certificateId } = inputs;
    const enabled = effectiveEnabled(inputs.enabled);
    const result = await putHostnameConfig(ctx, zoneId, { hostname, cert_id: certificateId, enabled }, deadline);
    let last: ObservedAssociation = result ?? { hostname, cert_id: certificateId, enabled, status: "pending_deployment" };
    ctx.progress.report(associationProgressLine(last, ctx.now() - started));
    let failure = "";
    if (!isActiveWith(last, certificateId, enabled)) {
        try {
            const until = (o: ObservedAssociation) => isActiveWith(o, certificateId, enabled) || o.status === "deployment_timed_out";
            last = (await waitForAssociation(ctx, { zoneId, hostname, deadline, until, initial: last, started })).value;
        } catch (error) {
            failure = ` (then reading its status failed: ${ctx.redact((error as Error).message)})`;
        }
    }
    if (isActiveWith(last, certificateId, enabled)) return associationOutputs(last, inputs);
    const status = last.status === "removed" ? "not found" : (last.status ?? "unknown");
    const message =
        `HostnameAssociation ${hostname} → certificate ${certificateId} did not become active: last status ${status}${failure} ` +
        `after ${formatElapsed(ctx.now() - started)} (createTimeout ${inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT}). ` +
        `Pulumi keeps it in the stack's state: run \`pulumi up\` again to keep waiting (or raise createTimeout), or \`pulumi destroy\` to void it.`;
    const outputs = { ...associationOutputs(last, inputs), certificateId, enabled };
    throw new AssociationNotActiveError(message, associationId(zoneId, hostname), { ...inputs, ...outputs });
}

/** Tells the user when the hostname already had an association; returns true when it is already exactly the one wanted. */
function noteExisting(ctx: OperationContext, inputs: HostnameAssociationInputs, existing: ObservedAssociation): boolean {
    if (isGone(existing)) return false;
    const enabled = effectiveEnabled(inputs.enabled);
    const manages = "This resource now manages it: destroying the resource voids the association";
    if (existing.cert_id === inputs.certificateId && existing.enabled === enabled) {
        ctx.progress.warn(`HostnameAssociation: hostname ${inputs.hostname} is already associated with certificate ${inputs.certificateId}; adopting it. ${manages}.`);
        return existing.status === "active";
    }
    ctx.progress.warn(
        `HostnameAssociation: hostname ${inputs.hostname} was associated with certificate ${existing.cert_id} (enabled: ${existing.enabled}); ` +
            `moving it to certificate ${inputs.certificateId}. ${manages}, and does not restore the previous one.`,
    );
    return false;
}

/** Create: certificate active → PUT (unless the hostname already has exactly this association) → wait. */
export async function createAssociation(ctx: OperationContext, inputs: HostnameAssociationInputs): Promise<HostnameAssociationOutputs> {
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    await requireActiveCertificate(ctx, inputs, deadline, started);
    const read = () => observeAssociation(ctx, inputs.zoneId, inputs.hostname, deadline);
    const existing = await readTolerantly(ctx, `HostnameAssociation ${inputs.hostname}`, deadline, read);
    if (noteExisting(ctx, inputs, existing)) return associationOutputs(existing, inputs);
    return putAndWait(ctx, inputs, started, deadline);
}

/**
 * Update: a timeout-only change makes no API call. Otherwise (another certificate, `enabled`, or an
 * earlier wait that did not finish) PUT and wait, bounded by createTimeout.
 */
export async function updateAssociation(ctx: OperationContext, olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): Promise<HostnameAssociationOutputs> {
    const inputs = pickInputs<HostnameAssociationInputs>(news, ASSOCIATION_INPUT_NAMES);
    if (!associationConfigChanged(olds, news) && olds.status === "active") {
        return { ...inputs, enabled: effectiveEnabled(inputs.enabled), status: olds.status, certStatus: olds.certStatus ?? "", expiresOn: olds.expiresOn ?? "" };
    }
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    if (olds.certificateId !== inputs.certificateId) {
        await requireActiveCertificate(ctx, inputs, deadline, started);
        const from = typeof olds.certificateId === "string" ? shortId(olds.certificateId) : "none";
        ctx.progress.log(`HostnameAssociation ${inputs.hostname}: moving from certificate ${from} to ${shortId(inputs.certificateId)}`);
    }
    return putAndWait(ctx, news, started, deadline);
}
