/**
 * `cloudflare-hostname-certificate-deployed-expiry` (mandatory): the expiry rule of `./expiry.ts`
 * for certificates already deployed, from the `expiresOn` Cloudflare reported, in a stack policy.
 *
 * What it adds to the preview-time policy. Pulumi runs resource policies on the inputs of every
 * resource the program declares, so a certificate whose PEM is known is already checked there.
 * This stack policy sees outputs instead: it covers certificates whose PEM input is not known at
 * preview, stacks previewed with `--target`, state refreshed from Cloudflare, and teams that
 * disable the PEM policies. A certificate that is both declared and deployed is therefore reported
 * by both (once from its PEM, once from `expiresOn`); disable one pair in the pack config if you
 * prefer a single message. Resources not created yet have no `certificateId`/`expiresOn` (during a
 * preview their props are the inputs) and are skipped, as are values unknown during preview.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import {
    currentTime,
    deployedCertificates,
    describeExpiry,
    expiresWithin,
    hostnameCertificates,
    type PolicyOptions,
    daysThresholdSchema,
    systemClock,
} from "./shared";
import { EXPIRY_DEFAULTS, type ExpiryArgs } from "./expiry";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const DEPLOYED_EXPIRY_POLICY_NAME = "cloudflare-hostname-certificate-deployed-expiry";

/**
 * Config of `cloudflare-hostname-certificate-deployed-expiry`: the same as the preview-time policy's.
 *
 * @example
 * { "cloudflare-hostname-certificate-deployed-expiry": { "minDaysRemaining": 14 } }
 */
export type DeployedExpiryArgs = ExpiryArgs;

/** Defaults of {@link DeployedExpiryArgs} (`minDaysRemaining`: 30), the same as {@link EXPIRY_DEFAULTS}. */
export const DEPLOYED_EXPIRY_DEFAULTS = EXPIRY_DEFAULTS;

/**
 * Creates `cloudflare-hostname-certificate-deployed-expiry`.
 *
 * @param options `now`: the clock (default: the real one).
 * @example
 * new PolicyPack("certificates", { policies: [createDeployedExpiryPolicy()] });
 */
export function createDeployedExpiryPolicy(options: PolicyOptions = {}): StackValidationPolicy {
    const clock = options.now ?? systemClock;
    return {
        name: DEPLOYED_EXPIRY_POLICY_NAME,
        displayName: "Deployed hostname certificate expiry",
        description: "Checks that every deployed Cloudflare hostname certificate in the stack (by Cloudflare's expiresOn) has not expired and is valid for at least minDaysRemaining more days.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Renew the certificate and deploy the new certificate and private key.",
        configSchema: daysThresholdSchema("minDaysRemaining", DEPLOYED_EXPIRY_DEFAULTS.minDaysRemaining, "Fewer whole days left than this (or expired) is a violation."),
        validateStack: (args, reportViolation) => {
            if (hostnameCertificates(args.resources).length === 0) args.notApplicable("the stack has no hostname certificates");
            const { minDaysRemaining = DEPLOYED_EXPIRY_DEFAULTS.minDaysRemaining, referenceTime } = args.getConfig<DeployedExpiryArgs>();
            const now = currentTime(clock, referenceTime);
            for (const { resource, certificateId, expiresOn } of deployedCertificates(args.resources)) {
                if (!expiresWithin(expiresOn, now, minDaysRemaining)) continue;
                reportViolation(
                    `Deployed certificate ${certificateId} (${resource.name}) ${describeExpiry(expiresOn, now)} by Cloudflare's expiresOn; ` +
                        `at least ${minDaysRemaining} days must remain (minDaysRemaining). Renew it and deploy the new certificate and key.`,
                    resource.urn,
                );
            }
        },
    };
}
