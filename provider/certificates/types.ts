/** The resource's plain input and output shapes, shared by the provider and the SDK class. */
import type { CertificateStatus } from "../client/hostnameCertificates";
import { IMPORT_KEY } from "../runtime/adoption";
import { URN_KEY } from "../runtime/progress";

export type { CertificateStatus };

/** `pulumi-nodejs:dynamic/<module>:<type>`: what policies and state see. */
export const TYPE_TOKEN = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Resource inputs after Pulumi resolved them. */
export interface HostnameCertificateInputs {
    /** The zone's ID: 32 lowercase hexadecimal characters. */
    readonly zoneId: string;
    /** PEM: the leaf certificate, optionally followed by its CA certificates. */
    readonly certificate: string;
    /** PEM private key of the leaf certificate (a secret). Unknown in a preview (see `privateKeyFingerprint`). */
    readonly privateKey: string;
    /**
     * SHA-256 of the key's public half (SPKI DER, lowercase hex); not a secret. `HostnameCertificate`
     * sends it with the key. In a preview the SDK sends the key as unknown, so nothing in the preview
     * can echo it, and this stands in for it; whenever the key is known, the key's own fingerprint counts.
     */
    readonly privateKeyFingerprint?: string;
    /** How long create waits for `active`, e.g. "10m". */
    readonly createTimeout?: string;
    /** How long delete waits for the certificate to be gone, e.g. "10m". */
    readonly deleteTimeout?: string;
    /** The resource's URN, set by the SDK so status lines reach the resource's row; diff ignores it. */
    readonly __urn?: string;
    /**
     * The `import` resource option, set by the SDK (`../runtime/adoption.ts`): the id of the
     * certificate already in the zone that create adopts, after checking it is the one declared,
     * instead of uploading. Diff ignores it; it never reaches the outputs.
     */
    readonly __import?: string;
}

/**
 * Resource outputs: the inputs, except the private key, plus what Cloudflare reports. The key stays
 * out of the outputs because Pulumi logs every resource's outputs at debug level, secrets included;
 * its fingerprint is enough to tell whether it changed.
 */
export interface HostnameCertificateOutputs extends Omit<HostnameCertificateInputs, "privateKey" | "privateKeyFingerprint" | "__import"> {
    /** SHA-256 of the private key's public half (lowercase hex): what diff compares a new key with. */
    readonly privateKeyFingerprint: string;
    /** Cloudflare's certificate ID (a UUID); also the resource ID. */
    readonly certificateId: string;
    readonly status: CertificateStatus;
    readonly issuer: string;
    readonly serialNumber: string;
    /** Signature algorithm as Cloudflare names it, e.g. "SHA256WithRSA". */
    readonly signature: string;
    /** RFC 3339 time the certificate expires. */
    readonly expiresOn: string;
    /** RFC 3339 time it was uploaded. */
    readonly uploadedOn: string;
}

/** The input property names, in the order the provider returns them. */
export const INPUT_NAMES = ["zoneId", "certificate", "privateKey", "privateKeyFingerprint", "createTimeout", "deleteTimeout", URN_KEY, IMPORT_KEY] as const;

/** True for the engine's placeholder for an unknown value. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}
