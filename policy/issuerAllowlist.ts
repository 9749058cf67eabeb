/**
 * `cloudflare-hostname-certificate-issuer-allowlist` (mandatory): only certificates issued by an
 * allowed CA. The list is empty by default, which allows every issuer, so the policy does nothing
 * until a team configures it.
 *
 * An entry matches the leaf certificate's issuer when it is the issuer's full distinguished name
 * ("CN=Example Issuing CA, O=Example Corp"; attribute order, spacing and case do not matter), or
 * exactly its common name (CN) or organization (O), case-insensitively. Cloudflare's `issuer`
 * output is usually the organization, e.g. "GlobalSign". This is a governance check on names, not
 * a cryptographic one: it does not verify signatures.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { certificateUnderValidation, formatDistinguishedName } from "./shared";

/** The policy's name, the key of its `--policy-pack-config` entry. */
export const ISSUER_ALLOWLIST_POLICY_NAME = "cloudflare-hostname-certificate-issuer-allowlist";

/**
 * Config of `cloudflare-hostname-certificate-issuer-allowlist`.
 *
 * @example
 * { "cloudflare-hostname-certificate-issuer-allowlist": { "allowedIssuers": ["Example Issuing CA", "CN=Backup CA, O=Example Corp"] } }
 */
export interface IssuerAllowlistArgs {
    /**
     * Allowed issuers: full distinguished names, common names or organizations. Empty allows all.
     * @default []
     * @example ["Example Issuing CA"]
     */
    allowedIssuers?: string[];
}

/** Defaults of {@link IssuerAllowlistArgs}, used by the config schema and in code alike. */
export const ISSUER_ALLOWLIST_DEFAULTS = { allowedIssuers: [] as readonly string[] } as const;

/** A distinguished name as attribute=value pairs, from node's multi-line form or "A=b, C=d". */
function attributes(name: string): [string, string][] {
    return name
        .split(/\r?\n|(?<!\\),/)
        .map((part) => part.trim())
        .filter((part) => part.includes("="))
        .map((part) => {
            const at = part.indexOf("=");
            return [part.slice(0, at).trim().toUpperCase(), part.slice(at + 1).trim()];
        });
}

function canonical(pairs: [string, string][]): string {
    return pairs
        .map(([type, value]) => `${type}=${value.toLowerCase()}`)
        .sort()
        .join("\n");
}

/**
 * Does `entry` of the allowlist match `issuer` (node's multi-line distinguished name)?
 *
 * @example
 * issuerMatches("CN=Example CA\nO=Example Corp", "example ca"); // true (the CN)
 * issuerMatches("CN=Example CA\nO=Example Corp", "O=Example Corp, CN=Example CA"); // true (the DN)
 */
export function issuerMatches(issuer: string, entry: string): boolean {
    const issuerAttributes = attributes(issuer);
    const wanted = entry.trim();
    if (wanted === "") return false;
    if (wanted.includes("=")) return canonical(attributes(wanted)) === canonical(issuerAttributes);
    return issuerAttributes.some(([type, value]) => (type === "CN" || type === "O") && value.toLowerCase() === wanted.toLowerCase());
}

/**
 * Creates `cloudflare-hostname-certificate-issuer-allowlist`. It does not depend on the time, so
 * it takes no clock.
 *
 * @example
 * new PolicyPack("certificates", { policies: [createIssuerAllowlistPolicy()] }, {
 *     "cloudflare-hostname-certificate-issuer-allowlist": { allowedIssuers: ["Example Issuing CA"] },
 * });
 */
export function createIssuerAllowlistPolicy(): ResourceValidationPolicy {
    return {
        name: ISSUER_ALLOWLIST_POLICY_NAME,
        displayName: "Hostname certificate issuer allowlist",
        description: "Checks that a Cloudflare hostname certificate was issued by a CA in allowedIssuers (an empty list allows every issuer).",
        enforcementLevel: "mandatory",
        severity: "medium",
        remediationSteps: "Issue the certificate from an allowed CA, or add its issuer to allowedIssuers.",
        configSchema: {
            properties: {
                allowedIssuers: {
                    type: "array",
                    items: { type: "string" },
                    default: [...ISSUER_ALLOWLIST_DEFAULTS.allowedIssuers],
                    description: "Allowed issuers: full distinguished names, common names (CN) or organizations (O). Empty allows all.",
                },
            },
        },
        validateResource: (args, reportViolation) => {
            const { allowedIssuers = ISSUER_ALLOWLIST_DEFAULTS.allowedIssuers } = args.getConfig<IssuerAllowlistArgs>();
            if (allowedIssuers.length === 0) args.notApplicable("allowedIssuers is empty, which allows every issuer");
            const { leaf } = certificateUnderValidation(args);
            if (allowedIssuers.some((entry) => issuerMatches(leaf.issuer, entry))) return;
            reportViolation(
                `The certificate was issued by "${formatDistinguishedName(leaf.issuer)}", which is not in allowedIssuers (${allowedIssuers.map((entry) => `"${entry}"`).join(", ")}).`,
            );
        },
    };
}
