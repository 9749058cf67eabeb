/**
 * `cloudflare-hostname-certificate-not-yet-valid` (mandatory): blocks a certificate whose validity
 * starts in the future (notBefore after now). Cloudflare would present it to the origin, and the
 * origin would refuse it until that time: origin pulls for the associated hostnames would fail.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    certificateUnderValidation,
    currentTime,
    DAY_MS,
    formatTime,
    type PolicyOptions,
    REFERENCE_TIME_SCHEMA,
    type ReferenceTimeArgs,
    systemClock,
} from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const NOT_YET_VALID_POLICY_NAME = "cloudflare-hostname-certificate-not-yet-valid";

/**
 * Config of `cloudflare-hostname-certificate-not-yet-valid`.
 *
 * @example
 * { "cloudflare-hostname-certificate-not-yet-valid": { "toleranceMinutes": 5 } }
 */
export interface NotYetValidArgs extends ReferenceTimeArgs {
    /**
     * How far in the future notBefore may be before it counts, in minutes: room for clock skew
     * between the machine that issued the certificate and the one running Pulumi.
     * @default 0
     * @example 5
     */
    toleranceMinutes?: number;
}

/** Defaults of {@link NotYetValidArgs}, used by the config schema and in code alike. */
export const NOT_YET_VALID_DEFAULTS = { toleranceMinutes: 0 } as const;

function describeWait(notBefore: Date, now: Date): string {
    const ms = notBefore.getTime() - now.getTime();
    if (ms >= DAY_MS) {
        const days = Math.floor(ms / DAY_MS);
        return `${days} day${days === 1 ? "" : "s"}`;
    }
    const hours = Math.floor(ms / 3_600_000);
    if (hours >= 1) return `${hours} hour${hours === 1 ? "" : "s"}`;
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/**
 * Creates `cloudflare-hostname-certificate-not-yet-valid`.
 *
 * @param options `now`: the clock (default: the real one).
 * @example
 * new PolicyPack("certificates", { policies: [createNotYetValidPolicy()] });
 */
export function createNotYetValidPolicy(options: PolicyOptions = {}): ResourceValidationPolicy {
    const clock = options.now ?? systemClock;
    return {
        name: NOT_YET_VALID_POLICY_NAME,
        displayName: "Hostname certificate not yet valid",
        description: "Checks that a Cloudflare hostname certificate is already valid: its notBefore is not in the future.",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Deploy the certificate once its validity has started, or issue one that is valid now.",
        configSchema: {
            properties: {
                toleranceMinutes: {
                    type: "integer",
                    minimum: 0,
                    default: NOT_YET_VALID_DEFAULTS.toleranceMinutes,
                    description: "How many minutes in the future notBefore may be (clock skew allowance).",
                },
                referenceTime: REFERENCE_TIME_SCHEMA,
            },
        },
        validateResource: (args, reportViolation) => {
            const { leaf } = certificateUnderValidation(args);
            const { toleranceMinutes = NOT_YET_VALID_DEFAULTS.toleranceMinutes, referenceTime } = args.getConfig<NotYetValidArgs>();
            const now = currentTime(clock, referenceTime);
            if (leaf.notBefore.getTime() <= now.getTime() + toleranceMinutes * 60_000) return;
            reportViolation(
                `The certificate is not valid until ${formatTime(leaf.notBefore)}, ${describeWait(leaf.notBefore, now)} from now; ` +
                    "the origin would refuse it until then. Deploy it once it is valid, or issue one that is valid now.",
            );
        },
    };
}
