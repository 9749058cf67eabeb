/**
 * The policies of the `cloudflare-hostname-certificates` pack, for teams that build their own
 * pack: `import { createPolicies } from "pulumi-cloudflare-hostname-certificates/policy"`.
 *
 * Importing this module has no side effects: it constructs no `PolicyPack` (which would start a
 * gRPC server), so tests and other packs can import it freely. `./pack.ts` is the pack itself.
 *
 * @example
 * import { PolicyPack } from "@pulumi/policy";
 * import { createPolicies, EXPIRY_POLICY_NAME } from "pulumi-cloudflare-hostname-certificates/policy";
 *
 * new PolicyPack("platform-policies", {
 *     policies: [...createPolicies(), ...myOtherPolicies],
 * }, {
 *     // initial config; --policy-pack-config still overrides it
 *     [EXPIRY_POLICY_NAME]: { minDaysRemaining: 14 },
 * });
 */
import type { Policies } from "@pulumi/policy";
import { createDeployedExpiryPolicy } from "./deployedExpiry";
import { createDeployedExpiryWarningPolicy } from "./deployedExpiryWarning";
import { createExpiryPolicy } from "./expiry";
import { createExpiryWarningPolicy } from "./expiryWarning";
import { createIssuerAllowlistPolicy } from "./issuerAllowlist";
import { createNotYetValidPolicy } from "./notYetValid";
import type { PolicyOptions } from "./shared";
import { createWeakCryptographyPolicy } from "./weakCryptography";
import { createZoneLimitPolicy } from "./zoneLimit";
import { createZoneLimitReplacementPolicy } from "./zoneLimitReplacement";

// Each policy: its factory, its name, its config (args) and the config's defaults.
export { createDeployedExpiryPolicy, DEPLOYED_EXPIRY_DEFAULTS, DEPLOYED_EXPIRY_POLICY_NAME, type DeployedExpiryArgs } from "./deployedExpiry";
export {
    createDeployedExpiryWarningPolicy,
    DEPLOYED_EXPIRY_WARNING_DEFAULTS,
    DEPLOYED_EXPIRY_WARNING_POLICY_NAME,
    type DeployedExpiryWarningArgs,
} from "./deployedExpiryWarning";
export { createExpiryPolicy, EXPIRY_DEFAULTS, EXPIRY_POLICY_NAME, type ExpiryArgs } from "./expiry";
export { createExpiryWarningPolicy, EXPIRY_WARNING_DEFAULTS, EXPIRY_WARNING_POLICY_NAME, type ExpiryWarningArgs } from "./expiryWarning";
export { createIssuerAllowlistPolicy, ISSUER_ALLOWLIST_DEFAULTS, ISSUER_ALLOWLIST_POLICY_NAME, type IssuerAllowlistArgs } from "./issuerAllowlist";
export { createNotYetValidPolicy, NOT_YET_VALID_DEFAULTS, NOT_YET_VALID_POLICY_NAME, type NotYetValidArgs } from "./notYetValid";
export { createWeakCryptographyPolicy, WEAK_CRYPTOGRAPHY_DEFAULTS, WEAK_CRYPTOGRAPHY_POLICY_NAME, type WeakCryptographyArgs } from "./weakCryptography";
export { createZoneLimitPolicy, ZONE_LIMIT_DEFAULTS, ZONE_LIMIT_POLICY_NAME, type ZoneLimitArgs } from "./zoneLimit";
export {
    createZoneLimitReplacementPolicy,
    ZONE_LIMIT_REPLACEMENT_DEFAULTS,
    ZONE_LIMIT_REPLACEMENT_POLICY_NAME,
    type ZoneLimitReplacementArgs,
} from "./zoneLimitReplacement";
// What every factory takes, and the config every time-dependent policy accepts.
export { type Clock, POLICY_NAME_PREFIX, type PolicyOptions, type ReferenceTimeArgs } from "./shared";

/** The name of the policy pack in `PulumiPolicy.yaml` and `./pack.ts`. */
export const POLICY_PACK_NAME = "cloudflare-hostname-certificates";

/**
 * Every policy of the pack, in a stable order: expiry (mandatory) and its warning (advisory) from
 * the PEM at preview time, the same two from Cloudflare's `expiresOn` of deployed certificates,
 * then not-yet-valid, weak cryptography, the per-zone limit and its free slot for replacements (advisory),
 * and the issuer allowlist.
 *
 * @param options `now`: the clock of the time-dependent policies (default `() => new Date()`).
 * @example
 * // all policies, judged as of a fixed date
 * const policies = createPolicies({ now: () => new Date("2030-01-01T00:00:00Z") });
 */
export function createPolicies(options: PolicyOptions = {}): Policies {
    return [
        createExpiryPolicy(options),
        createExpiryWarningPolicy(options),
        createDeployedExpiryPolicy(options),
        createDeployedExpiryWarningPolicy(options),
        createNotYetValidPolicy(options),
        createWeakCryptographyPolicy(),
        createZoneLimitPolicy(),
        createZoneLimitReplacementPolicy(),
        createIssuerAllowlistPolicy(),
    ];
}
