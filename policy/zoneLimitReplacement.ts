/**
 * `cloudflare-hostname-certificate-zone-limit-replacement` (advisory): the update may need more
 * slots at once than the zone has. Pulumi uploads a replacement before it deletes the certificate it
 * replaces, and deletes the replaced ones at the end of the update, so a rotation in a full zone
 * needs an 11th slot unless the resource has `deleteBeforeReplace`. At preview a policy cannot tell a
 * replacement from a new certificate or a timeout change: Pulumi shows every resource that changes by
 * its new inputs (dynamic providers have no preview of their outputs) and every unchanged one by its
 * deployed outputs. So each certificate without a deployed `certificateId` counts as a possible
 * extra slot, and the warning says when it does not apply. Advisory, because a mandatory check would
 * also block adding a tenth certificate to a zone.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { certificatesByZone, knownString, listNames } from "./shared";
import { CLOUDFLARE_CERTIFICATES_PER_ZONE } from "./zoneLimit";

/** The name of the replacement check, the key of its `--policy-pack-config` entry. */
export const ZONE_LIMIT_REPLACEMENT_POLICY_NAME = "cloudflare-hostname-certificate-zone-limit-replacement";

/**
 * Config of `cloudflare-hostname-certificate-zone-limit-replacement`.
 *
 * @example
 * { "cloudflare-hostname-certificate-zone-limit-replacement": { "maxCertificatesPerZone": 6 } }
 */
export interface ZoneLimitReplacementArgs {
    /**
     * The most certificates this stack may hold in one zone at any moment of an update, replacements
     * included. Lower it when other stacks or people use slots in the same zone.
     * @default 10 (Cloudflare's limit)
     */
    maxCertificatesPerZone?: number;
}

/** Defaults of {@link ZoneLimitReplacementArgs}. */
export const ZONE_LIMIT_REPLACEMENT_DEFAULTS = { maxCertificatesPerZone: CLOUDFLARE_CERTIFICATES_PER_ZONE } as const;

/**
 * True when preview shows the certificate by its inputs: a create, an update or a replacement.
 * Unchanged certificates carry their deployed outputs, `certificateId` among them.
 */
function changesInThisUpdate(resource: PolicyResource): boolean {
    return knownString(resource.props, "certificateId") === undefined;
}

/**
 * Creates `cloudflare-hostname-certificate-zone-limit-replacement` (advisory): in a zone where the
 * certificates that change in this update, if they are replacements, would need more slots at once
 * than `maxCertificatesPerZone`, it names them and says what to do.
 *
 * @example
 * new PolicyPack("certificates", { policies: [createZoneLimitPolicy(), createZoneLimitReplacementPolicy()] });
 */
export function createZoneLimitReplacementPolicy(): StackValidationPolicy {
    return {
        name: ZONE_LIMIT_REPLACEMENT_POLICY_NAME,
        displayName: "A free slot for each replacement",
        description:
            "Checks that a zone has a free slot for each hostname certificate this update may replace without deleteBeforeReplace: " +
            `Pulumi uploads the new certificate before it deletes the old one, and Cloudflare allows ${CLOUDFLARE_CERTIFICATES_PER_ZONE} per zone.`,
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps:
            "Set the resource option deleteBeforeReplace: true on a certificate that no hostname uses, or free slots in the zone before the update (delete unused certificates, or keep fewer per zone).",
        configSchema: {
            properties: {
                maxCertificatesPerZone: {
                    type: "integer",
                    minimum: 1,
                    default: ZONE_LIMIT_REPLACEMENT_DEFAULTS.maxCertificatesPerZone,
                    description: "The most hostname certificates this stack may hold in one zone at once, replacements included.",
                },
            },
        },
        validateStack: (args, reportViolation) => {
            const byZone = certificatesByZone(args);
            const { maxCertificatesPerZone = ZONE_LIMIT_REPLACEMENT_DEFAULTS.maxCertificatesPerZone } = args.getConfig<ZoneLimitReplacementArgs>();
            for (const [zoneId, resources] of byZone) {
                // More than the limit outright is the zone-limit policy's (mandatory) finding.
                if (resources.length > maxCertificatesPerZone) continue;
                const extra = resources.filter((resource) => changesInThisUpdate(resource) && resource.opts.deleteBeforeReplace !== true);
                const peak = resources.length + extra.length;
                if (peak <= maxCertificatesPerZone) continue;
                const names = extra.map((resource) => resource.name);
                reportViolation(
                    `Zone ${zoneId}: this stack has ${resources.length} hostname certificates in it, and ${names.length} of them change in this update ` +
                        `without deleteBeforeReplace (${listNames(names)}). Pulumi uploads a replacement (new certificate, key or zone) before it deletes ` +
                        `the old certificate, and deletes replaced certificates at the end of the update, so if these are replacements the zone needs ` +
                        `${peak} slots at once, more than maxCertificatesPerZone (${maxCertificatesPerZone}); Cloudflare refuses uploads beyond ` +
                        `${CLOUDFLARE_CERTIFICATES_PER_ZONE} per zone (error 2005). Set deleteBeforeReplace: true on the ones no hostname uses ` +
                        `(Cloudflare refuses to delete a certificate in use), or free slots first. A new certificate, or a change of timeouts only, ` +
                        `needs no extra slot: then this does not apply.`,
                );
            }
        },
    };
}
