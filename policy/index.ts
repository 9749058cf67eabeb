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

export * from "./deployedExpiry";
export * from "./deployedExpiryWarning";
export * from "./expiry";
export * from "./expiryWarning";
export * from "./issuerAllowlist";
export * from "./notYetValid";
export * from "./weakCryptography";
export * from "./zoneLimit";
export * from "./zoneLimitReplacement";
export {
    type Clock,
    currentTime,
    daysRemaining,
    describeExpiry,
    expiresWithin,
    HOSTNAME_CERTIFICATE_TYPE,
    POLICY_NAME_PREFIX,
    type PolicyOptions,
    type ReferenceTimeArgs,
    systemClock,
} from "./shared";

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
