/** How a `HostnameAssociation` is named, what its `enabled` means and who manages it as stored; its shapes are in `../contract`. */
import type { AssociationOwnership } from "../contract";

/** The resource ID: `<zoneId>/<hostname>`, the same form Terraform imports. */
export function associationId(zoneId: string, hostname: string): string {
    return `${zoneId}/${hostname}`;
}

/** `enabled` as it takes effect: anything but `false` (unset included) means enabled. */
export function effectiveEnabled(enabled: unknown): boolean {
    return enabled !== false;
}

/** Who manages the association as stored: outputs written before these were recorded fall back to the stored `certificateId`. */
export function storedOwner(props: { readonly ownership?: unknown; readonly managedCertificateId?: unknown; readonly certificateId?: unknown }): {
    ownership: AssociationOwnership;
    managedCertificateId: string;
} {
    const ownership = typeof props.ownership === "string" && props.ownership !== "" ? (props.ownership as AssociationOwnership) : "unrecorded";
    const managed = typeof props.managedCertificateId === "string" && props.managedCertificateId !== "" ? props.managedCertificateId : props.certificateId;
    return { ownership, managedCertificateId: typeof managed === "string" ? managed : "" };
}
