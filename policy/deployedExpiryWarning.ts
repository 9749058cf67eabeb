/**
 * `cloudflare-hostname-certificate-deployed-expiry-warning` (advisory): the warning rule of
 * `./expiryWarning.ts` for certificates already deployed, from Cloudflare's `expiresOn`, in a stack
 * policy. See `./deployedExpiry.ts` for what the deployed policies add to the preview-time ones,
 * and `./expiry.ts` for why each level is its own policy.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { expiryPolicy } from "./expiryRule";
import { EXPIRY_WARNING_DEFAULTS, EXPIRY_WARNING_RULE, type ExpiryWarningArgs } from "./expiryWarning";
import type { PolicyOptions } from "./shared";

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
    return expiryPolicy(
        {
            ...EXPIRY_WARNING_RULE,
            reads: "expiresOn",
            name: DEPLOYED_EXPIRY_WARNING_POLICY_NAME,
            displayName: "Deployed hostname certificate expiry warning",
            description: "Checks that every deployed Cloudflare hostname certificate in the stack (by Cloudflare's expiresOn) is valid for at least warnDaysRemaining more days.",
        },
        options,
    );
}
