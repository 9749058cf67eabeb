/**
 * What the certificate provider's diff decided about a certificate, for the association provider in
 * the same process to read: a certificate replaced by one with the same leaf (only the chain changed)
 * must be deleted before its replacement is uploaded. Both providers run in the one dynamic-provider
 * process of a deployment, and the engine calls the certificate's diff before it asks the dependents'
 * diffs whether they must be replaced too; the set lives on `globalThis` so two copies of this package
 * loaded side by side share it.
 */

const KEY = Symbol.for("pulumi-cloudflare-hostname-certificates.deleteFirstReplacements");

function registry(): Set<string> {
    const holder = globalThis as typeof globalThis & { [KEY]?: Set<string> };
    holder[KEY] ??= new Set<string>();
    return holder[KEY];
}

/** Notes that the certificate with this id is being replaced delete-first in this deployment. */
export function noteDeleteFirstReplacement(certificateId: string): void {
    registry().add(certificateId);
}

/** True when this deployment replaces the certificate with this id delete-first. */
export function isDeleteFirstReplacement(certificateId: string): boolean {
    return registry().has(certificateId);
}
