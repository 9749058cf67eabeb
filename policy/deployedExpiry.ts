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
import { EXPIRY_DEFAULTS, EXPIRY_RULE, type ExpiryArgs } from "./expiry";
import { expiryPolicy } from "./expiryRule";
import type { PolicyOptions } from "./shared";

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
    return expiryPolicy(
        {
            ...EXPIRY_RULE,
            reads: "expiresOn",
            name: DEPLOYED_EXPIRY_POLICY_NAME,
            displayName: "Deployed hostname certificate expiry",
            description:
                "Checks that every deployed Cloudflare hostname certificate in the stack (by Cloudflare's expiresOn) has not expired and is valid for at least minDaysRemaining more days.",
        },
        options,
    );
}
