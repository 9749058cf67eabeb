/**
 * What every policy of the pack shares: the type token it matches, the injectable clock, the days
 * arithmetic, and a safe way to read a certificate out of resource properties.
 *
 * Safety rules kept here so no policy has to remember them:
 * - Nothing reads `privateKey`. Policies see secrets unwrapped, so a message built from props could
 *   leak one; messages are built only from certificate facts (dates, names, algorithms), which are
 *   public.
 * - Values unknown during preview (reading them throws the framework's `UnknownValueError`) and
 *   certificates that do not parse are "not applicable", never violations: the provider's own check
 *   reports bad PEM, and Pulumi runs the policy again once the value is known.
 *
 * Only types are imported from `@pulumi/policy`, so importing this package's policies adds no second
 * runtime copy of the framework next to the one a team's pack already loads.
 */
import type { PolicyConfigSchema, PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { HOSTNAME_CERTIFICATE_TYPE, isUnknown, PLUGIN_CERTIFICATE_TOKEN } from "../provider/contract";
import { type CertificateFacts, certificateFacts, parseCertificateChain } from "../provider/core/pem";

export { HOSTNAME_CERTIFICATE_TYPE };

/** The same resource from the resource plugin (programs in YAML, Python, Go, C#): policies judge both alike. */
const HOSTNAME_CERTIFICATE_TYPES: ReadonlySet<string> = new Set([HOSTNAME_CERTIFICATE_TYPE, PLUGIN_CERTIFICATE_TOKEN]);

/** True for a `HostnameCertificate` of either flavour. */
export function isHostnameCertificateType(type: string): boolean {
    return HOSTNAME_CERTIFICATE_TYPES.has(type);
}

/** Every policy name starts with this. */
export const POLICY_NAME_PREFIX = "cloudflare-hostname-certificate-";

/**
 * A source of the current time. Policies take one so tests (and teams) can fix the date.
 *
 * @example
 * const frozen: Clock = () => new Date("2030-01-01T00:00:00Z");
 */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/**
 * Options of every policy factory in this pack.
 *
 * @example
 * createPolicies({ now: () => new Date("2030-01-01T00:00:00Z") });
 */
export interface PolicyOptions {
    /**
     * Where the time-dependent policies get "now". The per-policy config `referenceTime` wins over it.
     * @default () => new Date()
     */
    readonly now?: Clock;
}

/** Milliseconds in a day. Days are 24-hour periods counted from "now", not calendar days. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days left until `notAfter`, rounded down: 29 days and 23 hours count as 29. Negative once
 * expired (an hour past expiry is -1).
 *
 * @example
 * daysRemaining(new Date("2030-01-31T12:00:00Z"), new Date("2030-01-01T00:00:00Z")); // 30
 */
export function daysRemaining(notAfter: Date, now: Date): number {
    return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/**
 * True when the certificate has expired, or fewer than `days` whole days remain. This is the one
 * rule behind every expiry policy, whether the date comes from the PEM or from Cloudflare's
 * `expiresOn`.
 *
 * @example
 * expiresWithin(notAfter, now, 30); // true for 29 days left, false for exactly 30
 */
export function expiresWithin(notAfter: Date, now: Date, days: number): boolean {
    return notAfter.getTime() <= now.getTime() || daysRemaining(notAfter, now) < days;
}

/** An ISO 8601 UTC time without milliseconds, e.g. "2030-01-01T00:00:00Z". */
export function formatTime(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function plural(count: number, unit: string): string {
    return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/**
 * "expires in 12 days, on 2030-01-13T00:00:00Z" or "expired 3 days ago, on …": the days left and
 * the date, for violation messages.
 */
export function describeExpiry(notAfter: Date, now: Date): string {
    const when = formatTime(notAfter);
    const remainingMs = notAfter.getTime() - now.getTime();
    if (remainingMs <= 0) {
        const ago = Math.floor(-remainingMs / DAY_MS);
        return ago === 0 ? `expired less than a day ago, on ${when}` : `expired ${plural(ago, "day")} ago, on ${when}`;
    }
    const days = daysRemaining(notAfter, now);
    return days === 0 ? `expires in less than a day, on ${when}` : `expires in ${plural(days, "day")}, on ${when}`;
}

/** The config property every time-dependent policy accepts. */
export interface ReferenceTimeArgs {
    /**
     * Evaluate as if it were this time (ISO 8601, e.g. "2030-01-01T00:00:00Z") instead of now: for
     * reproducible CI runs and tests, or to ask "will these certificates still be fine on the day
     * of the change freeze?".
     * @default unset (the clock: now)
     * @example "2030-01-01T00:00:00Z"
     */
    referenceTime?: string;
}

/** JSON schema of {@link ReferenceTimeArgs.referenceTime}; it has no default, unset means "now". */
export const REFERENCE_TIME_SCHEMA: PolicyConfigJSONSchema = {
    type: "string",
    format: "date-time",
    description: "Evaluate as if it were this ISO 8601 time instead of now (reproducible runs, what-if checks). Unset: now.",
};

/**
 * The config schema of an expiry policy: one whole-days threshold (with its default) and
 * `referenceTime`. Shared by the four expiry policies, preview-time and deployed.
 */
export function daysThresholdSchema(name: string, defaultDays: number, description: string): PolicyConfigSchema {
    return {
        properties: {
            [name]: { type: "integer", minimum: 0, default: defaultDays, description },
            referenceTime: REFERENCE_TIME_SCHEMA,
        },
    };
}

/**
 * "Now" for one policy run: `referenceTime` from the policy's config when set, else the clock.
 * Throws when `referenceTime` is not a date, so a typo in the config fails loudly instead of
 * silently checking against the wrong day.
 */
export function currentTime(clock: Clock, referenceTime: string | undefined): Date {
    if (referenceTime === undefined || referenceTime === "") return clock();
    const parsed = new Date(referenceTime);
    if (Number.isNaN(parsed.getTime())) {
        throw new Error(`referenceTime must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z, got "${referenceTime}"`);
    }
    return parsed;
}

/**
 * True for the error `@pulumi/policy` throws when a policy reads a value that is unknown during
 * preview. Matched by shape rather than `instanceof`, so it also works when a team's pack loads a
 * different copy of `@pulumi/policy` than this package would.
 */
export function isUnknownValueError(error: unknown): boolean {
    return error instanceof Error && "unknownTypeSentinel" in error && Array.isArray((error as { props?: unknown }).props);
}

/** A property read from resource props: its value, or the fact that it is not known yet. */
export type PropertyRead = { readonly known: true; readonly value: unknown } | { readonly known: false };

/**
 * Reads `props[name]`, turning "unknown during preview" (the proxy's throw, or the raw engine
 * sentinel in props that are not proxied) into `{known: false}`.
 */
export function readProperty(props: Record<string, unknown>, name: string): PropertyRead {
    let value: unknown;
    try {
        value = props[name];
    } catch (error) {
        if (isUnknownValueError(error)) return { known: false };
        throw error;
    }
    return isUnknown(value) ? { known: false } : { known: true, value };
}

/** A certificate PEM that parsed: the leaf first, then any CA certificates, as public facts. */
export interface ParsedCertificate {
    readonly leaf: CertificateFacts;
    /** Every certificate of the PEM, the leaf first. */
    readonly chain: readonly CertificateFacts[];
}

/** The outcome of {@link readCertificate}. */
export type CertificateRead =
    | ({ readonly status: "parsed" } & ParsedCertificate)
    | { readonly status: "unknown" | "missing" | "invalid"; readonly reason: string };

/**
 * Parses `props.certificate` with the provider's own PEM rules (`provider/core/pem.ts`). Never throws
 * for unknown, missing or malformed values; the reasons name no value, only what is wrong.
 */
export function readCertificate(props: Record<string, unknown>): CertificateRead {
    const read = readProperty(props, "certificate");
    if (!read.known) {
        return { status: "unknown", reason: "the certificate is not known yet (computed during the update); it is checked once it is known" };
    }
    if (typeof read.value !== "string" || read.value.trim() === "") {
        return { status: "missing", reason: "the resource has no certificate PEM" };
    }
    try {
        const chain = parseCertificateChain(read.value).map(certificateFacts);
        return { status: "parsed", leaf: chain[0], chain };
    } catch (error) {
        const detail = error instanceof Error ? `: certificate ${error.message}` : "";
        return { status: "invalid", reason: `the certificate cannot be parsed (the provider's check reports it)${detail}` };
    }
}

/**
 * The certificate of the resource a resource policy is looking at. Calls `args.notApplicable`
 * (which throws) for other resource types and for certificates that are unknown, missing or
 * malformed, so a policy body only ever sees a parsed certificate.
 */
export function certificateUnderValidation(args: ResourceValidationArgs): ParsedCertificate {
    if (!isHostnameCertificateType(args.type)) {
        args.notApplicable(`applies only to ${HOSTNAME_CERTIFICATE_TYPE} and ${PLUGIN_CERTIFICATE_TOKEN}`);
    }
    const read = readCertificate(args.props);
    if (read.status !== "parsed") args.notApplicable(read.reason);
    return read;
}

/** The `HostnameCertificate` resources of a stack. */
export function hostnameCertificates(resources: readonly PolicyResource[]): PolicyResource[] {
    return resources.filter((resource) => isHostnameCertificateType(resource.type));
}

/**
 * A known, non-empty string property of a resource, else undefined (absent, unknown during
 * preview, or another type).
 */
export function knownString(props: Record<string, unknown>, name: string): string | undefined {
    const read = readProperty(props, name);
    return read.known && typeof read.value === "string" && read.value !== "" ? read.value : undefined;
}

/**
 * A hash name in the WebCrypto spelling ("SHA-1", "SHA-256", "MD5"), whatever the input spelling:
 * "sha1", "SHA1", "sha-256" all normalize.
 */
export function normalizeHashName(name: string): string {
    const compact = name.trim().toUpperCase().replace(/[-_\s]/g, "");
    const sha = /^SHA(\d+)$/.exec(compact);
    return sha ? `SHA-${sha[1]}` : compact;
}

// Weak algorithms that `provider/core/pem.ts` leaves as dotted OIDs (it names only those Cloudflare reports).
const HASH_OF_OID: Readonly<Record<string, string>> = {
    "1.2.840.113549.1.1.2": "MD2", // md2WithRSAEncryption
    "1.2.840.113549.1.1.3": "MD4", // md4WithRSAEncryption
    "1.2.840.10040.4.3": "SHA-1", // dsa-with-sha1
};

/**
 * The hash inside a signature algorithm name as `provider/core/pem.ts` spells it ("SHA1WithRSA" →
 * "SHA-1", "ECDSAWithSHA384" → "SHA-384", "MD5WithRSA" → "MD5"), or undefined when the name does not
 * say (RSA-PSS carries its hash in parameters; Ed25519 has none).
 */
export function signatureHash(signatureAlgorithm: string): string | undefined {
    const fromOid = HASH_OF_OID[signatureAlgorithm];
    if (fromOid) return fromOid;
    const match = /(MD[245]|SHA-?(?:1|224|256|384|512))/i.exec(signatureAlgorithm);
    return match ? normalizeHashName(match[1]) : undefined;
}

/**
 * A distinguished name on one line, "CN=Fixture CA, O=Fixture", from node's multi-line form.
 */
export function formatDistinguishedName(name: string): string {
    return name
        .split(/\r?\n/)
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .join(", ");
}

/** A certificate Cloudflare has accepted, as a stack policy sees it in the resource's outputs. */
export interface DeployedCertificate {
    readonly resource: PolicyResource;
    /** Cloudflare's certificate ID (the `certificateId` output). */
    readonly certificateId: string;
    /** Cloudflare's `expiresOn`. */
    readonly expiresOn: Date;
}

/**
 * The deployed `HostnameCertificate`s of a stack with a known `certificateId` and a valid
 * `expiresOn`. Skipped: other types, resources not created yet (during preview their props are
 * the inputs, which have neither output), and values unknown during preview.
 */
export function deployedCertificates(resources: readonly PolicyResource[]): DeployedCertificate[] {
    const deployed: DeployedCertificate[] = [];
    for (const resource of hostnameCertificates(resources)) {
        const certificateId = knownString(resource.props, "certificateId");
        const expiresOnText = knownString(resource.props, "expiresOn");
        if (certificateId === undefined || expiresOnText === undefined) continue;
        const expiresOn = new Date(expiresOnText);
        if (Number.isNaN(expiresOn.getTime())) continue;
        deployed.push({ resource, certificateId, expiresOn });
    }
    return deployed;
}

/** How many resource names a violation lists before "and N more". */
const NAMES_SHOWN = 12;

/** Resource names in natural order ("cert-2" before "cert-10"), the first dozen of them. */
export function listNames(names: readonly string[]): string {
    const sorted = [...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const shown = sorted.slice(0, NAMES_SHOWN).join(", ");
    return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

/** The stack's hostname certificates per known `zoneId`, or notApplicable when it has none. */
export function certificatesByZone(args: StackValidationArgs): Map<string, PolicyResource[]> {
    const certificates = hostnameCertificates(args.resources);
    if (certificates.length === 0) args.notApplicable("the stack has no hostname certificates");
    const byZone = new Map<string, PolicyResource[]>();
    for (const resource of certificates) {
        const zoneId = knownString(resource.props, "zoneId");
        if (zoneId === undefined) continue;
        byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), resource]);
    }
    return byZone;
}
