/**
 * `cloudflare-hostname-certificate-deployed-expiry-warning` (advisory): the warning rule of
 * `./expiryWarning.ts` for certificates already deployed, from Cloudflare's `expiresOn`, in a stack
 * policy. See `./deployedExpiry.ts` for what the deployed policies add to the preview-time ones,
 * and `./expiry.ts` for why each level is its own policy.
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
import { EXPIRY_WARNING_DEFAULTS, type ExpiryWarningArgs } from "./expiryWarning";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const DEPLOYED_EXPIRY_WARNING_POLICY_NAME = "cloudflare-hostname-certificate-deployed-expiry-warning";

/**
 * Config of `cloudflare-hostname-certificate-deployed-expiry-warning`: the same as the preview-time
 * warning's.
 *
 * @example
 * { "cloudflare-hostname-certificate-deployed-expiry-warning": { "warnDaysRemaining": 45 } }
 */
export type DeployedExpiryWarningArgs = ExpiryWarningArgs;

/** Defaults of {@link DeployedExpiryWarningArgs} (`warnDaysRemaining`: 60), the same as {@link EXPIRY_WARNING_DEFAULTS}. */
export const DEPLOYED_EXPIRY_WARNING_DEFAULTS = EXPIRY_WARNING_DEFAULTS;

/**
 * Creates `cloudflare-hostname-certificate-deployed-expiry-warning`.
 *
 * @param options `now`: the clock (default: the real one).
 * @example
 * new PolicyPack("certificates", { policies: [createDeployedExpiryWarningPolicy()] });
 */
export function createDeployedExpiryWarningPolicy(options: PolicyOptions = {}): StackValidationPolicy {
    const clock = options.now ?? systemClock;
    return {
        name: DEPLOYED_EXPIRY_WARNING_POLICY_NAME,
        displayName: "Deployed hostname certificate expiry warning",
        description: "Checks that every deployed Cloudflare hostname certificate in the stack (by Cloudflare's expiresOn) is valid for at least warnDaysRemaining more days.",
        enforcementLevel: "advisory",
        severity: "medium",
        remediationSteps: "Plan the renewal: issue a new certificate and deploy it with its private key before minDaysRemaining is reached.",
        configSchema: daysThresholdSchema("warnDaysRemaining", DEPLOYED_EXPIRY_WARNING_DEFAULTS.warnDaysRemaining, "Fewer whole days left than this (or expired) gets a warning."),
        validateStack: (args, reportViolation) => {
            if (hostnameCertificates(args.resources).length === 0) args.notApplicable("the stack has no hostname certificates");
            const { warnDaysRemaining = DEPLOYED_EXPIRY_WARNING_DEFAULTS.warnDaysRemaining, referenceTime } = args.getConfig<DeployedExpiryWarningArgs>();
            const now = currentTime(clock, referenceTime);
            for (const { resource, certificateId, expiresOn } of deployedCertificates(args.resources)) {
                if (!expiresWithin(expiresOn, now, warnDaysRemaining)) continue;
                reportViolation(
                    `Deployed certificate ${certificateId} (${resource.name}) ${describeExpiry(expiresOn, now)} by Cloudflare's expiresOn, ` +
                        `within the ${warnDaysRemaining}-day warning period (warnDaysRemaining). Plan its renewal.`,
                    resource.urn,
                );
            }
        },
    };
}
