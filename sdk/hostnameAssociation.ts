/**
 * `HostnameAssociation`: a per-hostname Authenticated Origin Pulls certificate put to use on one
 * hostname.
 */
import * as pulumi from "@pulumi/pulumi";
import { type AssociationOwnership, type CertificateStatus, HOSTNAME_ASSOCIATION_TYPE, IMPORT_KEY, PROVIDER_KEY, URN_KEY } from "../provider/contract";
import { providerModule } from "./providerModule";

/**
 * The arguments of a {@link HostnameAssociation}.
 *
 * @example
 * const args: HostnameAssociationArgs = {
 *     zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *     hostname: "api.example.com",
 *     certificateId: cert.certificateId,
 * };
 */
export interface HostnameAssociationArgs {
    /**
     * The zone's ID: 32 lowercase hexadecimal characters, from the zone's Overview page. The same
     * zone as the certificate. Changing it replaces the association.
     * @example "023e105f4ecef8ad9ca31a8372d0c353"
     */
    readonly zoneId: pulumi.Input<string>;
    /**
     * The hostname whose requests to your origin present the certificate: a DNS name in the zone,
     * lowercase, without a trailing dot, at most 255 characters. A leading `*.` wildcard is passed
     * to Cloudflare as is. Changing it replaces the association (the new one is created first).
     * @example "api.example.com"
     */
    readonly hostname: pulumi.Input<string>;
    /**
     * The certificate to present: a {@link HostnameCertificate}'s `certificateId` (or `id`). Pass
     * the output, not a copied string, so Pulumi orders the work: on rotation the new certificate
     * is active before the association moves to it, and the old one is deleted only after.
     * Changing it moves the association in place.
     * @example cert.certificateId
     */
    readonly certificateId: pulumi.Input<string>;
    /**
     * `false` keeps the association but stops presenting the certificate (the certificate stays
     * locked: Cloudflare refuses to delete it until the association is removed). To remove the
     * association, delete the resource. Changing it updates in place.
     * @default true
     * @example false
     */
    readonly enabled?: pulumi.Input<boolean>;
    /**
     * How long create and update wait for the association to be `active`, e.g. "90s", "5m", "1h".
     * Changing it makes no API call.
     * @default "10m"
     * @example "5m"
     */
    readonly createTimeout?: pulumi.Input<string>;
    /**
     * How long delete waits for the voided association to be gone, e.g. "90s", "5m", "1h".
     * Changing it makes no API call.
     * @default "10m"
     * @example "5m"
     */
    readonly deleteTimeout?: pulumi.Input<string>;
}

/**
 * Associates a per-hostname client certificate with a hostname, so Cloudflare presents it on
 * requests for that hostname to your origin. A certificate does nothing until it is associated.
 *
 * - Creating or updating sends one PUT and waits until Cloudflare reports the association `active`.
 *   It first checks that the certificate is `active`, so a hostname is never moved onto a
 *   certificate that cannot serve it yet.
 * - Deleting voids the association (`enabled: null`, which is what releases the certificate;
 *   `enabled: false` does not) and waits until it is gone, so the certificate can be deleted next.
 *   A certificate that is already deleted counts as done.
 * - Refreshing reads the live association: one that is gone drops out of state, and a changed
 *   certificate or `enabled` shows as a diff on the next preview.
 *
 * A hostname that already has an association is never taken over by a create: it fails, naming the
 * hostname and the certificate it uses, before anything changes. To bring an association made outside
 * Pulumi under this resource, give the hostname as the `import` resource option, declaring the
 * certificate it uses: the create checks it and adopts it without a PUT. Then remove the option; that
 * changes nothing. Deleting voids the association only while the hostname still uses the certificate
 * this resource set (see `managedCertificateId`).
 *
 * The resource ID is `<zoneId>/<hostname>`. Credentials and endpoint are the same as for
 * {@link HostnameCertificate}: `cloudflare:*` stack config or `CLOUDFLARE_*` environment variables,
 * read when the provider runs and never part of the resource's state.
 *
 * @example
 * import * as fs from "node:fs";
 * import * as pulumi from "@pulumi/pulumi";
 * import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";
 *
 * const config = new pulumi.Config();
 * const zoneId = "023e105f4ecef8ad9ca31a8372d0c353";
 * const cert = new HostnameCertificate("origin", {
 *     zoneId,
 *     certificate: fs.readFileSync("client.pem", "utf8"),
 *     privateKey: config.requireSecret("clientKey"),
 * });
 * const api = new HostnameAssociation("api", { zoneId, hostname: "api.example.com", certificateId: cert.certificateId });
 * export const apiStatus = api.status; // "active"
 *
 * @example
 * // Moving an association made outside Pulumi into the stack: once `pulumi up` has run, remove `import`.
 * new HostnameAssociation("app", { zoneId, hostname: "app.example.com", certificateId: cert.certificateId }, { import: "app.example.com" });
 */
export class HostnameAssociation extends pulumi.CustomResource {
    /**
     * The resource type token, what policies and state see.
     * @example "pulumi-nodejs:dynamic/cloudflare:HostnameAssociation"
     */
    static readonly __pulumiType = HOSTNAME_ASSOCIATION_TYPE;

    /**
     * The association's deployment status; `active` once create or update succeeds.
     * @example "active"
     */
    declare readonly status: pulumi.Output<CertificateStatus | "">;
    /**
     * The associated certificate's status, as Cloudflare reports it with the association.
     * @example "active"
     */
    declare readonly certStatus: pulumi.Output<CertificateStatus | "">;
    /**
     * When the associated certificate expires (RFC 3339).
     * @example "2027-01-01T00:00:00Z"
     */
    declare readonly expiresOn: pulumi.Output<string>;
    /**
     * The zone's ID.
     * @example "023e105f4ecef8ad9ca31a8372d0c353"
     */
    declare readonly zoneId: pulumi.Output<string>;
    /**
     * The hostname.
     * @example "api.example.com"
     */
    declare readonly hostname: pulumi.Output<string>;
    /**
     * The associated certificate's ID; after a refresh, the one Cloudflare reports.
     * @example "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60"
     */
    declare readonly certificateId: pulumi.Output<string>;
    /**
     * How the association came to be this resource's: `created` by its own PUT, `imported` (the
     * `import` option), `adopted` (the recovery switch), or `unrecorded` (state of an earlier version).
     * @example "created"
     */
    declare readonly ownership: pulumi.Output<AssociationOwnership>;
    /**
     * The certificate this resource last set on the hostname. A refresh may show another
     * `certificateId` (the hostname moved elsewhere); delete voids the association only while the
     * hostname still uses this one, and otherwise leaves it, with a warning.
     * @example "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60"
     */
    declare readonly managedCertificateId: pulumi.Output<string>;
    /**
     * Whether the certificate is presented; after a refresh, what Cloudflare reports.
     * @default true
     * @example true
     */
    declare readonly enabled: pulumi.Output<boolean>;

    /**
     * True when `obj` is a HostnameAssociation (also across copies of this package).
     * @example HostnameAssociation.isInstance(resource)
     */
    static override isInstance(obj: unknown): obj is HostnameAssociation {
        return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === HOSTNAME_ASSOCIATION_TYPE;
    }

    /**
     * @param name The resource's unique name in the stack.
     * @param args The zone, the hostname and the certificate.
     * @param opts Resource options. `import` (the hostname) adopts its existing association instead of
     * making one; it is passed to the provider, not to Pulumi.
     * @example new HostnameAssociation("api", { zoneId, hostname: "api.example.com", certificateId: cert.certificateId })
     */
    constructor(name: string, args: HostnameAssociationArgs, opts?: pulumi.CustomResourceOptions) {
        const { import: importId, ...rest } = opts ?? {};
        const props = {
            zoneId: args.zoneId,
            hostname: args.hostname,
            certificateId: args.certificateId,
            enabled: args.enabled,
            createTimeout: args.createTimeout,
            deleteTimeout: args.deleteTimeout,
            // Outputs must be named here, or Pulumi never fills the declared properties.
            status: undefined,
            certStatus: undefined,
            expiresOn: undefined,
            ownership: undefined,
            managedCertificateId: undefined,
            [PROVIDER_KEY]: providerModule("hostnameAssociationProvider"),
            // So the provider can put its status lines on this resource's row (see provider/runtime/progress.ts).
            [URN_KEY]: pulumi.createUrn(name, HOSTNAME_ASSOCIATION_TYPE, opts?.parent),
            // Pulumi's own import cannot read a dynamic resource (pulumi/pulumi#3550): create adopts the association instead.
            [IMPORT_KEY]: importId,
        };
        super(HOSTNAME_ASSOCIATION_TYPE, name, props, rest);
    }
}
