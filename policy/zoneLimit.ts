/**
 * `cloudflare-hostname-certificate-zone-limit` (mandatory): Cloudflare allows 10 per-hostname
 * certificates per zone and rejects the eleventh upload, so a stack that declares more than that in
 * one zone would fail halfway through `pulumi up`. This stack policy counts the stack's
 * `HostnameCertificate`s per `zoneId` and fails the preview instead.
 *
 * It sees only this stack: certificates uploaded by other stacks or by hand count against the same
 * limit, so lower `maxCertificatesPerZone` when the zone is shared. A replacement (new certificate
 * before the old one is deleted) briefly needs one slot more; at 10 certificates, rotate with
 * `deleteBeforeReplace` or keep `maxCertificatesPerZone` at 9. Resources whose zoneId is unknown
 * during preview are not counted.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { hostnameCertificates, knownString } from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const ZONE_LIMIT_POLICY_NAME = "cloudflare-hostname-certificate-zone-limit";

/** Cloudflare's documented limit of per-hostname certificates in one zone. */
export const CLOUDFLARE_CERTIFICATES_PER_ZONE = 10;

/**
 * Config of `cloudflare-hostname-certificate-zone-limit`.
 *
 * @example
 * { "cloudflare-hostname-certificate-zone-limit": { "maxCertificatesPerZone": 9 } }
 */
export interface ZoneLimitArgs {
    /**
     * The most certificates this stack may declare in one zone.
     * @default 10 (Cloudflare's limit)
     * @example 9
     */
    maxCertificatesPerZone?: number;
}

/** Defaults of {@link ZoneLimitArgs}, used by the config schema and in code alike. */
export const ZONE_LIMIT_DEFAULTS = { maxCertificatesPerZone: CLOUDFLARE_CERTIFICATES_PER_ZONE } as const;

const NAMES_SHOWN = 12;

/** Resource names in natural order ("cert-2" before "cert-10"), the first dozen of them. */
function listNames(names: readonly string[]): string {
    const sorted = [...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const shown = sorted.slice(0, NAMES_SHOWN).join(", ");
    return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

/**
 * Creates `cloudflare-hostname-certificate-zone-limit`. It does not depend on the time, so it
 * takes no clock.
 *
 * @example
 * new PolicyPack("certificates", { policies: [createZoneLimitPolicy()] });
 */
export function createZoneLimitPolicy(): StackValidationPolicy {
    return {
        name: ZONE_LIMIT_POLICY_NAME,
        displayName: "Hostname certificates per zone",
        description: `Checks that the stack declares no more than maxCertificatesPerZone Cloudflare hostname certificates in one zone (Cloudflare allows ${CLOUDFLARE_CERTIFICATES_PER_ZONE}).`,
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Spread the certificates over fewer hostnames (one certificate can serve up to 100 hostnames) or remove unused ones.",
        configSchema: {
            properties: {
                maxCertificatesPerZone: {
                    type: "integer",
                    minimum: 1,
                    default: ZONE_LIMIT_DEFAULTS.maxCertificatesPerZone,
                    description: "The most hostname certificates this stack may declare in one zone.",
                },
            },
        },
        validateStack: (args, reportViolation) => {
            const certificates = hostnameCertificates(args.resources);
            if (certificates.length === 0) args.notApplicable("the stack has no hostname certificates");
            const { maxCertificatesPerZone = ZONE_LIMIT_DEFAULTS.maxCertificatesPerZone } = args.getConfig<ZoneLimitArgs>();
            const byZone = new Map<string, string[]>();
            for (const resource of certificates) {
                const zoneId = knownString(resource.props, "zoneId");
                if (zoneId === undefined) continue;
                byZone.set(zoneId, [...(byZone.get(zoneId) ?? []), resource.name]);
            }
            for (const [zoneId, names] of byZone) {
                if (names.length <= maxCertificatesPerZone) continue;
                const cloudflare =
                    names.length > CLOUDFLARE_CERTIFICATES_PER_ZONE
                        ? `Cloudflare allows ${CLOUDFLARE_CERTIFICATES_PER_ZONE} per zone and rejects every upload beyond that`
                        : `Cloudflare allows ${CLOUDFLARE_CERTIFICATES_PER_ZONE} per zone`;
                reportViolation(
                    `Zone ${zoneId} has ${names.length} hostname certificates in this stack (${listNames(names)}), ` +
                        `more than maxCertificatesPerZone (${maxCertificatesPerZone}); ${cloudflare}.`,
                );
            }
        },
    };
}
