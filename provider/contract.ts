/**
 * The contract between a program (`sdk/`), the providers (`provider/`) and the policy pack
 * (`policy/`): the names, markers, statuses and shapes all three read, each defined here once. What
 * is here is read from state too, so changing a name or a shape breaks existing stacks.
 *
 * Built on `core/` only; the SDK imports nothing else from the provider, so a program never loads the
 * Cloudflare client.
 */
import { keyFingerprintIfValid } from "./core/pem";
import { findPackageRoot, PACKAGE_NAME } from "./core/packageInfo";

export { findPackageRoot, keyFingerprintIfValid, PACKAGE_NAME };

// ---- names ----

/**
 * A `HostnameCertificate`'s type token, `pulumi-nodejs:dynamic/<module>:<type>`: what state and
 * policies (`args.type`) see. Dynamic resources have no class with `__pulumiType` for
 * `validateResourceOfType`, so policies compare this string.
 * @example if (args.type !== HOSTNAME_CERTIFICATE_TYPE) return;
 */
export const HOSTNAME_CERTIFICATE_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameCertificate";

/** A `HostnameAssociation`'s type token (see {@link HOSTNAME_CERTIFICATE_TYPE}). */
export const HOSTNAME_ASSOCIATION_TYPE = "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation";

/**
 * The resource plugin's package (`pulumi-resource-<name>`, config keys `<name>:<key>`) and its type
 * tokens: what programs in every language, `pulumi import`, state and policies name the same two
 * resources by when they go through the plugin (README, "Public contract").
 */
export const PLUGIN_PACKAGE = "cloudflare-hostname-certificates";

/** `HostnameCertificate` as the resource plugin serves it. */
export const PLUGIN_CERTIFICATE_TOKEN = `${PLUGIN_PACKAGE}:index:HostnameCertificate`;

/** `HostnameAssociation` as the resource plugin serves it. */
export const PLUGIN_ASSOCIATION_TOKEN = `${PLUGIN_PACKAGE}:index:HostnameAssociation`;

/** The input that carries the resource's URN (set by the SDK so status lines reach its row; not a secret, ignored by diff). */
export const URN_KEY = "__urn";

/** The property Pulumi's dynamic-provider host reads the provider module from (`sdk/providerModule.ts`). */
export const PROVIDER_KEY = "__provider";

/**
 * The input that carries the `import` resource option (a certificate id, or a hostname) from the SDK
 * to create, which adopts exactly that instead of uploading or associating. Pulumi's own import
 * cannot read a dynamic resource (its provider host needs `__provider`, which an import does not
 * have: pulumi/pulumi#3550), so the SDK leaves the option out of what it passes to Pulumi. Diff
 * ignores this input and no output carries it, so removing the option afterwards changes nothing.
 */
export const IMPORT_KEY = "__import";

/** What `./provider` exports for each resource's `__provider` module to load, by name. */
export type ProviderExport = "hostnameCertificateProvider" | "hostnameAssociationProvider";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the engine's placeholder for an unknown value. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

// ---- statuses ----

/** Status of a certificate or a hostname association (the API's enum). */
export type CertificateStatus =
    | "initializing"
    | "pending_deployment"
    | "pending_deletion"
    | "active"
    | "deleted"
    | "deployment_timed_out"
    | "deletion_timed_out";

/** Still on its way to `active`. */
export const DEPLOYING_STATUSES: ReadonlySet<string> = new Set<CertificateStatus>(["initializing", "pending_deployment"]);

/**
 * On its way out: such a certificate is a tombstone. An upload's twin in it is not ours, a create
 * waits it out, and a refresh reads it as gone.
 */
export const LEAVING_STATUSES: ReadonlySet<string> = new Set<CertificateStatus>(["pending_deletion", "deleted"]);

// ---- shapes ----

/** `HostnameCertificate`'s inputs after Pulumi resolved them. */
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
    /** The provider module's text (`sdk/providerModule.ts`), set by the SDK and read by Pulumi's dynamic-provider host. */
    readonly __provider?: string;
    /**
     * The `import` resource option ({@link IMPORT_KEY}): the id of the certificate already in the zone
     * that create adopts, after checking it is the one declared, instead of uploading.
     */
    readonly __import?: string;
}

/**
 * `HostnameCertificate`'s outputs: the inputs, except the private key, plus what Cloudflare reports.
 * The key stays out of the outputs because Pulumi logs every resource's outputs at debug level,
 * secrets included; its fingerprint is enough to tell whether it changed.
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

/** `HostnameCertificate`'s input property names, in the order the provider returns them. */
export const CERTIFICATE_INPUT_NAMES = ["zoneId", "certificate", "privateKey", "privateKeyFingerprint", "createTimeout", "deleteTimeout", URN_KEY, IMPORT_KEY] as const;

/** `HostnameAssociation`'s inputs after Pulumi resolved them. */
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
    /** The provider module's text (`sdk/providerModule.ts`), set by the SDK and read by Pulumi's dynamic-provider host. */
    readonly __provider?: string;
    /**
     * The `import` resource option ({@link IMPORT_KEY}): the hostname (or `<zoneId>/<hostname>`) whose
     * existing association create adopts, after checking it is the one declared, instead of making one.
     */
    readonly __import?: string;
}

/**
 * How a hostname's association came to be its `HostnameAssociation`'s: `created` by its own PUT,
 * `imported` through the `import` resource option, `adopted` through the recovery switch, or
 * `unrecorded` (state written by a version before this was recorded).
 */
export type AssociationOwnership = "created" | "imported" | "adopted" | "unrecorded";

/** `HostnameAssociation`'s outputs: the inputs (with `enabled` resolved, without `__import`) plus what Cloudflare reports and who manages it. */
export interface HostnameAssociationOutputs extends Omit<HostnameAssociationInputs, "__import"> {
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

/** `HostnameAssociation`'s input property names, in the order the provider returns them. */
export const ASSOCIATION_INPUT_NAMES = ["zoneId", "hostname", "certificateId", "enabled", "createTimeout", "deleteTimeout", URN_KEY, IMPORT_KEY] as const;
