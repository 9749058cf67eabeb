/**
 * `cloudflare-hostname-certificate-expiry` (mandatory): blocks a certificate that has expired or
 * expires within `minDaysRemaining` days, read from the PEM before anything is created.
 *
 * How the two expiry levels work. A @pulumi/policy policy has exactly one enforcement level, so the
 * rule "mandatory below `minDaysRemaining`, advisory below `warnDaysRemaining`" is two policies:
 * this one, and `cloudflare-hostname-certificate-expiry-warning` (advisory, `./expiryWarning.ts`).
 * Each has one threshold and stands alone; the warning does not stop at `minDaysRemaining`, so a
 * certificate with 10 days left gets the advisory and the mandatory message, as warning/critical
 * alert pairs do. We chose that over a warning window [min, warn) because a window needs
 * `minDaysRemaining` configured in both policies, and when the two copies drift apart the
 * certificates in between get no message at all. Independent policies also keep their coverage when
 * the other is disabled or downgraded (`{"cloudflare-hostname-certificate-expiry": "advisory"}`
 * while trialling the pack). @pulumi/policy's server does accept a per-violation level for
 * object-shaped violations, but that is undocumented and absent from its types, so we do not use it.
 *
 * The same rule runs on deployed certificates from Cloudflare's `expiresOn` in the stack policies
 * `cloudflare-hostname-certificate-deployed-expiry(-warning)`, from the same data ({@link EXPIRY_RULE});
 * `./expiryRule.ts` builds all four.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type ExpiryRule, expiryPolicy } from "./expiryRule";
import type { PolicyOptions, ReferenceTimeArgs } from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const EXPIRY_POLICY_NAME = "cloudflare-hostname-certificate-expiry";

/**
 * Config of `cloudflare-hostname-certificate-expiry`.
 *
 * @example
 * // --policy-pack-config file
 * { "cloudflare-hostname-certificate-expiry": { "minDaysRemaining": 14 } }
 */
export interface ExpiryArgs extends ReferenceTimeArgs {
    /**
     * Fewer whole days left than this (or expired) is a violation.
     * @default 30
     * @example 14
     */
    minDaysRemaining?: number;
}

/** Defaults of {@link ExpiryArgs}, used by the config schema and in code alike. */
export const EXPIRY_DEFAULTS = { minDaysRemaining: 30 } as const;

/**
 * Creates `cloudflare-hostname-certificate-expiry`.
 *
 * @param options `now`: the clock (default: the real one).
 * @example
 * new PolicyPack("certificates", { policies: [createExpiryPolicy()] });
 */
export function createExpiryPolicy(options: PolicyOptions = {}): ResourceValidationPolicy {
    return expiryPolicy(EXPIRY_RULE, options);
}

/** The rule, shared with `cloudflare-hostname-certificate-deployed-expiry` (`./deployedExpiry.ts`). */
export const EXPIRY_RULE = {
    reads: "pem",
    name: EXPIRY_POLICY_NAME,
    displayName: "Hostname certificate expiry",
    description: "Checks that a Cloudflare hostname certificate has not expired and is valid for at least minDaysRemaining more days.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Renew the certificate and deploy the new certificate and private key.",
    threshold: { name: "minDaysRemaining", default: EXPIRY_DEFAULTS.minDaysRemaining, description: "Fewer whole days left than this (or expired) is a violation." },
    verdict: (days) => `; at least ${days} days must remain (minDaysRemaining). Renew it and deploy the new certificate and key.`,
} as const satisfies ExpiryRule<keyof ExpiryArgs>;
