/** How a `HostnameAssociation` is named and what its `enabled` means; its shapes are in `../contract`. */

/** The resource ID: `<zoneId>/<hostname>`, the same form Terraform imports. */
export function associationId(zoneId: string, hostname: string): string {
    return `${zoneId}/${hostname}`;
}

/** `enabled` as it takes effect: anything but `false` (unset included) means enabled. */
export function effectiveEnabled(enabled: unknown): boolean {
    return enabled !== false;
}
