/**
 * The zone limit: Cloudflare allows 10 per-hostname certificates per zone and rejects the eleventh
 * upload. `cloudflare-hostname-certificate-zone-limit` (mandatory) counts the stack's
 * `HostnameCertificate`s per `zoneId` and fails when the stack declares more than that in one zone,
 * so `pulumi up` would fail halfway through. (`./zoneLimitReplacement.ts` warns when a replacement
 * needs a free slot.)
 *
 * It sees only this stack: certificates uploaded by other stacks or by hand count against the same
 * limit, so lower `maxCertificatesPerZone` when the zone is shared. Resources whose zoneId is unknown
 * during preview are not counted.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { certificatesByZone, listNames } from "./shared";

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
            const byZone = certificatesByZone(args);
            const { maxCertificatesPerZone = ZONE_LIMIT_DEFAULTS.maxCertificatesPerZone } = args.getConfig<ZoneLimitArgs>();
            for (const [zoneId, resources] of byZone) {
                const names = resources.map((resource) => resource.name);
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
