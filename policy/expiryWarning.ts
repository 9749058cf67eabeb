/**
 * `cloudflare-hostname-certificate-expiry-warning` (advisory): warns about a certificate that
 * expires within `warnDaysRemaining` days, read from the PEM before anything is created. It is
 * the advisory half of the expiry rule; see `./expiry.ts` for why the two levels are two
 * independent policies (and why a certificate under both thresholds gets both messages).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type ExpiryRule, expiryPolicy } from "./expiryRule";
import type { PolicyOptions, ReferenceTimeArgs } from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const EXPIRY_WARNING_POLICY_NAME = "cloudflare-hostname-certificate-expiry-warning";

/**
 * Config of `cloudflare-hostname-certificate-expiry-warning`.
 *
 * @example
 * { "cloudflare-hostname-certificate-expiry-warning": { "warnDaysRemaining": 45 } }
 */
export interface ExpiryWarningArgs extends ReferenceTimeArgs {
    /**
     * Fewer whole days left than this (or expired) gets a warning.
     * @default 60
     * @example 45
     */
    warnDaysRemaining?: number;
}

/** Defaults of {@link ExpiryWarningArgs}, used by the config schema and in code alike. */
export const EXPIRY_WARNING_DEFAULTS = { warnDaysRemaining: 60 } as const;

/**
 * Creates `cloudflare-hostname-certificate-expiry-warning`.
 *
 * @param options `now`: the clock (default: the real one).
 * @example
 * new PolicyPack("certificates", { policies: [createExpiryPolicy(), createExpiryWarningPolicy()] });
 */
export function createExpiryWarningPolicy(options: PolicyOptions = {}): ResourceValidationPolicy {
    return expiryPolicy(EXPIRY_WARNING_RULE, options);
}

/** The rule, shared with `cloudflare-hostname-certificate-deployed-expiry-warning` (`./deployedExpiryWarning.ts`). */
export const EXPIRY_WARNING_RULE = {
    reads: "pem",
    name: EXPIRY_WARNING_POLICY_NAME,
    displayName: "Hostname certificate expiry warning",
    description: "Checks that a Cloudflare hostname certificate is valid for at least warnDaysRemaining more days, and warns ahead of the mandatory expiry policy.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Plan the renewal: issue a new certificate and deploy it with its private key before minDaysRemaining is reached.",
    threshold: { name: "warnDaysRemaining", default: EXPIRY_WARNING_DEFAULTS.warnDaysRemaining, description: "Fewer whole days left than this (or expired) gets a warning." },
    verdict: (days) => `, within the ${days}-day warning period (warnDaysRemaining). Plan its renewal.`,
} as const satisfies ExpiryRule<keyof ExpiryWarningArgs>;
