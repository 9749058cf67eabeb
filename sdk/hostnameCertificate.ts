/**
 * `HostnameCertificate`: a Cloudflare per-hostname Authenticated Origin Pulls client certificate.
 */
import * as pulumi from "@pulumi/pulumi";
import { type CertificateStatus, HOSTNAME_CERTIFICATE_TYPE, IMPORT_KEY, PROVIDER_KEY, URN_KEY } from "../provider/contract";
import { privateKeyInputs } from "./privateKey";
import { providerModule } from "./providerModule";

/**
 * The arguments of a {@link HostnameCertificate}.
 *
 * @example
 * const args: HostnameCertificateArgs = {
 *     zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *     certificate: fs.readFileSync("client.pem", "utf8"),
 *     privateKey: config.requireSecret("clientKey"),
 *     createTimeout: "5m",
 * };
 */
export interface HostnameCertificateArgs {
    /**
     * The zone's ID: 32 lowercase hexadecimal characters, from the zone's Overview page.
     * Changing it replaces the certificate.
     */
    readonly zoneId: pulumi.Input<string>;
    /**
     * The client certificate, PEM. One leaf certificate (CA:FALSE), optionally followed by its CA
     * certificates; line endings and wrapping do not matter. Changing the certificate replaces it.
     */
    readonly certificate: pulumi.Input<string>;
    /**
     * The certificate's private key, PEM (PKCS#8, PKCS#1 or SEC1), unencrypted; RSA of 2048 bits or
     * more, or ECDSA P-256/P-384. Always a secret, even when given as a plain string: it is kept only
     * in state's inputs, encrypted, and never among the outputs (see `privateKeyFingerprint`).
     * Compared by fingerprint, so re-encoding the same key changes nothing.
     */
    readonly privateKey: pulumi.Input<string>;
    /**
     * How long creating waits for the certificate to become `active`, e.g. "90s", "5m", "1h".
     * On timeout the uploaded certificate is deleted again. Changing it makes no API call.
     * @default "10m"
     */
    readonly createTimeout?: pulumi.Input<string>;
    /**
     * How long deleting waits for the certificate to be gone, e.g. "90s", "5m", "1h".
     * Changing it makes no API call.
     * @default "10m"
     */
    readonly deleteTimeout?: pulumi.Input<string>;
}

/**
 * A client certificate that Cloudflare presents to your origin for specific hostnames
 * (per-hostname Authenticated Origin Pulls). Creating it uploads the certificate and waits until
 * Cloudflare reports it `active`.
 *
 * Credentials come from the stack config `cloudflare:apiToken` (or `cloudflare:apiKey` with
 * `cloudflare:email`), which wins when complete, or the environment (`CLOUDFLARE_API_TOKEN`, or
 * `CLOUDFLARE_API_KEY` with `CLOUDFLARE_EMAIL`), read when the provider runs; they never appear in
 * the resource's state. The endpoint is
 * `cloudflare:baseUrl` or `CLOUDFLARE_BASE_URL` (default `https://api.cloudflare.com/client/v4`).
 *
 * Deleting fails while a hostname association still uses the certificate: void the association
 * (`enabled: null`) first.
 *
 * To bring a certificate already in the zone (uploaded by hand, a script or Terraform) under this
 * resource, give its id as the `import` resource option, with its PEM and key as the arguments: the
 * create checks that the zone's certificate is the one declared (same fingerprint), waits while it
 * deploys, and adopts it without uploading. Then remove the option; that changes nothing. A wrong
 * id fails naming the id and the zone, and creates nothing. (`pulumi import` cannot import a dynamic
 * resource, pulumi/pulumi#3550; the option is handled here instead.)
 *
 * @example
 * import * as fs from "node:fs";
 * import * as pulumi from "@pulumi/pulumi";
 * import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";
 *
 * const config = new pulumi.Config();
 * const cert = new HostnameCertificate("api-origin", {
 *     zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *     certificate: fs.readFileSync("client.pem", "utf8"),
 *     privateKey: config.requireSecret("clientKey"),
 * });
 * export const status = cert.status; // "active"
 *
 * @example
 * // Moving a certificate uploaded outside Pulumi into the stack: once `pulumi up` has run, remove `import`.
 * const existing = new HostnameCertificate(
 *     "origin",
 *     { zoneId, certificate: fs.readFileSync("client.pem", "utf8"), privateKey: config.requireSecret("clientKey") },
 *     { import: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60" },
 * );
 */
export class HostnameCertificate extends pulumi.CustomResource {
    /** The resource type token: `pulumi-nodejs:dynamic/cloudflare:HostnameCertificate`. */
    static readonly __pulumiType = HOSTNAME_CERTIFICATE_TYPE;

    /** Cloudflare's ID for the certificate (a UUID); also the resource's ID. */
    declare readonly certificateId: pulumi.Output<string>;
    /** Deployment status; `active` once create succeeds. */
    declare readonly status: pulumi.Output<CertificateStatus>;
    /** The certificate's issuer, as Cloudflare reports it. */
    declare readonly issuer: pulumi.Output<string>;
    /** The certificate's serial number. */
    declare readonly serialNumber: pulumi.Output<string>;
    /** The signature algorithm, e.g. "SHA256WithRSA". */
    declare readonly signature: pulumi.Output<string>;
    /** When the certificate expires (RFC 3339). Cloudflare does not remove expired certificates. */
    declare readonly expiresOn: pulumi.Output<string>;
    /** When the certificate was uploaded (RFC 3339). */
    declare readonly uploadedOn: pulumi.Output<string>;
    /** The zone's ID. */
    declare readonly zoneId: pulumi.Output<string>;
    /** The certificate PEM, as given. */
    declare readonly certificate: pulumi.Output<string>;
    /**
     * SHA-256 of the private key's public half (SPKI DER), lowercase hex. Not a secret: it is what
     * the resource keeps instead of the key among its outputs, and what tells a new key from the old.
     * Compare it with `openssl pkey -in key.pem -pubout -outform DER | sha256sum`.
     * @example "5f0c6e3d2a9b8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"
     */
    declare readonly privateKeyFingerprint: pulumi.Output<string>;

    /** True when `obj` is a HostnameCertificate (also across copies of this package). */
    static override isInstance(obj: unknown): obj is HostnameCertificate {
        return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === HOSTNAME_CERTIFICATE_TYPE;
    }

    /**
     * @param name The resource's unique name in the stack.
     * @param args The certificate, its key and the zone.
     * @param opts Resource options; `additionalSecretOutputs: ["privateKey"]` is always added. `import`
     * (a certificate id) adopts that certificate instead of uploading; it is passed to the provider, not to Pulumi.
     */
    constructor(name: string, args: HostnameCertificateArgs, opts?: pulumi.CustomResourceOptions) {
        const { import: importId, ...rest } = opts ?? {};
        const props = {
            zoneId: args.zoneId,
            certificate: args.certificate,
            ...privateKeyInputs(pulumi.secret(args.privateKey)),
            createTimeout: args.createTimeout,
            deleteTimeout: args.deleteTimeout,
            // Outputs must be named here, or Pulumi never fills the declared properties.
            certificateId: undefined,
            status: undefined,
            issuer: undefined,
            serialNumber: undefined,
            signature: undefined,
            expiresOn: undefined,
            uploadedOn: undefined,
            [PROVIDER_KEY]: providerModule("hostnameCertificateProvider"),
            // So the provider can put its status lines on this resource's row (see provider/runtime/progress.ts).
            [URN_KEY]: pulumi.createUrn(name, HOSTNAME_CERTIFICATE_TYPE, opts?.parent),
            // Pulumi's own import cannot read a dynamic resource (pulumi/pulumi#3550): create adopts the certificate instead.
            [IMPORT_KEY]: importId,
        };
        // Nothing the provider returns is named privateKey any more. The option stays: it costs nothing,
        // and should the key ever reach the outputs again, state would still hold it encrypted.
        const options = pulumi.mergeOptions(rest, { additionalSecretOutputs: ["privateKey"] });
        super(HOSTNAME_CERTIFICATE_TYPE, name, props, options);
    }
}
