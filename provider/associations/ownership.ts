/**
 * Whose a hostname's association is. A create takes over an association the hostname already has
 * (with another certificate, or the same one enabled or disabled differently, or exactly the one
 * declared) only when it can show it is this resource's: the `import` resource option names it, or
 * the recovery switch does (`../runtime/adoption.ts`). Otherwise it fails before any write
 * (`AssociationExistsError`). What create writes itself is its own from then on, through the
 * client's retries of the same PUT (a PUT whose answer was lost), within the same operation.
 *
 * An update PUTs only while the hostname uses a certificate the resource knows it by (the one it set,
 * the one a refresh recorded and the preview showed, or the one declared), so it never moves back a
 * hostname someone moved since without the user seeing it.
 *
 * Delete voids only what the resource manages: the association while the hostname still uses the
 * certificate this resource last set (`managedCertificateId`), never one someone else made since.
 */
import { AssociationExistsError, AssociationMovedError, ImportError } from "../client/errors";
import { hostnamesPath } from "../client/hostnameCertificates";
import type { HostnameAssociationWire } from "../client/wire";
import type { AssociationOwnership, HostnameAssociationInputs } from "../contract";
import { mayAdoptHostname } from "../runtime/adoption";
import type { OperationContext } from "../runtime/context";
import { formatElapsed } from "../core/duration";
import { isActiveWith, isGone, type ObservedAssociation, observeAssociation, readTolerantly, waitForAssociation } from "./status";
import { effectiveEnabled, storedOwner } from "./types";

/** True when the hostname has an association (not none, `deleted`, or voided). */
export function isAssociated(observed: ObservedAssociation): observed is HostnameAssociationWire {
    return !isGone(observed) && observed.enabled !== null;
}

/**
 * What a create may do with the hostname as read: `created` when it is free, `adopted` when the
 * recovery switch names it (with a warning); otherwise throws `AssociationExistsError`, nothing changed.
 */
export function claimHostname(ctx: OperationContext, inputs: HostnameAssociationInputs, existing: ObservedAssociation): AssociationOwnership {
    if (!isAssociated(existing)) return "created";
    const { zoneId, hostname } = inputs;
    if (!mayAdoptHostname(ctx.adoption, hostname)) throw new AssociationExistsError(zoneId, existing, "GET", `${hostnamesPath(zoneId)}/${hostname}`);
    const to = existing.cert_id === inputs.certificateId ? "" : `, and moving it to certificate ${inputs.certificateId}`;
    ctx.progress.warn(
        `HostnameAssociation: adopting the association of hostname ${hostname} with certificate ${existing.cert_id} (${existing.status}, enabled: ${existing.enabled}) ` +
            `already in zone ${zoneId}${to}, as cloudflare:adoptExisting (CLOUDFLARE_ADOPT_EXISTING) allows. This resource now manages it: ` +
            `destroying the resource voids the association. Unset the switch once the stack has recovered.`,
    );
    return "adopted";
}

function importFailure(inputs: HostnameAssociationInputs, problem: string): ImportError {
    const { zoneId, hostname } = inputs;
    return new ImportError(zoneId, hostname, `HostnameAssociation ${hostname}: ${problem}`, "GET", `${hostnamesPath(zoneId)}/${hostname}`);
}

/**
 * The `import` option: adopts exactly the association the hostname has, once it is shown to be the
 * one declared (this certificate, this `enabled`) and active; waits (within the deadline) while it
 * deploys. Throws `ImportError` otherwise, having changed nothing.
 */
export async function importAssociation(
    ctx: OperationContext,
    inputs: HostnameAssociationInputs,
    existing: ObservedAssociation,
    deadline: number,
    started: number,
): Promise<ObservedAssociation> {
    const { zoneId, hostname, certificateId } = inputs;
    const enabled = effectiveEnabled(inputs.enabled);
    if (!isAssociated(existing)) {
        throw importFailure(
            inputs,
            `the \`import\` option names hostname ${hostname}, which has no association in zone ${zoneId} (Cloudflare: not found). ` +
                `Check the hostname and the zoneId; to create the association instead, remove the \`import\` option.`,
        );
    }
    if (existing.cert_id !== certificateId || existing.enabled !== enabled) {
        throw importFailure(
            inputs,
            `hostname ${hostname} in zone ${zoneId} is associated with certificate ${existing.cert_id} (${existing.cert_status ?? "status not reported"}) ` +
                `and ${existing.enabled === false ? "disabled" : "enabled"}, but the resource declares certificate ${certificateId} and ${enabled ? "enabled" : "disabled"}. ` +
                `Import declares what is there: declare certificateId ${existing.cert_id}${existing.enabled === false ? " and enabled: false" : ""} ` +
                `(the HostnameCertificate that manages it, imported too if need be), then change it with a later \`pulumi up\`.`,
        );
    }
    let last: ObservedAssociation = existing;
    if (!isActiveWith(last, certificateId, enabled) && last.status === "pending_deployment") {
        const until = (o: ObservedAssociation) => isActiveWith(o, certificateId, enabled) || o.status !== "pending_deployment";
        last = (await waitForAssociation(ctx, { zoneId, hostname, deadline, until, initial: last, started })).value;
    }
    if (!isActiveWith(last, certificateId, enabled)) {
        throw importFailure(
            inputs,
            `the association of hostname ${hostname} with certificate ${certificateId} is ${last.status ?? "in an unreported status"}, not active, ` +
                `after ${formatElapsed(ctx.now() - started)}, so it was not imported: run \`pulumi up\` again once it is active, or raise createTimeout.`,
        );
    }
    ctx.progress.warn(
        `HostnameAssociation: imported the association of hostname ${hostname} with certificate ${certificateId} (the \`import\` resource option). ` +
            `This resource now manages it: destroying the resource voids the association. Remove the \`import\` option from the program now; that changes nothing.`,
    );
    return last;
}

/**
 * Before an update's PUT: the hostname must use the certificate this resource set
 * (`managedCertificateId`), the one state last recorded (a refresh records a move as drift, which the
 * preview then showed), or the one declared; or have no association. Otherwise someone moved it
 * since, unseen: throws `AssociationMovedError`, having changed nothing.
 */
export async function requireUnmoved(
    ctx: OperationContext,
    olds: Parameters<typeof storedOwner>[0],
    inputs: HostnameAssociationInputs,
    deadline: number,
): Promise<void> {
    const { zoneId, hostname } = inputs;
    const read = () => observeAssociation(ctx, zoneId, hostname, deadline);
    const observed = await readTolerantly(ctx, `HostnameAssociation ${hostname}`, deadline, read);
    if (!isAssociated(observed)) return;
    const { managedCertificateId } = storedOwner(olds);
    if ([managedCertificateId, olds.certificateId, inputs.certificateId].includes(observed.cert_id)) return;
    throw new AssociationMovedError(zoneId, observed, managedCertificateId, "GET", `${hostnamesPath(zoneId)}/${hostname}`);
}
