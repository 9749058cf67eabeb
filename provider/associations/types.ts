/** The `HostnameAssociation` resource's plain input and output shapes, shared by the provider and the SDK. */
import type { CertificateStatus } from "../client/hostnameCertificates";
import { IMPORT_KEY } from "../runtime/adoption";
import { URN_KEY } from "../runtime/progress";

/** `pulumi-nodejs:dynamic/<module>:<type>`: what policies and state see. */
export const ASSOCIATION_TYPE_TOKEN = "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation";

/** Resource inputs after Pulumi resolved them. */
export interface HostnameAssociationInputs {
    /** The zone's ID: 32 lowercase hexadecimal characters. */
    readonly zoneId: string;
    /** The hostname whose origin requests present the certificate, e.g. "api.example.com". */
    readonly hostname: string;
    /** The ID (a UUID) of a per-hostname certificate in the same zone. */
    readonly certificateId: string;
    /** `false` keeps the association but stops presenting the certificate. @default true */
    readonly enabled?: boolean;
    /** How long create and update wait for the association to be `active`, e.g. "10m". */
    readonly createTimeout?: string;
    /** How long delete waits for the voided association to be gone, e.g. "10m". */
    readonly deleteTimeout?: string;
    /** The resource's URN, set by the SDK so status lines reach the resource's row; diff ignores it. */
    readonly __urn?: string;
    /**
     * The `import` resource option, set by the SDK (`../runtime/adoption.ts`): the hostname (or
     * `<zoneId>/<hostname>`) whose existing association create adopts, after checking it is the one
     * declared, instead of making one. Diff ignores it; it never reaches the outputs.
     */
    readonly __import?: string;
}

/**
 * How the association came to be this resource's: `created` by its own PUT, `imported` through the
 * `import` resource option, `adopted` through the recovery switch, or `unrecorded` (state written by
 * a version before this was recorded).
 */
export type AssociationOwnership = "created" | "imported" | "adopted" | "unrecorded";

/** Resource outputs: the inputs (with `enabled` resolved) plus what Cloudflare reports. */
export interface HostnameAssociationOutputs extends HostnameAssociationInputs {
    readonly enabled: boolean;
    /** The association's own deployment status; `active` once create or update succeeds. */
    readonly status: CertificateStatus | "";
    /** The associated certificate's status, as the association reports it. */
    readonly certStatus: CertificateStatus | "";
    /** When the associated certificate expires (RFC 3339). */
    readonly expiresOn: string;
    /** How the association came to be this resource's. */
    readonly ownership: AssociationOwnership;
    /**
     * The certificate this resource last pointed the hostname at (create, update, import or adoption).
     * A refresh may set `certificateId` to whatever the hostname uses now; this stays, and delete voids
     * the association only while the hostname still uses this certificate.
     */
    readonly managedCertificateId: string;
}

/** The input property names, in the order the provider returns them. */
export const ASSOCIATION_INPUT_NAMES = ["zoneId", "hostname", "certificateId", "enabled", "createTimeout", "deleteTimeout", URN_KEY, IMPORT_KEY] as const;

/** The resource ID: `<zoneId>/<hostname>`, the same form Terraform imports. */
export function associationId(zoneId: string, hostname: string): string {
    return `${zoneId}/${hostname}`;
}

/** `enabled` as it takes effect: anything but `false` (unset included) means enabled. */
export function effectiveEnabled(enabled: unknown): boolean {
    return enabled !== false;
}

/** Who manages the association as stored: outputs written before these were recorded fall back to the stored `certificateId`. */
export function storedOwner(props: Record<string, unknown>): { ownership: AssociationOwnership; managedCertificateId: string } {
    const ownership = typeof props.ownership === "string" && props.ownership !== "" ? (props.ownership as AssociationOwnership) : "unrecorded";
    const managed = typeof props.managedCertificateId === "string" && props.managedCertificateId !== "" ? props.managedCertificateId : props.certificateId;
    return { ownership, managedCertificateId: typeof managed === "string" ? managed : "" };
}
