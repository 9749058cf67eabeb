/**
 * Create and update: check that the certificate is active, PUT the association (batched with the
 * zone's other changes of the moment), then wait until Cloudflare reports it `active` with that
 * certificate. The certificate check comes first, so a hostname is never moved onto a certificate
 * that cannot serve it yet. A create then reads the hostname: an association it already has is taken
 * over only through the `import` option or the recovery switch (`./ownership.ts`), so a create never
 * moves a hostname away from another stack. If the association does not become active in time, the error carries
 * the resource's ID and outputs: Pulumi keeps it in state (a later `up` resumes waiting, a destroy
 * voids it) instead of losing track of it.
 */
import type { HostnameAssociationWire } from "../client/wire";
import { ASSOCIATION_INPUT_NAMES, DEPLOYING_STATUSES, type HostnameAssociationInputs, type HostnameAssociationOutputs, IMPORT_KEY } from "../contract";
import type { OperationContext } from "../runtime/context";
import { ResourceInitError } from "../runtime/initError";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
import { progressLine, shortId } from "../runtime/progress";
import { observe, waitFor } from "../certificates/status";
import { pickInputs } from "../runtime/inputs";
import { putHostnameConfig } from "./batch";
import { associationConfigChanged } from "./diff";
import { claimHostname, importAssociation, requireUnmoved } from "./ownership";
import { associationProgressLine, isActiveWith, type ObservedAssociation, observeAssociation, readTolerantly, waitForAssociation } from "./status";
import { associationId, effectiveEnabled, storedOwner } from "./types";

/** Thrown when the PUT went through but the association did not become active: a partial create or update. */
export class AssociationNotActiveError extends ResourceInitError {
    override readonly name = "AssociationNotActiveError";
}

/** Whose the association is, as outputs record it (see `./ownership.ts`). */
export type Owner = Pick<HostnameAssociationOutputs, "ownership" | "managedCertificateId">;

/** Outputs from what Cloudflare reports, plus the inputs (not the `import` option) and who manages it. */
export function associationOutputs(observed: ObservedAssociation, inputs: HostnameAssociationInputs, owner: Owner): HostnameAssociationOutputs {
    const { [IMPORT_KEY]: _import, ...picked } = pickInputs<HostnameAssociationInputs>(inputs, ASSOCIATION_INPUT_NAMES);
    const wire: Partial<HostnameAssociationWire> = observed.status === "removed" ? {} : observed;
    return {
        ...picked,
        certificateId: wire.cert_id ?? picked.certificateId,
        enabled: typeof wire.enabled === "boolean" ? wire.enabled : effectiveEnabled(picked.enabled),
        status: wire.status ?? "",
        certStatus: wire.cert_status ?? "",
        expiresOn: wire.expires_on ?? "",
        ownership: owner.ownership,
        managedCertificateId: owner.managedCertificateId,
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
async function putAndWait(
    ctx: OperationContext,
    inputs: HostnameAssociationInputs,
    started: number,
    deadline: number,
    ownership: Owner["ownership"],
): Promise<HostnameAssociationOutputs> {
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
    // From the PUT on, the association is this resource's: its own write, whatever the client's retries of it.
    const owner = { ownership, managedCertificateId: certificateId };
    if (isActiveWith(last, certificateId, enabled)) return associationOutputs(last, inputs, owner);
    const status = last.status === "removed" ? "not found" : (last.status ?? "unknown");
    const message =
        `HostnameAssociation ${hostname} → certificate ${certificateId} did not become active: last status ${status}${failure} ` +
        `after ${formatElapsed(ctx.now() - started)} (createTimeout ${inputs.createTimeout ?? DEFAULT_CREATE_TIMEOUT}). ` +
        `Pulumi keeps it in the stack's state: run \`pulumi up\` again to keep waiting (or raise createTimeout), or \`pulumi destroy\` to void it.`;
    const outputs = { ...associationOutputs(last, inputs, owner), certificateId, enabled };
    throw new AssociationNotActiveError(message, associationId(zoneId, hostname), { ...inputs, ...outputs });
}

/**
 * Create: certificate active → read the hostname → PUT → wait. An association the hostname already
 * has is taken over only through the `import` option or the recovery switch (`./ownership.ts`).
 */
export async function createAssociation(ctx: OperationContext, inputs: HostnameAssociationInputs): Promise<HostnameAssociationOutputs> {
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    await requireActiveCertificate(ctx, inputs, deadline, started);
    const read = () => observeAssociation(ctx, inputs.zoneId, inputs.hostname, deadline);
    const existing = await readTolerantly(ctx, `HostnameAssociation ${inputs.hostname}`, deadline, read);
    if (inputs[IMPORT_KEY] !== undefined) {
        const imported = await importAssociation(ctx, inputs, existing, deadline, started);
        return associationOutputs(imported, inputs, { ownership: "imported", managedCertificateId: inputs.certificateId });
    }
    const ownership = claimHostname(ctx, inputs, existing);
    if (ownership === "adopted" && isActiveWith(existing, inputs.certificateId, effectiveEnabled(inputs.enabled))) {
        return associationOutputs(existing, inputs, { ownership, managedCertificateId: inputs.certificateId });
    }
    return putAndWait(ctx, inputs, started, deadline, ownership);
}

/**
 * Update: a timeout-only change makes no API call. Otherwise (another certificate, `enabled`, or an
 * earlier wait that did not finish) read the hostname, which must not have been moved elsewhere unseen
 * (`requireUnmoved`), then PUT and wait, bounded by createTimeout.
 */
export async function updateAssociation(ctx: OperationContext, olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): Promise<HostnameAssociationOutputs> {
    const { [IMPORT_KEY]: _import, ...inputs } = pickInputs<HostnameAssociationInputs>(news, ASSOCIATION_INPUT_NAMES);
    if (!associationConfigChanged(olds, news) && olds.status === "active") {
        const kept = { status: olds.status, certStatus: olds.certStatus ?? "", expiresOn: olds.expiresOn ?? "", ...storedOwner(olds) };
        return { ...inputs, enabled: effectiveEnabled(inputs.enabled), ...kept };
    }
    const started = ctx.now();
    const deadline = started + timeoutMs(inputs.createTimeout, DEFAULT_CREATE_TIMEOUT);
    if (olds.certificateId !== inputs.certificateId) {
        await requireActiveCertificate(ctx, inputs, deadline, started);
        const from = typeof olds.certificateId === "string" ? shortId(olds.certificateId) : "none";
        ctx.progress.log(`HostnameAssociation ${inputs.hostname}: moving from certificate ${from} to ${shortId(inputs.certificateId)}`);
    }
    await requireUnmoved(ctx, olds, inputs, deadline);
    return putAndWait(ctx, inputs, started, deadline, storedOwner(olds).ownership);
}
