/**
 * The plugin's Pulumi package schema, built from the typed descriptions below: the one source for
 * `pulumi package get-schema`, the generated SDKs (`scripts/plugin-sdks.mjs`) and the README's snippets.
 * Inputs, outputs, secrets and defaults are the dynamic provider's (`../certificates/types.ts`,
 * `../associations/types.ts`); the provider config carries the same settings as the `cloudflare:*` keys.
 */
import { DEFAULT_BASE_URL } from "../core/credentials";
import { DEFAULT_RATE_LIMIT } from "../client/rateLimiter";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN, PLUGIN_PACKAGE } from "../contract";

interface PropertySpec {
    readonly type: "string" | "boolean";
    readonly description: string;
    readonly default?: string | boolean;
    readonly secret?: boolean;
}

type Properties = Readonly<Record<string, PropertySpec>>;

interface ResourceSpec {
    readonly description: string;
    readonly inputs: Properties;
    readonly requiredInputs: readonly string[];
    /** Outputs beyond the echoed inputs (every input but the secret ones is echoed). */
    readonly computed: Properties;
}

const zoneId: PropertySpec = {
    type: "string",
    description: "The zone's ID: 32 lowercase hexadecimal characters, from the zone's Overview page. Changing it replaces the resource.",
};
const timeout = (what: string): PropertySpec => ({
    type: "string",
    description: `How long ${what}, e.g. "90s", "5m", "1h" (a unit is required). Changing it makes no API call.`,
    default: "10m",
});
const certStatus: PropertySpec = { type: "string", description: "Deployment status as Cloudflare reports it, e.g. \"active\"." };
const expiresOn: PropertySpec = { type: "string", description: "When the certificate expires (RFC 3339). Cloudflare does not remove expired certificates." };

const certificate: ResourceSpec = {
    description:
        "A client certificate that Cloudflare presents to your origin for specific hostnames (per-hostname Authenticated Origin Pulls). " +
        "Creating it uploads the certificate and waits until Cloudflare reports it `active`. " +
        "Import with `pulumi import " + PLUGIN_CERTIFICATE_TOKEN + " <name> <zoneId>/<certificateId>`, then add the private key to the program.",
    inputs: {
        zoneId,
        certificate: {
            type: "string",
            description:
                "The client certificate, PEM: one leaf certificate (CA:FALSE), optionally followed by its CA certificates; line endings and wrapping do not matter. Changing it replaces the certificate.",
        },
        privateKey: {
            type: "string",
            secret: true,
            description:
                "The certificate's private key, PEM (PKCS#8, PKCS#1 or SEC1), unencrypted; RSA of 2048 bits or more, or ECDSA P-256/P-384. Always a secret: kept only in state's inputs, encrypted, and never among the outputs (see privateKeyFingerprint). Compared by fingerprint, so re-encoding the same key changes nothing.",
        },
        createTimeout: timeout("creating waits for the certificate to become `active`; on timeout the uploaded certificate is deleted again"),
        deleteTimeout: timeout("deleting waits for the certificate to be gone"),
    },
    requiredInputs: ["zoneId", "certificate", "privateKey"],
    computed: {
        privateKeyFingerprint: {
            type: "string",
            description: "SHA-256 of the private key's public half (SPKI DER), lowercase hex: what the resource keeps instead of the key, and what tells a new key from the old.",
        },
        certificateId: { type: "string", description: "Cloudflare's ID for the certificate (a UUID); also the resource's ID." },
        status: certStatus,
        issuer: { type: "string", description: "The certificate's issuer, as Cloudflare reports it." },
        serialNumber: { type: "string", description: "The certificate's serial number." },
        signature: { type: "string", description: "The signature algorithm, e.g. \"SHA256WithRSA\"." },
        expiresOn,
        uploadedOn: { type: "string", description: "When the certificate was uploaded (RFC 3339)." },
    },
};

const association: ResourceSpec = {
    description:
        "Makes Cloudflare present a per-hostname certificate to the origin for one hostname, and waits until the association is `active`. " +
        "The ID is `<zoneId>/<hostname>`; import with `pulumi import " + PLUGIN_ASSOCIATION_TOKEN + " <name> <zoneId>/<hostname>`.",
    inputs: {
        zoneId,
        hostname: { type: "string", description: "The hostname whose origin requests present the certificate, e.g. \"api.example.com\". Changing it replaces the association." },
        certificateId: { type: "string", description: "The ID (a UUID) of a per-hostname certificate in the same zone. Changing it moves the association in place." },
        enabled: { type: "boolean", description: "`false` keeps the association but stops presenting the certificate.", default: true },
        createTimeout: timeout("creating and updating wait for the association to be `active`"),
        deleteTimeout: timeout("deleting waits for the voided association to be gone"),
    },
    requiredInputs: ["zoneId", "hostname", "certificateId"],
    computed: {
        status: { type: "string", description: "The association's own deployment status; `active` once create or update succeeds." },
        certStatus: { type: "string", description: "The associated certificate's status, as the association reports it." },
        expiresOn,
        ownership: { type: "string", description: "How the association came to be this resource's: \"created\", \"imported\" (pulumi import), \"adopted\" (the recovery switch) or \"unrecorded\"." },
        managedCertificateId: {
            type: "string",
            description: "The certificate this resource last pointed the hostname at; delete voids the association only while the hostname still uses it.",
        },
    },
};

/**
 * Provider config: `cloudflare-hostname-certificates:<key>` in stack config, or the explicit provider's
 * arguments. None has an environment default in the SDKs on purpose: the plugin reads the variables itself
 * when a method runs, so they never enter the provider's state.
 */
export const CONFIG: Properties = {
    apiToken: { type: "string", secret: true, description: "Cloudflare API token with SSL and Certificates Edit on the zone. Else CLOUDFLARE_API_TOKEN, read when a method runs." },
    apiKey: { type: "string", secret: true, description: "Cloudflare global API key, with email. Else CLOUDFLARE_API_KEY." },
    email: { type: "string", description: "The account email that goes with apiKey. Else CLOUDFLARE_EMAIL." },
    baseUrl: { type: "string", description: `Cloudflare API base URL. Else CLOUDFLARE_BASE_URL; default ${DEFAULT_BASE_URL}.` },
    rateLimit: { type: "string", description: `Client-side rate limit, e.g. "1000/5m,100/1s". Else CLOUDFLARE_RATE_LIMIT; default ${DEFAULT_RATE_LIMIT}.` },
    adoptExisting: { type: "string", description: "Recovery switch: which identical certificates already in a zone a create may adopt. Else CLOUDFLARE_ADOPT_EXISTING; default none." },
    allowInsecureHttp: { type: "string", description: "\"true\" allows plain http:// to a host other than this machine. Else CLOUDFLARE_ALLOW_INSECURE_HTTP." },
};

function properties(props: Properties): Record<string, object> {
    return Object.fromEntries(Object.entries(props).map(([name, { type, description, default: value, secret }]) => [name, { type, description, ...(value === undefined ? {} : { default: value }), ...(secret ? { secret } : {}) }]));
}

function resource({ description, inputs, requiredInputs, computed }: ResourceSpec): object {
    const echoed = Object.fromEntries(Object.entries(inputs).filter(([, spec]) => !spec.secret));
    const outputs = { ...echoed, ...computed };
    return {
        description,
        inputProperties: properties(inputs),
        requiredInputs,
        properties: properties(outputs),
        required: Object.keys(outputs).filter((name) => requiredInputs.includes(name) || name in computed),
    };
}

/** The package schema for `version`. */
export function packageSchema(version: string): object {
    return {
        name: PLUGIN_PACKAGE,
        displayName: "Cloudflare per-hostname origin certificates",
        version,
        description: "Cloudflare per-hostname Authenticated Origin Pulls client certificates and their hostname associations: waits until active, never takes over or orphans a certificate, keeps the key secret.",
        keywords: ["pulumi", "cloudflare", "category/network", "kind/native"],
        license: "Apache-2.0",
        publisher: "pulumi-cloudflare-hostname-certificates",
        config: { variables: properties(CONFIG) },
        provider: { description: "Where the plugin finds Cloudflare: credentials, endpoint, rate limit and the recovery switch.", inputProperties: properties(CONFIG) },
        resources: { [PLUGIN_CERTIFICATE_TOKEN]: resource(certificate), [PLUGIN_ASSOCIATION_TOKEN]: resource(association) },
        language: {
            nodejs: { packageName: "@pulumi-cloudflare-hostname-certificates/plugin-sdk", respectSchemaVersion: true },
            python: { packageName: "pulumi_cloudflare_hostname_certificates", respectSchemaVersion: true },
            go: { importBasePath: "example.com/pulumi-cloudflare-hostname-certificates/sdk/go/cloudflarehostnamecertificates", respectSchemaVersion: true },
            csharp: { rootNamespace: "Pulumi", namespaces: { [PLUGIN_PACKAGE]: "CloudflareHostnameCertificates" }, respectSchemaVersion: true },
        },
    };
}
