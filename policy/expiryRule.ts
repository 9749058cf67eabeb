/**
 * The one factory behind the four expiry policies. Each of them (`./expiry.ts`, `./expiryWarning.ts`,
 * `./deployedExpiry.ts`, `./deployedExpiryWarning.ts`) is data: its name, texts, level, threshold and
 * verdict. This builds the policy that applies it to the PEM at preview (a resource policy) or to
 * Cloudflare's `expiresOn` of deployed certificates (a stack policy), with {@link expiresWithin} as
 * the one rule.
 */
import type { EnforcementLevel, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";
import {
    certificateUnderValidation,
    currentTime,
    daysThresholdSchema,
    deployedCertificates,
    describeExpiry,
    expiresWithin,
    hostnameCertificates,
    type PolicyOptions,
    type ReferenceTimeArgs,
    systemClock,
} from "./shared";

/** One expiry policy, as data. */
export interface ExpiryRule<Threshold extends string> {
    /** `pem`: the certificate's PEM at preview, a resource policy. `expiresOn`: Cloudflare's date of deployed certificates, a stack policy. */
    readonly reads: "pem" | "expiresOn";
    readonly name: string;
    readonly displayName: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly remediationSteps: string;
    /** The config property with the whole-days threshold, its default and its schema description. */
    readonly threshold: { readonly name: Threshold; readonly default: number; readonly description: string };
    /** What follows the expiry in a violation message, separator first: `; at least 30 days must remain …`. */
    readonly verdict: (days: number) => string;
}

type ThresholdArgs<Threshold extends string> = ReferenceTimeArgs & { readonly [name in Threshold]?: number };

/** The threshold and "now" from the policy's config. */
function configOf<Threshold extends string>(rule: ExpiryRule<Threshold>, config: ThresholdArgs<Threshold>, clock: () => Date) {
    return { days: config[rule.threshold.name] ?? rule.threshold.default, now: currentTime(clock, config.referenceTime) };
}

function describedBy<Threshold extends string>(rule: ExpiryRule<Threshold>) {
    const { name, displayName, description, enforcementLevel, severity, remediationSteps, threshold } = rule;
    const configSchema = daysThresholdSchema(threshold.name, threshold.default, threshold.description);
    return { name, displayName, description, enforcementLevel, severity, remediationSteps, configSchema };
}

/**
 * The expiry policy `rule` describes: on the PEM before anything is created, or on deployed
 * certificates by the `expiresOn` Cloudflare reported.
 * @param options `now`: the clock (default: the real one).
 */
export function expiryPolicy<T extends string>(rule: ExpiryRule<T> & { readonly reads: "pem" }, options?: PolicyOptions): ResourceValidationPolicy;
export function expiryPolicy<T extends string>(rule: ExpiryRule<T> & { readonly reads: "expiresOn" }, options?: PolicyOptions): StackValidationPolicy;
export function expiryPolicy<T extends string>(rule: ExpiryRule<T>, options: PolicyOptions = {}): ResourceValidationPolicy | StackValidationPolicy {
    const clock = options.now ?? systemClock;
    return rule.reads === "pem" ? onPem(rule, clock) : onExpiresOn(rule, clock);
}

function onPem<Threshold extends string>(rule: ExpiryRule<Threshold>, clock: () => Date): ResourceValidationPolicy {
    return {
        ...describedBy(rule),
        validateResource: (args, reportViolation) => {
            const { leaf } = certificateUnderValidation(args);
            const { days, now } = configOf(rule, args.getConfig<ThresholdArgs<Threshold>>(), clock);
            if (!expiresWithin(leaf.notAfter, now, days)) return;
            reportViolation(`The certificate ${describeExpiry(leaf.notAfter, now)}${rule.verdict(days)}`);
        },
    };
}

function onExpiresOn<Threshold extends string>(rule: ExpiryRule<Threshold>, clock: () => Date): StackValidationPolicy {
    return {
        ...describedBy(rule),
        validateStack: (args, reportViolation) => {
            if (hostnameCertificates(args.resources).length === 0) args.notApplicable("the stack has no hostname certificates");
            const { days, now } = configOf(rule, args.getConfig<ThresholdArgs<Threshold>>(), clock);
            for (const { resource, certificateId, expiresOn } of deployedCertificates(args.resources)) {
                if (!expiresWithin(expiresOn, now, days)) continue;
                const expiry = `${describeExpiry(expiresOn, now)} by Cloudflare's expiresOn`;
                reportViolation(`Deployed certificate ${certificateId} (${resource.name}) ${expiry}${rule.verdict(days)}`, resource.urn);
            }
        },
    };
}
